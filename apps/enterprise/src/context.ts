import { inject, type InjectionKey } from 'vue';
import type { MicroFrontendProps } from '@yingshang/ui';
import { enterpriseApi, type EnterpriseApi } from './services/enterprise.ts';

export const shellKey: InjectionKey<MicroFrontendProps> = Symbol('yingshang-shell');
export const enterpriseKey: InjectionKey<EnterpriseApi> = Symbol('yingshang-enterprise');

/** What the shell passed in: api client, session, tenant, base path. */
export function useShell(): MicroFrontendProps {
  const shell = inject(shellKey);
  if (!shell) throw new Error('useShell() outside the enterprise app');
  return shell;
}

/** The enterprise endpoints over the shell's client. */
export function useEnterprise(): EnterpriseApi {
  return inject(enterpriseKey) ?? enterpriseApi(useShell().api);
}

/** Whether the signed-in user holds a permission (or any of a list). */
export function useCan() {
  const shell = useShell();
  return (permission: string | readonly string[]) =>
    (typeof permission === 'string' ? [permission] : permission).some((p) => shell.session.hasPermission(p));
}
