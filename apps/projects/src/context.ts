import { inject, type InjectionKey } from 'vue';
import type { MicroFrontendProps } from '@yingshang/ui';
import { projectsApi, type ProjectsApi } from './services/projects.ts';

export const shellKey: InjectionKey<MicroFrontendProps> = Symbol('yingshang-shell');
export const projectsKey: InjectionKey<ProjectsApi> = Symbol('yingshang-projects');

/** What the shell passed in: api client, session, tenant, base path. */
export function useShell(): MicroFrontendProps {
  const shell = inject(shellKey);
  if (!shell) throw new Error('useShell() outside the projects app');
  return shell;
}

/** The projects endpoints over the shell's client. */
export function useProjects(): ProjectsApi {
  return inject(projectsKey) ?? projectsApi(useShell().api);
}

/** Whether the signed-in user holds a permission (or any of a list). */
export function useCan() {
  const shell = useShell();
  return (permission: string | readonly string[]) =>
    (typeof permission === 'string' ? [permission] : permission).some((p) => shell.session.hasPermission(p));
}
