import { inject, type InjectionKey } from 'vue';
import type { MicroFrontendProps } from '@yingshang/ui';
import { assessmentsApi, type AssessmentsApi } from './services/assessments.ts';

export const shellKey: InjectionKey<MicroFrontendProps> = Symbol('yingshang-shell');
export const assessmentsKey: InjectionKey<AssessmentsApi> = Symbol('yingshang-assessments');

/** What the shell passed in: api client, session, tenant, base path. */
export function useShell(): MicroFrontendProps {
  const shell = inject(shellKey);
  if (!shell) throw new Error('useShell() outside the assessments app');
  return shell;
}

/** The assessments endpoints over the shell's client. */
export function useAssessments(): AssessmentsApi {
  return inject(assessmentsKey) ?? assessmentsApi(useShell().api);
}

/** Whether the signed-in user holds a permission (or any of a list). */
export function useCan() {
  const shell = useShell();
  return (permission: string | readonly string[]) =>
    (typeof permission === 'string' ? [permission] : permission).some((p) => shell.session.hasPermission(p));
}

/** The city office sees every district; a district sees itself. The API enforces it, the UI only follows. */
export function useIsCity(): boolean {
  return useShell().tenant.kind === 'city';
}
