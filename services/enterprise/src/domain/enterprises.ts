import { type Enterprise, type EnterpriseListQuery, checkUscc } from '@yingshang/contracts';
import { type Tx, queryRows, schema, uuidv7 } from '@yingshang/db';
import { HttpProblem, problems, staleVersion } from '@yingshang/service-kit';
import { type SQL, and, eq, sql } from 'drizzle-orm';
import { type Caller, enterpriseScope } from './context.ts';
import { containsPattern, decodeCursor, encodeCursor, fieldProblem, iso, rate4, uniqueFields } from './problems.ts';

const E = schema.enterprises;

/** The USCC through every check, the city's allowlist included; the problem names the check that failed. */
export async function validateUscc(tx: Tx, tenantId: string, input: string, field = 'json.uscc') {
  const listed = await queryRows<{ uscc: string }>(
    tx,
    sql`select uscc from enterprise.uscc_allowlist
        where tenant_id in (${tenantId}::uuid, enterprise.current_city()) and uscc = ${input.trim().toUpperCase()}`,
  );
  const result = checkUscc(input, listed.map((r) => r.uscc));
  if (!result.valid) throw fieldProblem(field, result.message!, { check: result.failed });
  return result;
}

export async function usccAllowlist(tx: Tx, tenantId: string, code: string): Promise<string[]> {
  const rows = await queryRows<{ uscc: string }>(
    tx,
    sql`select uscc from enterprise.uscc_allowlist where tenant_id in (${tenantId}::uuid, enterprise.current_city()) and uscc = ${code.trim().toUpperCase()}`,
  );
  return rows.map((r) => r.uscc);
}

interface EnterpriseRow {
  id: string;
  uscc: string;
  name: string;
  industry: string;
  size: Enterprise['size'];
  aboveThreshold: boolean;
  headcount: number | null;
  insuredHeadcount: number | null;
  revenue: string | null;
  tax: string | null;
  rdSpending: string | null;
  certifications: string[] | string;
  foundedOn: string | null;
  address: string | null;
  parkId: string | null;
  parkName: string | null;
  contactName: string | null;
  contactPhone: string | null;
  registeredOn: string;
  cadres: { userId: string; name: string }[] | null;
  openAppeals: number;
  version: number;
  createdAt: string | Date;
  updatedAt: string | Date;
}

/** `extra`: more columns of `e` (the list adds its sort key, so the next page's cursor costs no second query). */
const select = (today: string, extra: SQL = sql``) => sql`
  select ${extra}e.id, e.uscc, e.name, e.industry, e.size, e.above_threshold as "aboveThreshold", e.headcount,
    e.insured_headcount as "insuredHeadcount", e.revenue::text as revenue, e.tax::text as tax, e.rd_spending::text as "rdSpending",
    e.certifications::text[] as certifications, e.founded_on::text as "foundedOn", e.address, e.park_id as "parkId", pk.name as "parkName",
    e.contact_name as "contactName", e.contact_phone as "contactPhone", e.registered_on::text as "registeredOn",
    (select coalesce(json_agg(json_build_object('userId', pr.cadre_user_id, 'name', pr.cadre_name) order by pr.start_date), '[]'::json)
       from enterprise.pairings pr where pr.tenant_id = e.tenant_id and pr.enterprise_id = e.id
         and pr.start_date <= ${today}::date and (pr.end_date is null or pr.end_date >= ${today}::date)) as cadres,
    (select count(*)::int from enterprise.appeals a where a.tenant_id = e.tenant_id and a.enterprise_id = e.id and a.status <> 'closed') as "openAppeals",
    e.version, e.created_at as "createdAt", e.updated_at as "updatedAt"
  from enterprise.enterprises e
  left join enterprise.parks pk on pk.tenant_id = e.tenant_id and pk.id = e.park_id`;

const pgArray = (v: string[] | string): string[] =>
  Array.isArray(v) ? v : v.replace(/^\{|\}$/g, '').split(',').filter(Boolean);

function toEnterprise(r: EnterpriseRow): Enterprise {
  const check = checkUscc(r.uscc);
  const usccWarnings = [...check.warnings];
  if (!check.valid) usccWarnings.push('校验位不符，按本市早期试点代码白名单接受');
  return {
    ...r,
    certifications: pgArray(r.certifications) as Enterprise['certifications'],
    rdRatio: r.rdSpending !== null && r.revenue !== null && Number(r.revenue) > 0 ? rate4(Number(r.rdSpending), Number(r.revenue)) : null,
    cadres: r.cadres ?? [],
    usccWarnings,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

const SORTS: Record<string, { expr: SQL; cast: string }> = {
  createdAt: { expr: sql`e.created_at`, cast: 'timestamptz' },
  name: { expr: sql`e.name`, cast: 'text' },
  revenue: { expr: sql`coalesce(e.revenue, -1)`, cast: 'numeric' },
};

export async function listEnterprises(tx: Tx, caller: Caller, q: EnterpriseListQuery, today: string) {
  const desc = q.sort.startsWith('-');
  const key = q.sort.replace(/^-/, '');
  const sort = SORTS[key]!;
  const cursor = decodeCursor(q.cursor, q.sort);
  const filters: SQL[] = [sql`e.tenant_id = ${caller.tenantId}::uuid`, enterpriseScope(caller, sql`e.id`, today)];
  if (q.q) {
    const p = containsPattern(q.q);
    filters.push(sql`(e.name ilike ${p} or e.uscc ilike ${p})`);
  }
  if (q.industry) filters.push(sql`e.industry = ${q.industry}`);
  if (q.size) filters.push(sql`e.size = ${q.size}`);
  if (q.aboveThreshold) filters.push(sql`e.above_threshold = ${q.aboveThreshold === 'true'}`);
  if (q.certification) filters.push(sql`${q.certification} = any(e.certifications::text[])`);
  if (q.parkId) filters.push(sql`e.park_id = ${q.parkId}::uuid`);
  if (q.cadreUserId) {
    filters.push(sql`e.id in (select pr.enterprise_id from enterprise.pairings pr where pr.tenant_id = e.tenant_id
      and pr.cadre_user_id = ${q.cadreUserId}::uuid and (pr.end_date is null or pr.end_date >= ${today}::date))`);
  }
  const where = sql.join(filters, sql` and `);
  const keyset = cursor
    ? sql` and (${sort.expr}, e.id) ${sql.raw(desc ? '<' : '>')} (${cursor.value}::${sql.raw(sort.cast)}, ${cursor.id}::uuid)`
    : sql``;
  const dir = sql.raw(desc ? 'desc' : 'asc');
  const rows = await queryRows<EnterpriseRow & { sortValue: string }>(
    tx,
    sql`${select(today, sql`(${sort.expr})::text as "sortValue", `)} where ${where}${keyset} order by ${sort.expr} ${dir}, e.id ${dir} limit ${q.limit + 1}`,
  );
  const last = rows[Math.min(rows.length, q.limit) - 1];
  const sortValues = last && rows.length > q.limit ? encodeCursor(q.sort, last.sortValue, last.id) : null;
  const [count] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from enterprise.enterprises e where ${where}`);
  return { items: rows.slice(0, q.limit).map(({ sortValue: _sortValue, ...row }) => toEnterprise(row)), nextCursor: sortValues, total: count?.n ?? 0 };
}

export async function getEnterprise(tx: Tx, caller: Caller, id: string, today: string): Promise<Enterprise> {
  const rows = await queryRows<EnterpriseRow>(
    tx,
    sql`${select(today)} where e.tenant_id = ${caller.tenantId}::uuid and e.id = ${id}::uuid and ${enterpriseScope(caller, sql`e.id`, today)}`,
  );
  if (rows.length === 0) throw problems.notFound('企业');
  return toEnterprise(rows[0]!);
}

/** Row locked for an edit; 404 outside the caller's reach. */
export async function lockEnterprise(tx: Tx, caller: Caller, id: string, today: string) {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select e.id from enterprise.enterprises e where e.tenant_id = ${caller.tenantId}::uuid and e.id = ${id}::uuid
        and ${enterpriseScope(caller, sql`e.id`, today)} for update`,
  );
  if (rows.length === 0) throw problems.notFound('企业');
  const [row] = await tx.select().from(E).where(and(eq(E.tenantId, caller.tenantId), eq(E.id, id)));
  return row!;
}

async function checkPark(tx: Tx, tenantId: string, parkId: string | null | undefined) {
  if (!parkId) return;
  const [park] = await tx.select({ id: schema.parks.id }).from(schema.parks).where(and(eq(schema.parks.tenantId, tenantId), eq(schema.parks.id, parkId)));
  if (!park) throw fieldProblem('json.parkId', '所在园区不存在');
}

export interface EnterpriseInput {
  uscc?: string;
  name?: string;
  industry?: string;
  size?: Enterprise['size'];
  aboveThreshold?: boolean | undefined;
  headcount?: number | null | undefined;
  insuredHeadcount?: number | null | undefined;
  revenue?: string | null | undefined;
  tax?: string | null | undefined;
  rdSpending?: string | null | undefined;
  certifications?: Enterprise['certifications'] | undefined;
  foundedOn?: string | null | undefined;
  address?: string | null | undefined;
  parkId?: string | null | undefined;
  contactName?: string | null | undefined;
  contactPhone?: string | null | undefined;
}

function checkFacts(input: EnterpriseInput, today: string) {
  if (input.foundedOn && input.foundedOn > today) throw fieldProblem('json.foundedOn', '成立日期不能晚于今天');
  if (input.headcount != null && input.insuredHeadcount != null && input.insuredHeadcount > input.headcount) {
    throw fieldProblem('json.insuredHeadcount', '参保人数不能多于从业人数');
  }
}

const USCC_UNIQUE = { enterprises_uscc_key: { field: 'json.uscc', message: '本单位已有该统一社会信用代码的企业' } };

export async function createEnterprise(tx: Tx, caller: Caller, input: Required<Pick<EnterpriseInput, 'uscc' | 'name' | 'industry' | 'size'>> & EnterpriseInput, today: string) {
  const uscc = await validateUscc(tx, caller.tenantId, input.uscc);
  checkFacts(input, today);
  await checkPark(tx, caller.tenantId, input.parkId);
  const id = uuidv7();
  const [row] = await uniqueFields(
    () =>
      tx
        .insert(E)
        .values({
          tenantId: caller.tenantId,
          id,
          uscc: uscc.code,
          name: input.name,
          industry: input.industry,
          size: input.size,
          aboveThreshold: input.aboveThreshold ?? false,
          headcount: input.headcount ?? null,
          insuredHeadcount: input.insuredHeadcount ?? null,
          revenue: input.revenue ?? null,
          tax: input.tax ?? null,
          rdSpending: input.rdSpending ?? null,
          certifications: [...new Set(input.certifications ?? [])],
          foundedOn: input.foundedOn ?? null,
          address: input.address ?? null,
          parkId: input.parkId ?? null,
          contactName: input.contactName ?? null,
          contactPhone: input.contactPhone ?? null,
          registeredOn: today,
          createdBy: caller.userId,
        })
        .returning(),
    USCC_UNIQUE,
  );
  return { row: row!, warnings: uscc.warnings };
}

export async function updateEnterprise(tx: Tx, before: typeof E.$inferSelect, expected: number, input: EnterpriseInput, today: string) {
  if (before.version !== expected) throw staleVersion(before.version);
  const patch: Record<string, unknown> = { ...input };
  if (input.uscc !== undefined) patch.uscc = (await validateUscc(tx, before.tenantId, input.uscc)).code;
  if (input.certifications) patch.certifications = [...new Set(input.certifications)];
  checkFacts({ headcount: before.headcount, insuredHeadcount: before.insuredHeadcount, ...input }, today);
  await checkPark(tx, before.tenantId, input.parkId);
  const [row] = await uniqueFields(
    () =>
      tx
        .update(E)
        .set({ ...patch, version: before.version + 1, updatedAt: new Date() })
        .where(and(eq(E.tenantId, before.tenantId), eq(E.id, before.id), eq(E.version, expected)))
        .returning(),
    USCC_UNIQUE,
  );
  if (!row) throw new HttpProblem(409, 'retry', '并发冲突', '请重试');
  return row;
}

/** A file registered by mistake goes; one with appeals, visits or matches is history and stays (409). */
export async function deleteEnterprise(tx: Tx, before: typeof E.$inferSelect, expected: number) {
  if (before.version !== expected) throw staleVersion(before.version);
  const [uses] = await queryRows<{ appeals: number; visits: number; matches: number }>(
    tx,
    sql`select (select count(*)::int from enterprise.appeals where tenant_id = ${before.tenantId}::uuid and enterprise_id = ${before.id}::uuid) as appeals,
               (select count(*)::int from enterprise.visits where tenant_id = ${before.tenantId}::uuid and enterprise_id = ${before.id}::uuid) as visits,
               (select count(*)::int from enterprise.policy_matches where tenant_id = ${before.tenantId}::uuid and enterprise_id = ${before.id}::uuid) as matches`,
  );
  if (uses && uses.appeals + uses.visits + uses.matches > 0) {
    throw new HttpProblem(409, 'enterprise-in-use', '企业档案已有业务记录', `该企业已有 ${uses.appeals} 条诉求、${uses.visits} 条走访、${uses.matches} 条政策匹配，不能删除`);
  }
  await tx.delete(E).where(and(eq(E.tenantId, before.tenantId), eq(E.id, before.id)));
}
