import { createAppI18n } from '@yingshang/ui';
import { adminEn } from './en.ts';
import { adminZhCN } from './zh-CN.ts';

/** A fresh instance per mount: the shell's i18n belongs to the shell's app. */
export const createAdminI18n = () => createAppI18n({ 'zh-CN': adminZhCN, en: adminEn });
