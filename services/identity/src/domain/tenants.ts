import type { PublicTenant } from '@yingshang/contracts/identity';
import { type Tx, queryRows } from '@yingshang/db';
import { problems, HttpProblem } from '@yingshang/service-kit';
import { sql } from 'drizzle-orm';

interface PublicTenantRow {
  id: string;
  city_id: string;
  slug: string;
  name: string;
  short_name: string;
  kind: PublicTenant['kind'];
  status: PublicTenant['status'];
  primary_color: string;
  logo: string | null;
  modules: string[];
  ranking_group?: string | null;
}

const toPublic = (r: PublicTenantRow): PublicTenant => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  shortName: r.short_name,
  kind: r.kind,
  status: r.status,
  primaryColor: r.primary_color,
  logo: r.logo,
  modules: r.modules,
});

/** Runs without a tenant: the security-definer function returns only a tenant's public columns. */
export async function findPublicTenant(tx: Tx, slug: string): Promise<(PublicTenant & { cityId: string }) | null> {
  const [row] = await queryRows<PublicTenantRow>(tx, sql`select * from identity.public_tenant_by_slug(${slug})`);
  return row ? { ...toPublic(row), cityId: row.city_id } : null;
}

export async function listPublicTenants(tx: Tx): Promise<(PublicTenant & { rankingGroup: string | null })[]> {
  const rows = await queryRows<PublicTenantRow>(tx, sql`select * from identity.public_tenants()`);
  return rows.map((r) => ({ ...toPublic(r), rankingGroup: r.ranking_group ?? null }));
}

/** A tenant that may sign in: exists, onboarded, not suspended. */
export function assertTenantOpen(tenant: PublicTenant | null): asserts tenant is PublicTenant {
  if (!tenant) throw problems.noTenant();
  if (tenant.status === 'suspended')
    throw new HttpProblem(403, 'tenant-suspended', '本单位已停用', '本单位账号已被市级管理员停用，请联系市营商办');
  if (tenant.status === 'invited')
    throw new HttpProblem(403, 'tenant-not-onboarded', '本单位尚未完成开通', '请由本单位管理员通过邀请链接完成开通');
}
