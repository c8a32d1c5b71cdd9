import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { useEnterprise } from '../context.ts';
import type { EnterpriseMe } from '../services/enterprise.ts';

/**
 * Who the caller is to this module (`GET /me`): the enterprise an enterprise user speaks for, and the tenant's time
 * limits (the grades offered when an appeal is registered or assigned). Fetched once per mount.
 */
export const useMe = defineStore('enterprise-me', () => {
  const api = useEnterprise();
  const me = shallowRef<EnterpriseMe | null>(null);
  const failed = ref(false);
  let pending: Promise<EnterpriseMe | null> | null = null;

  function ensure(): Promise<EnterpriseMe | null> {
    pending ??= api
      .me()
      .then((body) => (me.value = body))
      .catch((error: unknown) => {
        failed.value = true;
        pending = null;
        throw error;
      });
    return pending;
  }

  return { me, failed, ensure };
});
