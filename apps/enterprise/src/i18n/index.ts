import { inject, type InjectionKey } from 'vue';
import { createAppI18n } from '@yingshang/ui';
import { compileMessages, type SourceMessages } from '@yingshang/ui/i18n/compile.ts';
import { enterpriseEn } from './en.ts';
import { enterpriseZhCN } from './zh-CN.ts';

/** A fresh instance per mount: the shell's i18n belongs to the shell's app. */
export const createEnterpriseI18n = () => createAppI18n({ 'zh-CN': enterpriseZhCN, en: enterpriseEn });
export type EnterpriseI18n = ReturnType<typeof createEnterpriseI18n>;

/**
 * The messages of the pages beyond the appeal ledger travel with those pages (and the dialogs with the dialogs) rather
 * than in the module's entry, which the first view pays for. Each section merges in under `enterprise.`.
 */
const SECTIONS = {
  appeal: () => import('./sections/appeal.ts'),
  registry: () => import('./sections/registry.ts'),
  people: () => import('./sections/people.ts'),
  benefits: () => import('./sections/benefits.ts'),
  policies: () => import('./sections/policies.ts'),
  parks: () => import('./sections/parks.ts'),
  stats: () => import('./sections/stats.ts'),
} satisfies Record<string, () => Promise<{ default: SourceMessages }>>;

export type Section = keyof typeof SECTIONS;
export type LoadSections = (...names: Section[]) => Promise<void>;

export function sectionLoader(i18n: EnterpriseI18n): LoadSections {
  const loaded = new Map<Section, Promise<void>>();
  return (...names) =>
    Promise.all(
      names.map((name) => {
        let pending = loaded.get(name);
        if (!pending) {
          pending = SECTIONS[name]().then(({ default: messages }) => {
            // English falls back to these until an English set exists for the section.
            i18n.global.mergeLocaleMessage('zh-CN', compileMessages({ enterprise: messages }));
          });
          loaded.set(name, pending);
        }
        return pending;
      }),
    ).then(() => undefined);
}

export const sectionsKey: InjectionKey<LoadSections> = Symbol('yingshang-enterprise-sections');

/** The loader the mount provided: components that open lazily (dialogs) bring their messages with them. */
export function useSections(): LoadSections {
  const load = inject(sectionsKey);
  if (!load) throw new Error('useSections() outside the enterprise app');
  return load;
}
