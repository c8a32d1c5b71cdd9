import type { AssessedTenant } from '@yingshang/contracts';
import { type Tx, queryRows } from '@yingshang/db';
import { HttpProblem } from '@yingshang/service-kit';
import { sql } from 'drizzle-orm';
import { cityOnlyProblem } from '../domain/problems.ts';

/**
 * Who is asking, as this module sees it. The tenant comes from the verified token; whether it is the city, and
 * which districts it may see, comes from `assessments.city_tenants_v` inside the request's own transaction.
 */
export interface Caller {
  tenantId: string;
  cityId: string;
  isCity: boolean;
  userId: string;
  displayName: string;
  /** Districts whose figures the caller may see: the city → every active district; a district → itself. */
  visible: AssessedTenant[];
  /** Every active district of the city: names and groups, for published rankings. */
  districts: AssessedTenant[];
}

interface TenantRow {
  id: string;
  city_id: string;
  kind: string;
  name: string;
  short_name: string;
  slug: string | null;
  ranking_group: string | null;
  division_code: string;
  sort_order: number;
  status: string;
  is_current: boolean;
}

const toTenant = (r: TenantRow): AssessedTenant => ({
  id: r.id,
  name: r.name,
  shortName: r.short_name,
  slug: r.slug,
  rankingGroup: r.ranking_group,
  divisionCode: r.division_code,
  sortOrder: r.sort_order,
});

/** `principal`: the verified token's (or, for the nightly run, the city it runs for). */
export async function loadCaller(tx: Tx, principal: { tenantId: string; userId: string; displayName: string }): Promise<Caller> {
  const rows = await queryRows<TenantRow>(
    tx,
    sql`select id, city_id, kind, name, short_name, slug, ranking_group, division_code, sort_order, status, is_current
        from assessments.city_tenants_v order by sort_order, division_code, id`,
  );
  const me = rows.find((r) => r.is_current && r.id === principal.tenantId);
  if (!me) throw new HttpProblem(403, 'forbidden', '没有权限', '未找到当前单位');
  const isCity = me.kind === 'city' && me.id === me.city_id;
  const districts = rows.filter((r) => r.id !== r.city_id && r.status === 'active').map(toTenant);
  return {
    tenantId: me.id,
    cityId: me.city_id,
    isCity,
    userId: principal.userId,
    displayName: principal.displayName,
    districts,
    visible: isCity ? districts : districts.filter((d) => d.id === me.id),
  };
}

export function requireCity(caller: Caller): void {
  if (!caller.isCity) throw cityOnlyProblem();
}

/**
 * The tenants a read covers: the one asked for if the caller may see it, else all it may see. A district asking
 * for another district is refused, not silently answered with its own.
 */
export function scopeTenants(caller: Caller, tenantId: string | undefined): AssessedTenant[] {
  if (tenantId === undefined) return caller.visible;
  const found = caller.visible.find((t) => t.id === tenantId);
  if (!found) throw new HttpProblem(403, 'forbidden', '没有权限', '只能查看本单位的数据');
  return [found];
}
