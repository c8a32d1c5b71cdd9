import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { applyPrimaryColor, isProblemError, letterLogo, setFavicon, type Problem, type PublicTenant } from '@yingshang/ui';
import { api } from '../services/api.ts';
import { hostInfo, type HostInfo } from '../services/host.ts';
import { t } from '../i18n/index.ts';

/** tenant: the host names a tenant; portal: bare host (or an unknown one); failed: the service did not answer. */
export type ShellMode = 'loading' | 'tenant' | 'portal' | 'failed';

export const useTenantStore = defineStore('tenant', () => {
  const mode = ref<ShellMode>('loading');
  const tenant = shallowRef<PublicTenant | null>(null);
  const host = shallowRef<HostInfo>(hostInfo());
  /** Why the lookup failed, when it did (shown on the failure page). */
  const failure = shallowRef<Pick<Problem, 'title' | 'detail' | 'requestId'> | null>(null);

  const siteTitle = computed(() => (tenant.value ? `${tenant.value.name}${t('app.name')}` : t('app.name')));
  const logo = computed(() =>
    tenant.value ? (tenant.value.logo ?? letterLogo(tenant.value.shortName || tenant.value.name, tenant.value.primaryColor)) : null,
  );

  function brand(value: PublicTenant) {
    applyPrimaryColor(value.primaryColor);
    setFavicon(value.logo ?? letterLogo(value.shortName || value.name, value.primaryColor));
    document.title = `${value.name}${t('app.name')}`;
  }

  async function load(): Promise<void> {
    try {
      const value = await api.get<PublicTenant>('/api/identity/v1/public/tenant', { auth: false });
      tenant.value = value;
      brand(value);
      mode.value = 'tenant';
    } catch (error) {
      if (isProblemError(error) && error.status === 404) {
        mode.value = 'portal';
        applyPrimaryColor('#1f5fbf');
        document.title = t('app.name');
        return;
      }
      console.error('tenant lookup failed', error);
      if (isProblemError(error)) failure.value = { title: error.problem.title, detail: error.problem.detail, requestId: error.problem.requestId };
      mode.value = 'failed';
    }
  }

  /** Branding saved in the admin module: repaint without a reload. */
  function apply(change: Partial<Pick<PublicTenant, 'name' | 'shortName' | 'primaryColor' | 'logo' | 'modules'>>) {
    if (!tenant.value) return;
    tenant.value = { ...tenant.value, ...change };
    brand(tenant.value);
  }

  /** Fetch the host's tenant again (after its modules changed). */
  async function refresh(): Promise<void> {
    try {
      const value = await api.get<PublicTenant>('/api/identity/v1/public/tenant', { auth: false });
      tenant.value = value;
      brand(value);
    } catch (error) {
      console.warn('tenant refresh failed', error);
    }
  }

  /** The tenant's own modules (admin is always on: without it nobody could switch the others back on). */
  function moduleEnabled(code: string): boolean {
    return code === 'admin' || (tenant.value?.modules.includes(code) ?? false);
  }

  return { mode, tenant, host, failure, siteTitle, logo, load, brand, apply, refresh, moduleEnabled };
});
