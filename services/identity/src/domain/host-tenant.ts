import type { PublicTenant } from '@yingshang/contracts/identity';
import { problems, serviceTx, tenantSlugFromHost } from '@yingshang/service-kit';
import type { Context } from 'hono';
import { findPublicTenant } from './tenants.ts';

/** The tenant the request's host names, or a 404 problem: public routes have no token to take it from. */
// biome-ignore lint: any kit app's context
export async function hostTenant(c: Context<any>): Promise<PublicTenant & { cityId: string }> {
  const slug = tenantSlugFromHost(new URL(c.req.url).host, c.env.BASE_DOMAIN as string);
  if (!slug) throw problems.noTenant();
  const tenant = await serviceTx(c, (tx) => findPublicTenant(tx, slug));
  if (!tenant) throw problems.noTenant();
  return tenant;
}
