import type { TenantSummary } from '@yingshang/contracts/tenancy';
import { type Tx, schema, uuidv7 } from '@yingshang/db';
import { HttpProblem, problems, staleVersion } from '@yingshang/service-kit';
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import { invitationStates, issueInvitation, revokeInvitations } from './invitations.ts';

type TenantRow = typeof schema.tenants.$inferSelect;

/** The caller's tenant must be a city: registry actions are the city office's, whatever a role says. */
export async function requireCity(tx: Tx, tenantId: string): Promise<TenantRow> {
  const [city] = await tx.select().from(schema.tenants).where(eq(schema.tenants.id, tenantId));
  if (!city || city.kind !== 'city') throw problems.forbidden('只有市级单位可以管理租户');
  return city;
}

export async function districtOf(tx: Tx, cityId: string, id: string): Promise<TenantRow> {
  const [row] = await tx
    .select()
    .from(schema.tenants)
    .where(and(eq(schema.tenants.id, id), eq(schema.tenants.cityId, cityId), ne(schema.tenants.id, cityId)));
  if (!row) throw problems.notFound('单位');
  return row;
}

export async function summarise(tx: Tx, rows: TenantRow[]): Promise<TenantSummary[]> {
  const invitations = await invitationStates(
    tx,
    rows.map((r) => r.id),
  );
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return rows.map((r) => {
    const inv = invitations.get(r.id);
    return {
      id: r.id,
      name: r.name,
      shortName: r.shortName,
      kind: r.kind,
      divisionCode: r.divisionCode,
      rankingGroup: r.rankingGroup,
      slug: r.slug,
      primaryColor: r.primaryColor,
      logo: r.logo,
      status: r.status,
      modules: r.modules,
      allowedModules: r.allowedModules,
      onboardingSteps: r.onboardingSteps,
      invitation: { state: inv?.state ?? 'none', expiresAt: iso(inv?.expiresAt ?? null) },
      invitedAt: iso(r.invitedAt),
      activatedAt: iso(r.activatedAt),
      suspendedAt: iso(r.suspendedAt),
      suspendedReason: r.suspendedReason,
      version: r.version,
    };
  });
}

export async function listDistricts(tx: Tx, cityId: string, filter: { status?: string | undefined; keyword?: string | undefined }) {
  const rows = await tx
    .select()
    .from(schema.tenants)
    .where(and(eq(schema.tenants.cityId, cityId), ne(schema.tenants.id, cityId)))
    .orderBy(asc(schema.tenants.sortOrder), asc(schema.tenants.createdAt));
  const keyword = filter.keyword?.trim();
  const filtered = rows.filter(
    (r) =>
      (!filter.status || r.status === filter.status) &&
      (!keyword || r.name.includes(keyword) || r.divisionCode.includes(keyword) || (r.slug ?? '').includes(keyword)),
  );
  return summarise(tx, filtered);
}

export interface RegisterInput {
  name: string;
  shortName?: string | undefined;
  kind: 'district' | 'county_city' | 'county' | 'devzone';
  divisionCode: string;
  rankingGroup?: string | undefined;
  allowedModules?: string[] | undefined;
}

const ALL_MODULES = ['projects', 'enterprise', 'assessments', 'admin'];

export async function registerDistrict(tx: Tx, city: TenantRow, input: RegisterInput, actorId: string) {
  const [clash] = await tx
    .select({ id: schema.tenants.id })
    .from(schema.tenants)
    .where(and(eq(schema.tenants.cityId, city.id), eq(schema.tenants.divisionCode, input.divisionCode)));
  if (clash) {
    throw new HttpProblem(409, 'duplicate', '区划代码已登记', `区划代码 ${input.divisionCode} 已有单位使用`, {
      errors: [{ field: 'json.divisionCode', message: '该区划代码已登记' }],
    });
  }
  const allowed = [...new Set([...(input.allowedModules ?? ALL_MODULES), 'admin'])];
  const [{ maxSort } = { maxSort: 0 }] = await tx
    .select({ maxSort: schema.tenants.sortOrder })
    .from(schema.tenants)
    .where(eq(schema.tenants.cityId, city.id))
    .orderBy(desc(schema.tenants.sortOrder))
    .limit(1);
  const id = uuidv7();
  const [row] = await tx
    .insert(schema.tenants)
    .values({
      id,
      cityId: city.id,
      kind: input.kind,
      divisionCode: input.divisionCode,
      name: input.name,
      shortName: input.shortName ?? input.name,
      rankingGroup: input.rankingGroup ?? null,
      status: 'invited',
      primaryColor: city.primaryColor,
      allowedModules: allowed,
      modules: allowed,
      sortOrder: maxSort + 100,
      invitedAt: new Date(),
    })
    .returning();
  const invitation = await issueInvitation(tx, id, actorId);
  return { tenant: row!, invitation };
}

export async function setStatus(
  tx: Tx,
  tenant: TenantRow,
  expectedVersion: number | null,
  change: { status: 'active' | 'suspended'; reason?: string },
): Promise<TenantRow> {
  if (expectedVersion !== null && tenant.version !== expectedVersion) throw staleVersion(tenant.version);
  if (change.status === 'suspended' && tenant.status === 'suspended') throw problems.conflict('该单位已处于停用状态');
  if (change.status === 'active' && tenant.status !== 'suspended') throw problems.conflict('只有已停用的单位可以恢复');
  // An onboarded tenant returns to active; one suspended before finishing onboarding returns to invited.
  const status = change.status === 'active' && !tenant.activatedAt ? 'invited' : change.status;
  const [row] = await tx
    .update(schema.tenants)
    .set({
      status,
      suspendedAt: change.status === 'suspended' ? new Date() : null,
      suspendedReason: change.status === 'suspended' ? (change.reason ?? null) : null,
      version: tenant.version + 1,
      updatedAt: new Date(),
    })
    .where(and(eq(schema.tenants.id, tenant.id), eq(schema.tenants.version, tenant.version)))
    .returning();
  if (!row) throw staleVersion(tenant.version + 1);
  return row;
}

export async function reissue(tx: Tx, tenant: TenantRow, actorId: string) {
  if (tenant.status !== 'invited') throw problems.conflict('该单位已完成开通，无需邀请');
  return issueInvitation(tx, tenant.id, actorId);
}

export async function revoke(tx: Tx, tenant: TenantRow): Promise<number> {
  return revokeInvitations(tx, tenant.id);
}
