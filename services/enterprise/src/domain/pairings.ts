import type { Pairing, Visit } from '@yingshang/contracts';
import { type Tx, queryRows, schema, uuidv7 } from '@yingshang/db';
import { HttpProblem, problems } from '@yingshang/service-kit';
import { type SQL, and, eq, sql } from 'drizzle-orm';
import { type Caller, enterpriseScope } from './context.ts';
import { containsPattern, decodeCursor, encodeCursor, fieldProblem, iso } from './problems.ts';

const P = schema.pairings;

interface PairingRow extends Omit<Pairing, 'active'> {}

const pairingSelect = sql`
  select pr.id, pr.enterprise_id as "enterpriseId", e.name as "enterpriseName", pr.cadre_user_id as "cadreUserId",
    pr.cadre_name as "cadreName", pr.start_date::text as "startDate", pr.end_date::text as "endDate", pr.note, pr.version
  from enterprise.pairings pr join enterprise.enterprises e on e.tenant_id = pr.tenant_id and e.id = pr.enterprise_id`;

const toPairing = (r: PairingRow, today: string): Pairing => ({ ...r, active: r.startDate <= today && (r.endDate === null || r.endDate >= today) });

export async function listPairings(
  tx: Tx,
  caller: Caller,
  q: { enterpriseId?: string | undefined; cadreUserId?: string | undefined; active?: 'true' | 'false' | undefined },
  today: string,
): Promise<Pairing[]> {
  const filters: SQL[] = [sql`pr.tenant_id = ${caller.tenantId}::uuid`];
  // A cadre sees their own pairings, past ones included; others what their enterprise scope reaches.
  filters.push(caller.dataScope === 'self' && !caller.restricted ? sql`pr.cadre_user_id = ${caller.userId}::uuid` : enterpriseScope(caller, sql`pr.enterprise_id`, today));
  if (q.enterpriseId) filters.push(sql`pr.enterprise_id = ${q.enterpriseId}::uuid`);
  if (q.cadreUserId) filters.push(sql`pr.cadre_user_id = ${q.cadreUserId}::uuid`);
  if (q.active === 'true') filters.push(sql`pr.start_date <= ${today}::date and (pr.end_date is null or pr.end_date >= ${today}::date)`);
  if (q.active === 'false') filters.push(sql`not (pr.start_date <= ${today}::date and (pr.end_date is null or pr.end_date >= ${today}::date))`);
  const rows = await queryRows<PairingRow>(tx, sql`${pairingSelect} where ${sql.join(filters, sql` and `)} order by pr.start_date desc, pr.id desc limit 1000`);
  return rows.map((r) => toPairing(r, today));
}

export async function getPairing(tx: Tx, caller: Caller, id: string, today: string): Promise<Pairing> {
  const rows = await queryRows<PairingRow>(tx, sql`${pairingSelect} where pr.tenant_id = ${caller.tenantId}::uuid and pr.id = ${id}::uuid`);
  if (rows.length === 0) throw problems.notFound('包联关系');
  return toPairing(rows[0]!, today);
}

export async function createPairing(
  tx: Tx,
  caller: Caller,
  input: { enterpriseId: string; cadreUserId: string; startDate?: string | undefined; note?: string | null | undefined },
  today: string,
) {
  const [enterprise] = await tx.select({ id: schema.enterprises.id }).from(schema.enterprises).where(and(eq(schema.enterprises.tenantId, caller.tenantId), eq(schema.enterprises.id, input.enterpriseId)));
  if (!enterprise) throw fieldProblem('json.enterpriseId', '企业不存在');
  // The name is identity's, never the client's: a pairing records who the cadre was when paired.
  const [cadre] = await queryRows<{ displayName: string }>(
    tx,
    sql`select display_name as "displayName" from identity.staff_directory_v where id = ${input.cadreUserId}::uuid`,
  );
  if (!cadre) throw fieldProblem('json.cadreUserId', '包联干部不存在或已停用');
  const startDate = input.startDate ?? today;
  const [overlap] = await queryRows<{ id: string }>(
    tx,
    sql`select id from enterprise.pairings where tenant_id = ${caller.tenantId}::uuid and enterprise_id = ${input.enterpriseId}::uuid
        and cadre_user_id = ${input.cadreUserId}::uuid and (end_date is null or end_date >= ${startDate}::date) for update`,
  );
  if (overlap) throw new HttpProblem(409, 'duplicate', '数据重复', '该干部已包联这家企业', { errors: [{ field: 'json.cadreUserId', message: '该干部已包联这家企业' }] });
  const [row] = await tx
    .insert(P)
    .values({ tenantId: caller.tenantId, id: uuidv7(), enterpriseId: input.enterpriseId, cadreUserId: input.cadreUserId, cadreName: cadre.displayName, startDate, note: input.note ?? null })
    .returning();
  return row!;
}

export async function endPairing(tx: Tx, caller: Caller, id: string, endDate: string) {
  const [before] = await tx.select().from(P).where(and(eq(P.tenantId, caller.tenantId), eq(P.id, id))).for('update');
  if (!before) throw problems.notFound('包联关系');
  if (before.endDate !== null) throw new HttpProblem(409, 'pairing-ended', '包联关系已结束', `该包联关系已于 ${before.endDate} 结束`);
  if (endDate < before.startDate) throw fieldProblem('json.endDate', `结束日期不能早于开始日期（${before.startDate}）`);
  const [after] = await tx.update(P).set({ endDate, version: before.version + 1, updatedAt: new Date() }).where(and(eq(P.tenantId, caller.tenantId), eq(P.id, id))).returning();
  return { before, after: after! };
}

// ---------------------------------------------------------------------------------------------------------------
// Visits

interface VisitRow extends Omit<Visit, 'createdAt' | 'appealIds'> {
  createdAt: string | Date;
  appealIds: string[] | null;
}

const visitSelect = sql`
  select v.id, v.enterprise_id as "enterpriseId", e.name as "enterpriseName", v.cadre_user_id as "cadreUserId", v.cadre_name as "cadreName",
    v.visited_on::text as "visitedOn", v.method, v.notes, v.created_at as "createdAt",
    (select array_agg(a.id order by a.id) from enterprise.appeals a where a.tenant_id = v.tenant_id and a.visit_id = v.id) as "appealIds"
  from enterprise.visits v join enterprise.enterprises e on e.tenant_id = v.tenant_id and e.id = v.enterprise_id`;

const toVisit = (r: VisitRow): Visit => ({ ...r, appealIds: r.appealIds ?? [], createdAt: iso(r.createdAt) });

export async function listVisits(
  tx: Tx,
  caller: Caller,
  q: { limit: number; cursor?: string | undefined; enterpriseId?: string | undefined; cadreUserId?: string | undefined },
  today: string,
) {
  const cursor = decodeCursor(q.cursor, 'visits');
  const filters: SQL[] = [sql`v.tenant_id = ${caller.tenantId}::uuid`];
  filters.push(
    caller.dataScope === 'self' && !caller.restricted
      ? sql`(v.cadre_user_id = ${caller.userId}::uuid or ${enterpriseScope(caller, sql`v.enterprise_id`, today)})`
      : enterpriseScope(caller, sql`v.enterprise_id`, today),
  );
  if (q.enterpriseId) filters.push(sql`v.enterprise_id = ${q.enterpriseId}::uuid`);
  if (q.cadreUserId) filters.push(sql`v.cadre_user_id = ${q.cadreUserId}::uuid`);
  if (cursor) filters.push(sql`(v.visited_on, v.id) < (${cursor.value}::date, ${cursor.id}::uuid)`);
  const rows = await queryRows<VisitRow>(tx, sql`${visitSelect} where ${sql.join(filters, sql` and `)} order by v.visited_on desc, v.id desc limit ${q.limit + 1}`);
  const items = rows.slice(0, q.limit).map(toVisit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > q.limit && last ? encodeCursor('visits', last.visitedOn, last.id) : null };
}

export async function visitsOf(tx: Tx, tenantId: string, enterpriseId: string): Promise<Visit[]> {
  const rows = await queryRows<VisitRow>(tx, sql`${visitSelect} where v.tenant_id = ${tenantId}::uuid and v.enterprise_id = ${enterpriseId}::uuid order by v.visited_on desc, v.id desc limit 200`);
  return rows.map(toVisit);
}

export async function getVisit(tx: Tx, tenantId: string, id: string): Promise<Visit> {
  const rows = await queryRows<VisitRow>(tx, sql`${visitSelect} where v.tenant_id = ${tenantId}::uuid and v.id = ${id}::uuid`);
  if (rows.length === 0) throw problems.notFound('走访记录');
  return toVisit(rows[0]!);
}

export async function createVisit(
  tx: Tx,
  caller: Caller,
  input: { enterpriseId: string; visitedOn?: string | undefined; method?: 'onsite' | 'phone' | 'online' | undefined; notes: string },
  today: string,
) {
  const visitedOn = input.visitedOn ?? today;
  if (visitedOn > today) throw fieldProblem('json.visitedOn', '走访日期不能晚于今天');
  const reach = await queryRows<{ id: string }>(
    tx,
    sql`select e.id from enterprise.enterprises e where e.tenant_id = ${caller.tenantId}::uuid and e.id = ${input.enterpriseId}::uuid
        and ${enterpriseScope(caller, sql`e.id`, today)}`,
  );
  if (reach.length === 0) throw fieldProblem('json.enterpriseId', '企业不存在或不在您的包联范围内');
  const [row] = await tx
    .insert(schema.visits)
    .values({ tenantId: caller.tenantId, id: uuidv7(), enterpriseId: input.enterpriseId, cadreUserId: caller.userId, cadreName: caller.displayName, visitedOn, method: input.method ?? 'onsite', notes: input.notes })
    .returning();
  return row!;
}

/** The tenant's staff who can be paired, by name or department (identity's directory view; RLS-free, tenant-walled). */
export async function listCadres(tx: Tx, query: { q?: string | undefined; limit: number }) {
  const pattern = query.q ? containsPattern(query.q) : null;
  return queryRows<{ id: string; displayName: string; departmentId: string | null; departmentName: string | null }>(
    tx,
    sql`select id, display_name as "displayName", department_id as "departmentId", department_name as "departmentName"
        from identity.staff_directory_v
        where ${pattern}::text is null or display_name ilike ${pattern} or department_name ilike ${pattern}
        order by department_name nulls last, display_name, id
        limit ${query.limit}`,
  );
}
