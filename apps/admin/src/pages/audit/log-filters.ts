import { ref } from 'vue';
import type { TenantSummary } from '@yingshang/ui';
import { useIdentity, useShell } from '../../context.ts';

/** `[from, to]` from a date range picker as the services take it (whole days, Asia/Shanghai). */
export function rangeQuery(range: [string, string] | null | undefined): { from?: string; to?: string } {
  return range ? { from: range[0], to: range[1] } : {};
}

/** The city itself and its districts, for the all-tenant views' unit filter. */
export function useTenantOptions() {
  const identity = useIdentity();
  const shell = useShell();
  const options = ref<{ id: string; name: string }[]>([]);
  async function load() {
    try {
      const body = await identity.tenants.list({});
      options.value = [{ id: shell.tenant.id, name: shell.tenant.name }, ...body.items.map((t: TenantSummary) => ({ id: t.id, name: t.name }))];
    } catch {
      options.value = [{ id: shell.tenant.id, name: shell.tenant.name }];
    }
  }
  return { options, load };
}

/** "Mozilla/5.0 … Chrome/140.0 …" → "Chrome 140". */
export function browserOf(userAgent: string | null): string {
  if (!userAgent) return '—';
  const match = /(Edg|Chrome|Firefox|Safari)\/(\d+)/.exec(userAgent);
  if (match) return `${match[1] === 'Edg' ? 'Edge' : match[1]} ${match[2]}`;
  return userAgent.length > 24 ? `${userAgent.slice(0, 24)}…` : userAgent;
}
