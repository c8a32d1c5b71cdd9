import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { hasPermission, type CaptchaAnswer, type Me, type ModuleCode, type Permission, type ShellSession } from '@yingshang/ui';
import { api, session } from '../services/api.ts';
import { clearSessionHint } from '../services/session-hint.ts';
import { useTenantStore } from './tenant.ts';

export type SessionStatus = 'unknown' | 'anonymous' | 'authenticated';

export const useSessionStore = defineStore('session', () => {
  const status = ref<SessionStatus>('unknown');
  const me = shallowRef<Me | null>(null);
  let restoring: Promise<void> | null = null;

  const user = computed(() => me.value?.user ?? null);
  const permissions = computed<readonly string[]>(() => me.value?.permissions ?? []);
  const authenticated = computed(() => status.value === 'authenticated');
  /** First sign-in or a reset by an administrator: nothing else opens until the password is changed. */
  const mustChangePassword = computed(() => me.value?.mustChangePassword ?? false);

  async function loadMe() {
    me.value = await api.get<Me>('/api/identity/v1/me');
    status.value = 'authenticated';
  }

  /** On page load: the refresh cookie outlives the page, so a reload signs back in without a form. */
  async function restore() {
    try {
      if (await session.refresh()) await loadMe();
      else {
        status.value = 'anonymous';
        clearSessionHint();
      }
    } catch (error) {
      console.warn('session restore failed', error);
      me.value = null;
      status.value = 'anonymous';
    }
  }

  function ready(): Promise<void> {
    restoring ??= restore();
    return restoring;
  }

  async function signIn(username: string, password: string, captcha?: CaptchaAnswer) {
    await session.signIn(username, password, captcha);
    await loadMe();
    restoring = Promise.resolve();
  }

  /** After the tenant's modules or the user's password changed: permissions, modules and the flag come anew. */
  async function reload() {
    if (status.value === 'authenticated') await loadMe();
  }

  async function changePassword(currentPassword: string, newPassword: string) {
    await api.post('/api/identity/v1/me/password', { currentPassword, newPassword });
    await loadMe();
  }

  function clear() {
    me.value = null;
    status.value = 'anonymous';
    restoring = Promise.resolve();
  }

  async function signOut() {
    await session.signOut();
    clear();
  }

  function can(permission: Permission | readonly Permission[] | string | undefined): boolean {
    return hasPermission(permissions.value, permission);
  }

  /** A module opens when the tenant enabled it and the user's role reaches it (the service says which in `modules`). */
  function mayOpen(code: ModuleCode): boolean {
    const tenant = useTenantStore();
    return tenant.moduleEnabled(code) && (me.value?.modules.includes(code) ?? false);
  }

  /** The frozen view a micro-frontend gets in its customProps. */
  function shellSession(): ShellSession {
    const current = me.value;
    if (!current) throw new Error('not signed in');
    return Object.freeze({
      user: current.user,
      permissions: Object.freeze([...current.permissions]),
      modules: Object.freeze([...current.modules]),
      mustChangePassword: current.mustChangePassword,
      hasPermission: (p: string) => hasPermission(current.permissions, p),
      getAccessToken: () => session.getAccessToken(),
      signOut: () => signOut(),
    });
  }

  session.subscribe((event) => {
    if (event === 'expired') clear();
  });

  return {
    status,
    me,
    user,
    permissions,
    authenticated,
    mustChangePassword,
    ready,
    signIn,
    reload,
    changePassword,
    signOut,
    clear,
    can,
    mayOpen,
    shellSession,
  };
});
