import { createI18n } from 'vue-i18n';
import { compileMessages, type SourceMessages } from './compile.ts';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

type Messages = SourceMessages;

function merge(base: Messages, extra: Messages): Messages {
  const out: Messages = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = out[key];
    out[key] = typeof value === 'object' && typeof current === 'object' ? merge(current, value) : value;
  }
  return out;
}

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem('yingshang.locale');
    if (stored && (LOCALES as readonly string[]).includes(stored)) return stored as Locale;
  } catch {
    // Storage can be blocked; Chinese is the default anyway.
  }
  return 'zh-CN';
}

/**
 * A composition-mode i18n instance with the shared messages underneath the app's own. Every app builds its i18n
 * here: the messages are compiled to functions (see compile.ts), since the page's vue-i18n has no compiler.
 */
export function createAppI18n<T extends object>(messages: { 'zh-CN': T; en?: DeepPartial<T> }) {
  return createI18n({
    legacy: false,
    locale: initialLocale(),
    fallbackLocale: 'zh-CN',
    missingWarn: false,
    fallbackWarn: false,
    messages: {
      'zh-CN': compileMessages(merge(zhCN as unknown as Messages, messages['zh-CN'] as unknown as Messages)),
      en: compileMessages(merge(en as unknown as Messages, (messages.en ?? {}) as unknown as Messages)),
    },
  });
}
