import type { PublicTenant } from '@yingshang/contracts/identity';

interface Cached {
  tenant: PublicTenant | null;
  until: number;
}

// Per isolate: a tenant's status change reaches every gateway within this long.
const TTL_MS = 30_000;
const cache = new Map<string, Cached>();

/** The host's tenant as identity publishes it; null when the slug names no tenant. */
export async function resolveTenant(identity: Fetcher, origin: string, slug: string): Promise<PublicTenant | null> {
  const hit = cache.get(slug);
  if (hit && hit.until > Date.now()) return hit.tenant;
  const res = await identity.fetch(new Request(`${origin}/api/identity/v1/public/tenant`, { headers: { accept: 'application/json' } }));
  if (res.status !== 200 && res.status !== 404) throw new Error(`identity answered ${res.status}`);
  const tenant = res.status === 200 ? ((await res.json()) as PublicTenant) : null;
  cache.set(slug, { tenant, until: Date.now() + TTL_MS });
  return tenant;
}
