import { OfficeBuilding, Setting, Shop, Trophy } from '@element-plus/icons-vue';
import type { Component } from 'vue';
import type { ModuleCode } from '@yingshang/ui';

export const MODULE_ICONS: Record<ModuleCode, Component> = {
  projects: OfficeBuilding,
  enterprise: Shop,
  assessments: Trophy,
  admin: Setting,
};
