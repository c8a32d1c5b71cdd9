import { inject, type InjectionKey } from 'vue';
import { createAppI18n } from '@yingshang/ui';
import { compileMessages, type SourceMessages } from '@yingshang/ui/i18n/compile.ts';
import { assessmentsEn } from './en.ts';
import { assessmentsZhCN } from './zh-CN.ts';

/** A fresh instance per mount: the shell's i18n belongs to the shell's app. */
export const createAssessmentsI18n = () => createAppI18n({ 'zh-CN': assessmentsZhCN, en: assessmentsEn });
export type AssessmentsI18n = ReturnType<typeof createAssessmentsI18n>;

/**
 * Each page's messages travel with the page rather than in the module's entry, which the first view pays for.
 * Each section merges in under `assessments.`.
 */
const SECTIONS = {
  enums: () => import('./sections/enums.ts'),
  dashboard: () => import('./sections/dashboard.ts'),
  publish: () => import('./sections/publish.ts'),
  district: () => import('./sections/district.ts'),
  indicators: () => import('./sections/indicators.ts'),
  targets: () => import('./sections/targets.ts'),
  values: () => import('./sections/values.ts'),
  observations: () => import('./sections/observations.ts'),
  supervision: () => import('./sections/supervision.ts'),
} satisfies Record<string, () => Promise<{ default: SourceMessages }>>;

export type Section = keyof typeof SECTIONS;
export type LoadSections = (...names: Section[]) => Promise<void>;

export function sectionLoader(i18n: AssessmentsI18n): LoadSections {
  const loaded = new Map<Section, Promise<void>>();
  return (...names) =>
    Promise.all(
      names.map((name) => {
        let pending = loaded.get(name);
        if (!pending) {
          pending = SECTIONS[name]().then(({ default: messages }) => {
            // English falls back to these until an English set exists for the section.
            i18n.global.mergeLocaleMessage('zh-CN', compileMessages({ assessments: messages }));
          });
          loaded.set(name, pending);
        }
        return pending;
      }),
    ).then(() => undefined);
}

export const sectionsKey: InjectionKey<LoadSections> = Symbol('yingshang-assessments-sections');

export function useSections(): LoadSections {
  const load = inject(sectionsKey);
  if (!load) throw new Error('useSections() outside the assessments app');
  return load;
}
