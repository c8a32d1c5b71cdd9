import { inject, type InjectionKey } from 'vue';
import { createAppI18n } from '@yingshang/ui';
import { compileMessages, type SourceMessages } from '@yingshang/ui/i18n/compile.ts';
import { projectsEn } from './en.ts';
import { projectsZhCN } from './zh-CN.ts';

/** A fresh instance per mount: the shell's i18n belongs to the shell's app. */
export const createProjectsI18n = () => createAppI18n({ 'zh-CN': projectsZhCN, en: projectsEn });
export type ProjectsI18n = ReturnType<typeof createProjectsI18n>;

/**
 * The messages of the pages beyond the ledger travel with those pages (and the dialogs with the dialogs) rather than
 * in the module's entry, which the first view pays for. Each section merges in under `projects.`.
 */
const SECTIONS = {
  record: () => import('./sections/record.ts'),
  detail: () => import('./sections/detail.ts'),
  charts: () => import('./sections/charts.ts'),
  report: () => import('./sections/report.ts'),
  investment: () => import('./sections/investment.ts'),
  blockers: () => import('./sections/blockers.ts'),
  batches: () => import('./sections/batches.ts'),
  stats: () => import('./sections/stats.ts'),
  projectForm: () => import('./sections/projectForm.ts'),
  import: () => import('./sections/import.ts'),
} satisfies Record<string, () => Promise<{ default: SourceMessages }>>;

export type Section = keyof typeof SECTIONS;
export type LoadSections = (...names: Section[]) => Promise<void>;

export function sectionLoader(i18n: ProjectsI18n): LoadSections {
  const loaded = new Map<Section, Promise<void>>();
  return (...names) =>
    Promise.all(
      names.map((name) => {
        let pending = loaded.get(name);
        if (!pending) {
          pending = SECTIONS[name]().then(({ default: messages }) => {
            // English falls back to these until an English set exists for the section.
            i18n.global.mergeLocaleMessage('zh-CN', compileMessages({ projects: messages }));
          });
          loaded.set(name, pending);
        }
        return pending;
      }),
    ).then(() => undefined);
}

export const sectionsKey: InjectionKey<LoadSections> = Symbol('yingshang-projects-sections');

/** The loader the mount provided: components that open lazily (dialogs) bring their messages with them. */
export function useSections(): LoadSections {
  const load = inject(sectionsKey);
  if (!load) throw new Error('useSections() outside the projects app');
  return load;
}
