import { createAppI18n } from '@yingshang/ui';
import { shellEn } from './en.ts';
import { shellZhCN } from './zh-CN.ts';

export const i18n = createAppI18n({ 'zh-CN': shellZhCN, en: shellEn });
export const t = (key: string, values?: Record<string, unknown>): string => i18n.global.t(key, values ?? {});
