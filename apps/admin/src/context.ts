import { inject, type InjectionKey } from 'vue';
import type { MicroFrontendProps } from '@yingshang/ui';
import { identityApi, type IdentityApi } from './services/identity.ts';

export const shellKey: InjectionKey<MicroFrontendProps> = Symbol('yingshang-shell');
export const identityKey: InjectionKey<IdentityApi> = Symbol('yingshang-identity');

/** What the shell passed in: api client, session, tenant, base path. */
export function useShell(): MicroFrontendProps {
  const shell = inject(shellKey);
  if (!shell) throw new Error('useShell() outside the admin app');
  return shell;
}

/** The identity endpoints over the shell's client. */
export function useIdentity(): IdentityApi {
  return inject(identityKey) ?? identityApi(useShell().api);
}

/** Whether the signed-in user holds a permission (or any of a list). */
export function useCan() {
  const shell = useShell();
  return (permission: string | readonly string[]) =>
    (typeof permission === 'string' ? [permission] : permission).some((p) => shell.session.hasPermission(p));
}

/** The city office (the only `city` tenant) sees the tenant registry and every district's logs. */
export function useIsCity(): boolean {
  return useShell().tenant.kind === 'city';
}
