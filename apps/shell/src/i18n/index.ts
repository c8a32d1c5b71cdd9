import { createAppI18n } from '@yingshang/ui';
import { compileMessages } from '@yingshang/ui/i18n/compile.ts';
import { shellEn } from './en.ts';
import { shellZhCN } from './zh-CN.ts';

export const i18n = createAppI18n({ 'zh-CN': shellZhCN, en: shellEn });
export const t = (key: string, values?: Record<string, unknown>): string => i18n.global.t(key, values ?? {});

const forms = () => import('@yingshang/ui/i18n/forms.ts').then((m) => m.formMessagesZhCN);

/**
 * Messages of the full pages few people see (onboarding, password change) load with those pages, not at boot, and
 * with them the shared form messages (colour, logo, password rules).
 */
const PAGE_MESSAGES = {
  password: () => Promise.all([import('./pages/password.ts'), forms()]).then(([m, f]) => ({ password: m.password, ...f })),
  onboarding: () => Promise.all([import('./pages/onboarding.ts'), forms()]).then(([m, f]) => ({ onboarding: m.onboarding, ...f })),
};
const loaded = new Map<keyof typeof PAGE_MESSAGES, Promise<void>>();

export function loadPageMessages(name: keyof typeof PAGE_MESSAGES): Promise<void> {
  let pending = loaded.get(name);
  if (!pending) {
    pending = PAGE_MESSAGES[name]().then((messages) => i18n.global.mergeLocaleMessage('zh-CN', compileMessages(messages)));
    loaded.set(name, pending);
  }
  return pending;
}
