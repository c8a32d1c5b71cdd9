import type { CriteriaItem, MatchPreview, Policy, PolicyMatch } from '@yingshang/contracts';
import { type Tx, queryRows, schema, uuidv7 } from '@yingshang/db';
import { HttpProblem, problems, staleVersion } from '@yingshang/service-kit';
import { type SQL, and, eq, sql } from 'drizzle-orm';
import { type Caller, enterpriseScope } from './context.ts';
import { fieldProblem, iso } from './problems.ts';
import { type EnterpriseFacts, criteriaText, evaluate } from './rules.ts';

const PO = schema.policies;
const M = schema.policyMatches;

type PolicyRecord = typeof PO.$inferSelect;

async function matchCounts(tx: Tx, tenantId: string, caller: Caller, today: string) {
  const rows = await queryRows<{ policyId: string; status: PolicyMatch['status']; n: number }>(
    tx,
    sql`select m.policy_id as "policyId", m.status, count(*)::int as n from enterprise.policy_matches m
        where m.tenant_id = ${tenantId}::uuid and ${enterpriseScope(caller, sql`m.enterprise_id`, today)} group by 1, 2`,
  );
  const out = new Map<string, Policy['matches']>();
  for (const r of rows) {
    const c = out.get(r.policyId) ?? { matched: 0, notified: 0, confirmed: 0, paid: 0 };
    c[r.status] += r.n;
    out.set(r.policyId, c);
  }
  return out;
}

function toPolicy(p: PolicyRecord, counts: Policy['matches'] | undefined): Policy {
  const criteria = (p.criteria as CriteriaItem[]) ?? [];
  return {
    id: p.id,
    title: p.title,
    issuer: p.issuer,
    docNumber: p.docNumber,
    benefit: p.benefit,
    benefitAmount: p.benefitAmount,
    paymentDeadline: p.paymentDeadline,
    criteria: criteria as unknown as Record<string, unknown>[],
    criteriaText: criteriaText(criteria),
    status: p.status,
    publishedOn: p.publishedOn,
    matches: counts ?? { matched: 0, notified: 0, confirmed: 0, paid: 0 },
    version: p.version,
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
  };
}

/** Enterprise users see published policies only; drafts are the department's work. */
const visible = (caller: Caller): SQL => (caller.restricted || !caller.permissions.has('enterprise:policy:update') ? sql`status = 'published'` : sql`true`);

export async function listPolicies(tx: Tx, caller: Caller, today: string): Promise<Policy[]> {
  const rows = await tx.select().from(PO).where(and(eq(PO.tenantId, caller.tenantId), visible(caller))).orderBy(sql`${PO.createdAt} desc`).limit(500);
  const counts = await matchCounts(tx, caller.tenantId, caller, today);
  return rows.map((p) => toPolicy(p, counts.get(p.id)));
}

export async function getPolicy(tx: Tx, caller: Caller, id: string, today: string): Promise<Policy> {
  const [p] = await tx.select().from(PO).where(and(eq(PO.tenantId, caller.tenantId), eq(PO.id, id), visible(caller)));
  if (!p) throw problems.notFound('政策');
  return toPolicy(p, (await matchCounts(tx, caller.tenantId, caller, today)).get(id));
}

export async function lockPolicy(tx: Tx, caller: Caller, id: string): Promise<PolicyRecord> {
  const [p] = await tx.select().from(PO).where(and(eq(PO.tenantId, caller.tenantId), eq(PO.id, id))).for('update');
  if (!p) throw problems.notFound('政策');
  return p;
}

export interface PolicyInput {
  title?: string | undefined;
  issuer?: string | undefined;
  docNumber?: string | undefined;
  benefit?: string | undefined;
  benefitAmount?: string | null | undefined;
  paymentDeadline?: string | null | undefined;
  criteria?: CriteriaItem[] | undefined;
}

export async function createPolicy(tx: Tx, caller: Caller, input: Required<Pick<PolicyInput, 'title' | 'issuer' | 'docNumber' | 'benefit' | 'criteria'>> & PolicyInput) {
  const [row] = await tx
    .insert(PO)
    .values({
      tenantId: caller.tenantId,
      id: uuidv7(),
      title: input.title,
      issuer: input.issuer,
      docNumber: input.docNumber,
      benefit: input.benefit,
      benefitAmount: input.benefitAmount ?? null,
      paymentDeadline: input.paymentDeadline ?? null,
      criteria: input.criteria,
      createdBy: caller.userId,
    })
    .returning();
  return row!;
}

export async function updatePolicy(tx: Tx, before: PolicyRecord, expected: number, input: PolicyInput) {
  if (before.version !== expected) throw staleVersion(before.version);
  if (before.status !== 'draft' && input.criteria !== undefined) {
    throw new HttpProblem(409, 'policy-published', '政策已发布', '已发布政策的准入条件不能修改；如需调整请撤回后另发新政策', {
      errors: [{ field: 'json.criteria', message: '已发布政策的准入条件不能修改' }],
    });
  }
  const [row] = await tx
    .update(PO)
    .set({ ...input, version: before.version + 1, updatedAt: new Date() })
    .where(and(eq(PO.tenantId, before.tenantId), eq(PO.id, before.id)))
    .returning();
  return row!;
}

interface FactsRow extends EnterpriseFacts {
  id: string;
  name: string;
  uscc: string;
}

async function factsOf(tx: Tx, tenantId: string): Promise<FactsRow[]> {
  return queryRows<FactsRow>(
    tx,
    sql`select e.id, e.name, e.uscc, enterprise.current_division() as division, e.industry, e.size::text as size, e.above_threshold as "aboveThreshold",
          e.certifications::text[] as certifications, e.revenue::text as revenue, e.tax::text as tax, e.rd_spending::text as "rdSpending",
          e.headcount, e.insured_headcount as "insuredHeadcount", e.founded_on::text as "foundedOn"
        from enterprise.enterprises e where e.tenant_id = ${tenantId}::uuid order by e.name, e.id`,
  );
}

const pgArray = (v: readonly string[] | string): string[] => (Array.isArray(v) ? [...v] : (v as string).replace(/^\{|\}$/g, '').split(',').filter(Boolean));

/** Who matches, and why, without writing anything: the preview before publishing. */
export async function preview(tx: Tx, tenantId: string, criteria: CriteriaItem[], today: string, limit = 500): Promise<MatchPreview> {
  const facts = await factsOf(tx, tenantId);
  const evaluated = facts.map((f) => ({ f, evaluation: evaluate(criteria, { ...f, certifications: pgArray(f.certifications) }, today) }));
  const hits = evaluated.filter((e) => e.evaluation.verdict !== 'ineligible');
  return {
    evaluated: facts.length,
    eligible: hits.filter((h) => h.evaluation.verdict === 'eligible').length,
    undecided: hits.filter((h) => h.evaluation.verdict === 'undecided').length,
    items: hits.slice(0, limit).map(({ f, evaluation }) => ({ enterpriseId: f.id, enterpriseName: f.name, uscc: f.uscc, evaluation })),
  };
}

/** Publishing runs the matching: every eligible enterprise gets a match (免申即享), every undecided one a quick application. */
export async function publish(tx: Tx, caller: Caller, before: PolicyRecord, expected: number | null, today: string) {
  if (expected !== null && before.version !== expected) throw staleVersion(before.version);
  if (before.status !== 'draft') throw new HttpProblem(409, 'policy-published', '政策已发布', `该政策状态为“${before.status === 'published' ? '已发布' : '已撤回'}”，不能再次发布`);
  if (before.paymentDeadline && before.paymentDeadline < today) throw fieldProblem('json.paymentDeadline', `兑现截止日期（${before.paymentDeadline}）已过，不能发布`);
  const result = await preview(tx, caller.tenantId, before.criteria as CriteriaItem[], today, 100_000);
  const values = result.items.map((i) => ({
    tenantId: caller.tenantId,
    id: uuidv7(),
    policyId: before.id,
    enterpriseId: i.enterpriseId,
    mode: i.evaluation.verdict === 'eligible' ? ('automatic' as const) : ('quick_application' as const),
    status: 'matched' as const,
    explanation: i.evaluation,
    amount: before.benefitAmount,
    matchedOn: today,
  }));
  for (let i = 0; i < values.length; i += 500) await tx.insert(M).values(values.slice(i, i + 500)).onConflictDoNothing();
  const [after] = await tx
    .update(PO)
    .set({ status: 'published', publishedOn: today, version: before.version + 1, updatedAt: new Date() })
    .where(and(eq(PO.tenantId, caller.tenantId), eq(PO.id, before.id)))
    .returning();
  return { after: after!, created: values.length, automatic: result.eligible, quickApplication: result.undecided };
}

/** A published policy withdrawn: no more matching; the matches already made stay, to be honoured or closed. */
export async function withdraw(tx: Tx, before: PolicyRecord, expected: number | null) {
  if (expected !== null && before.version !== expected) throw staleVersion(before.version);
  if (before.status !== 'published') throw new HttpProblem(409, 'policy-not-published', '政策未发布', '只有已发布的政策可以撤回');
  const [after] = await tx
    .update(PO)
    .set({ status: 'withdrawn', version: before.version + 1, updatedAt: new Date() })
    .where(and(eq(PO.tenantId, before.tenantId), eq(PO.id, before.id)))
    .returning();
  return after!;
}

// ---------------------------------------------------------------------------------------------------------------
// Matches

type MatchRow = Omit<PolicyMatch, 'evaluation'> & { evaluation: PolicyMatch['evaluation'] };

const matchSelect = sql`
  select m.id, m.policy_id as "policyId", p.title as "policyTitle", p.doc_number as "docNumber", p.benefit, m.enterprise_id as "enterpriseId",
    e.name as "enterpriseName", m.mode, m.status, m.explanation as evaluation, m.amount::text as amount, p.payment_deadline::text as "paymentDeadline",
    m.matched_on::text as "matchedOn", m.notified_on::text as "notifiedOn", m.confirmed_on::text as "confirmedOn", m.paid_on::text as "paidOn", m.version
  from enterprise.policy_matches m
  join enterprise.policies p on p.tenant_id = m.tenant_id and p.id = m.policy_id
  join enterprise.enterprises e on e.tenant_id = m.tenant_id and e.id = m.enterprise_id`;

export async function listMatches(
  tx: Tx,
  caller: Caller,
  q: { policyId?: string | undefined; enterpriseId?: string | undefined; status?: PolicyMatch['status'] | undefined },
  today: string,
): Promise<PolicyMatch[]> {
  const filters: SQL[] = [sql`m.tenant_id = ${caller.tenantId}::uuid`, enterpriseScope(caller, sql`m.enterprise_id`, today)];
  if (q.policyId) filters.push(sql`m.policy_id = ${q.policyId}::uuid`);
  if (q.enterpriseId) filters.push(sql`m.enterprise_id = ${q.enterpriseId}::uuid`);
  if (q.status) filters.push(sql`m.status = ${q.status}`);
  return queryRows<MatchRow>(tx, sql`${matchSelect} where ${sql.join(filters, sql` and `)} order by m.matched_on desc, m.id desc limit 2000`);
}

export async function getMatch(tx: Tx, caller: Caller, id: string, today: string): Promise<PolicyMatch> {
  const rows = await queryRows<MatchRow>(tx, sql`${matchSelect} where m.tenant_id = ${caller.tenantId}::uuid and m.id = ${id}::uuid and ${enterpriseScope(caller, sql`m.enterprise_id`, today)}`);
  if (rows.length === 0) throw problems.notFound('政策匹配');
  return rows[0]!;
}

const ORDER = ['matched', 'notified', 'confirmed', 'paid'] as const;

/** matched → notified → confirmed → paid, one step at a time; confirming is the enterprise's own act. */
export async function moveMatch(tx: Tx, caller: Caller, id: string, to: PolicyMatch['status'], today: string) {
  await getMatch(tx, caller, id, today);
  const [before] = await tx.select().from(M).where(and(eq(M.tenantId, caller.tenantId), eq(M.id, id))).for('update');
  if (!before) throw problems.notFound('政策匹配');
  if (to === 'confirmed' && caller.enterpriseId !== before.enterpriseId) {
    throw new HttpProblem(403, 'not-own-enterprise', '只能由企业本身确认', '政策兑现须由该企业的用户确认');
  }
  const from = ORDER.indexOf(before.status);
  const target = ORDER.indexOf(to);
  // An enterprise may confirm straight from `matched` (it saw the benefit before the notice went out).
  const ok = target === from + 1 || (to === 'confirmed' && before.status === 'matched');
  if (!ok) {
    const labels = { matched: '已匹配', notified: '已通知', confirmed: '已确认', paid: '已兑付' };
    throw new HttpProblem(409, 'match-transition', '当前状态不能执行此操作', `政策匹配处于“${labels[before.status]}”，不能变为“${labels[to]}”`);
  }
  const stamp = { notified: { notifiedOn: today }, confirmed: { confirmedOn: today, confirmedBy: caller.userId }, paid: { paidOn: today }, matched: {} }[to];
  const [after] = await tx
    .update(M)
    .set({ status: to, ...stamp, ...(to === 'confirmed' && !before.notifiedOn ? { notifiedOn: today } : {}), version: before.version + 1, updatedAt: new Date() })
    .where(and(eq(M.tenantId, caller.tenantId), eq(M.id, id)))
    .returning();
  return { before, after: after! };
}
