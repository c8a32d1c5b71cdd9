import { type TenantTier, tenantTier } from '@yingshang/contracts/permissions';
import { type Tx, schema } from '@yingshang/db';
import { problems } from '@yingshang/service-kit';
import { eq } from 'drizzle-orm';

export interface CallerTenant {
  id: string;
  cityId: string;
  name: string;
  kind: (typeof schema.tenants.$inferSelect)['kind'];
  tier: TenantTier;
  modules: string[];
}

/** The caller's own tenant, read afresh: its kind decides what roles may grant, its modules what the editor shows. */
export async function callerTenant(tx: Tx, tenantId: string): Promise<CallerTenant> {
  const [row] = await tx
    .select({
      id: schema.tenants.id,
      cityId: schema.tenants.cityId,
      name: schema.tenants.name,
      kind: schema.tenants.kind,
      modules: schema.tenants.modules,
    })
    .from(schema.tenants)
    .where(eq(schema.tenants.id, tenantId));
  if (!row) throw problems.unauthorized();
  return { ...row, tier: tenantTier(row.kind) };
}

/**
 * The city office's powers (publishing notices, reading every district's logs) need more than the permission
 * name: the caller's tenant must really be the city. A district role cannot carry those names, but if one ever
 * did, it still gets no further than here.
 */
export async function requireCityOffice(tx: Tx, tenantId: string, detail: string): Promise<CallerTenant> {
  const tenant = await callerTenant(tx, tenantId);
  if (tenant.tier !== 'city' || tenant.cityId !== tenant.id) throw problems.forbidden(detail);
  return tenant;
}
