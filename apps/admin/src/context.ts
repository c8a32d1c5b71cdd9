import { inject, type InjectionKey } from 'vue';
import type { MicroFrontendProps } from '@yingshang/ui';

export const shellKey: InjectionKey<MicroFrontendProps> = Symbol('yingshang-shell');

/** What the shell passed in: api client, session, tenant, base path. */
export function useShell(): MicroFrontendProps {
  const shell = inject(shellKey);
  if (!shell) throw new Error('useShell() outside the admin app');
  return shell;
}
