import {
  type Appeal,
  type AppealAction,
  type AppealDetail,
  type AppealListQuery,
  type TimeLimitSettings,
  type WorkingCalendar,
  appealEventLabels,
} from '@yingshang/contracts';
import { type Tx, queryRows, schema, uuidv7 } from '@yingshang/db';
import { problems, staleVersion } from '@yingshang/service-kit';
import { type SQL, and, asc, eq, sql } from 'drizzle-orm';
import { type ActionOutcome, type AppealState, type EventDraft, allowedActions, applyAction, gradeDays, registrationDeadline } from './appeal-machine.ts';
import { type Caller, enterpriseScope } from './context.ts';
import { containsPattern, decodeCursor, encodeCursor, fieldProblem, iso } from './problems.ts';

const A = schema.appeals;
const EV = schema.appealEvents;
const X = schema.appealExtensions;

export interface Env {
  today: string;
  calendar: WorkingCalendar;
  limits: TimeLimitSettings;
}

type AppealRow = Omit<Appeal, 'allowedActions' | 'workdaysLeft' | 'gradeLabel' | 'createdAt' | 'updatedAt'> & {
  createdAt: string | Date;
  updatedAt: string | Date;
};

const select = sql`
  select a.id, a.code, a.enterprise_id as "enterpriseId", e.name as "enterpriseName", a.category, a.title, a.description, a.source,
    a.visit_id as "visitId", a.grade, a.time_limit_days as "timeLimitDays", a.status, a.registered_on::text as "registeredOn",
    a.assigned_department_id as "assignedDepartmentId", a.assigned_unit as "assignedUnit", a.co_units as "coUnits",
    a.assigned_on::text as "assignedOn", a.deadline::text as deadline, a.accepted_on::text as "acceptedOn",
    a.resolved_on::text as "resolvedOn", a.resolution, a.solved, a.followed_up_on::text as "followedUpOn",
    a.follow_up_method as "followUpMethod", a.rating, a.rated_on::text as "ratedOn", a.redo_count as "redoCount",
    a.closed_on::text as "closedOn", a.closed_on_time as "closedOnTime", a.close_workdays as "closeWorkdays", a.overdue,
    a.overdue_since::text as "overdueSince", a.escalated, a.escalated_to as "escalatedTo", a.extension_pending as "extensionPending",
    a.created_by_name as "createdByName", a.version, a.created_at as "createdAt", a.updated_at as "updatedAt"
  from enterprise.appeals a join enterprise.enterprises e on e.tenant_id = a.tenant_id and e.id = a.enterprise_id`;

const pgArray = (v: string[] | string): string[] => (Array.isArray(v) ? v : v.replace(/^\{|\}$/g, '').split(',').filter(Boolean).map((s) => s.replace(/^"|"$/g, '')));

function toAppeal(r: AppealRow, caller: Caller, env: Env): Appeal {
  const state = r as unknown as AppealState;
  return {
    ...r,
    coUnits: pgArray(r.coUnits as unknown as string[] | string),
    gradeLabel: env.limits.grades.find((g) => g.code === r.grade)?.label ?? r.grade,
    workdaysLeft: r.status === 'closed' ? null : env.calendar.workingDaysBetween(env.today, r.deadline),
    allowedActions: allowedActions(state, { permissions: caller.permissions, ownEnterprise: caller.enterpriseId === r.enterpriseId }, env),
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

function filtersFor(caller: Caller, q: Partial<AppealListQuery>, today: string): SQL[] {
  const filters: SQL[] = [sql`a.tenant_id = ${caller.tenantId}::uuid`, scopeOf(caller, today)];
  if (q.q) {
    const p = containsPattern(q.q);
    filters.push(sql`(a.title ilike ${p} or a.code ilike ${p} or e.name ilike ${p} or a.assigned_unit ilike ${p})`);
  }
  if (q.status) filters.push(sql`a.status = ${q.status}`);
  if (q.state === 'open') filters.push(sql`a.status <> 'closed'`);
  if (q.state === 'closed') filters.push(sql`a.status = 'closed'`);
  if (q.category) filters.push(sql`a.category = ${q.category}`);
  if (q.enterpriseId) filters.push(sql`a.enterprise_id = ${q.enterpriseId}::uuid`);
  if (q.assignedUnit) filters.push(sql`a.assigned_unit = ${q.assignedUnit}`);
  if (q.overdue) filters.push(sql`a.overdue = ${q.overdue === 'true'}`);
  if (q.escalated) filters.push(sql`a.escalated = ${q.escalated === 'true'}`);
  if (q.from) filters.push(sql`a.registered_on >= ${q.from}::date`);
  if (q.to) filters.push(sql`a.registered_on <= ${q.to}::date`);
  return filters;
}

/** Appeals the caller reaches: their enterprise's (enterprise users), their paired enterprises' or their own (cadres), else all. */
function scopeOf(caller: Caller, today: string): SQL {
  if (caller.dataScope === 'self' && !caller.restricted) {
    return sql`(a.created_by = ${caller.userId}::uuid or ${enterpriseScope(caller, sql`a.enterprise_id`, today)})`;
  }
  return enterpriseScope(caller, sql`a.enterprise_id`, today);
}

export async function listAppeals(tx: Tx, caller: Caller, q: AppealListQuery, env: Env) {
  const cursor = decodeCursor(q.cursor, 'appeals');
  const filters = filtersFor(caller, q, env.today);
  const where = sql.join(filters, sql` and `);
  const rows = await queryRows<AppealRow>(
    tx,
    sql`${select} where ${where}${cursor ? sql` and a.id < ${cursor.id}::uuid` : sql``} order by a.id desc limit ${q.limit + 1}`,
  );
  // Only a text search reads the enterprise's name; without one the count needs no join (a district holds tens
  // of thousands of appeals at scale, and the join doubled the page's time — BENCHMARKS.md).
  const from = q.q
    ? sql`enterprise.appeals a join enterprise.enterprises e on e.tenant_id = a.tenant_id and e.id = a.enterprise_id`
    : sql`enterprise.appeals a`;
  const [count] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from ${from} where ${where}`);
  const items = rows.slice(0, q.limit).map((r) => toAppeal(r, caller, env));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > q.limit && last ? encodeCursor('appeals', '', last.id) : null, total: count?.n ?? 0 };
}

/** Every appeal matching the filters, oldest first (the Excel ledger). */
export async function allAppeals(tx: Tx, caller: Caller, q: Partial<AppealListQuery>, env: Env) {
  const rows = await queryRows<AppealRow & { uscc: string }>(
    tx,
    sql`select x.*, e2.uscc from (${select} where ${sql.join(filtersFor(caller, q, env.today), sql` and `)}) x
        join enterprise.enterprises e2 on e2.tenant_id = ${caller.tenantId}::uuid and e2.id = x."enterpriseId"
        order by x."registeredOn", x.id limit 20000`,
  );
  return rows.map((r) => ({ ...toAppeal(r, caller, env), uscc: r.uscc }));
}

export async function appealsOfEnterprise(tx: Tx, caller: Caller, enterpriseId: string, env: Env) {
  const rows = await queryRows<AppealRow>(
    tx,
    sql`${select} where a.tenant_id = ${caller.tenantId}::uuid and a.enterprise_id = ${enterpriseId}::uuid and ${scopeOf(caller, env.today)} order by a.id desc limit 200`,
  );
  return rows.map((r) => toAppeal(r, caller, env));
}

export async function getAppeal(tx: Tx, caller: Caller, id: string, env: Env): Promise<AppealDetail> {
  const rows = await queryRows<AppealRow>(tx, sql`${select} where a.tenant_id = ${caller.tenantId}::uuid and a.id = ${id}::uuid and ${scopeOf(caller, env.today)}`);
  if (rows.length === 0) throw problems.notFound('诉求');
  const appeal = toAppeal(rows[0]!, caller, env);
  const events = await tx.select().from(EV).where(and(eq(EV.tenantId, caller.tenantId), eq(EV.appealId, id))).orderBy(asc(EV.at), asc(EV.id));
  const extensions = await tx.select().from(X).where(and(eq(X.tenantId, caller.tenantId), eq(X.appealId, id))).orderBy(asc(X.createdAt));
  return {
    ...appeal,
    timeline: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      label: appealEventLabels[e.kind] ?? e.kind,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      onDate: e.onDate,
      at: e.at.toISOString(),
      actorName: e.actorName,
      note: e.note,
      data: (e.data as Record<string, unknown> | null) ?? null,
    })),
    extensions: extensions.map((x) => ({
      id: x.id,
      days: x.days,
      reason: x.reason,
      requestedOn: x.requestedOn,
      status: x.status,
      decidedOn: x.decidedOn,
      decisionNote: x.decisionNote,
      previousDeadline: x.previousDeadline,
      newDeadline: x.newDeadline,
    })),
  };
}

export async function appendEvents(tx: Tx, tenantId: string, appealId: string, events: EventDraft[], onDate: string, actor: { id: string | null; name: string | null }) {
  if (events.length === 0) return;
  const base = Date.now();
  await tx.insert(EV).values(
    events.map((e, i) => ({
      tenantId,
      id: uuidv7(),
      appealId,
      kind: e.kind,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      onDate,
      // Events of one action keep their order on the timeline.
      at: new Date(base + i),
      actorId: actor.id,
      actorName: actor.name,
      note: e.note,
      data: e.data,
    })),
  );
}

async function nextCode(tx: Tx, tenantId: string, today: string): Promise<string> {
  const year = today.slice(0, 4);
  // Serialise numbering per tenant and year inside the transaction.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`appeal-code:${tenantId}:${year}`}))`);
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`select coalesce(max(substring(code from 8)::int), 0)::int as n from enterprise.appeals where tenant_id = ${tenantId}::uuid and code like ${`SQ${year}-%`}`,
  );
  return `SQ${year}-${String((row?.n ?? 0) + 1).padStart(6, '0')}`;
}

export interface NewAppeal {
  enterpriseId?: string | undefined;
  category: Appeal['category'];
  title: string;
  description: string;
  source?: Appeal['source'] | undefined;
  visitId?: string | null | undefined;
  grade?: string | undefined;
}

export async function createAppeal(tx: Tx, caller: Caller, input: NewAppeal, env: Env) {
  let enterpriseId = input.enterpriseId;
  if (caller.restricted) {
    if (!caller.enterpriseId) throw problems.forbidden('当前账号未关联企业，不能提交诉求');
    if (enterpriseId && enterpriseId !== caller.enterpriseId) throw fieldProblem('json.enterpriseId', '企业用户只能为本企业提交诉求');
    enterpriseId = caller.enterpriseId;
  }
  if (!enterpriseId) throw fieldProblem('json.enterpriseId', '请选择提出诉求的企业');
  const reach = await queryRows<{ id: string }>(
    tx,
    sql`select e.id from enterprise.enterprises e where e.tenant_id = ${caller.tenantId}::uuid and e.id = ${enterpriseId}::uuid and ${enterpriseScope(caller, sql`e.id`, env.today)}`,
  );
  if (reach.length === 0) throw fieldProblem('json.enterpriseId', '企业不存在或不在您的包联范围内');
  const source = caller.restricted ? 'enterprise' : (input.source ?? (input.visitId ? 'visit' : 'enterprise'));
  if (input.visitId) {
    const [visit] = await tx.select({ enterpriseId: schema.visits.enterpriseId }).from(schema.visits).where(and(eq(schema.visits.tenantId, caller.tenantId), eq(schema.visits.id, input.visitId)));
    if (!visit || visit.enterpriseId !== enterpriseId) throw fieldProblem('json.visitId', '走访记录不存在或不属于该企业');
  }
  const grade = input.grade ?? env.limits.grades[0]!.code;
  const days = gradeDays(env.limits, grade);
  const id = uuidv7();
  const [row] = await tx
    .insert(A)
    .values({
      tenantId: caller.tenantId,
      id,
      code: await nextCode(tx, caller.tenantId, env.today),
      enterpriseId,
      category: input.category,
      title: input.title,
      description: input.description,
      source,
      visitId: input.visitId ?? null,
      grade,
      timeLimitDays: days,
      registeredOn: env.today,
      deadline: registrationDeadline(env.today, env),
      createdBy: caller.userId,
      createdByName: caller.displayName,
    })
    .returning();
  await appendEvents(tx, caller.tenantId, id, [{ kind: 'register', fromStatus: null, toStatus: 'registered', note: input.title, data: { source, grade, assignBy: row!.deadline } }], env.today, {
    id: caller.userId,
    name: caller.displayName,
  });
  return row!;
}

/** Locks the appeal (404 outside the caller's reach) and applies one action; everything in the caller's transaction. */
export async function act(
  tx: Tx,
  caller: Caller,
  id: string,
  action: AppealAction,
  input: Record<string, unknown>,
  expectedVersion: number | null,
  env: Env,
): Promise<{ before: typeof A.$inferSelect; after: typeof A.$inferSelect; outcome: ActionOutcome }> {
  const reach = await queryRows<{ id: string }>(
    tx,
    sql`select a.id from enterprise.appeals a where a.tenant_id = ${caller.tenantId}::uuid and a.id = ${id}::uuid and ${scopeOf(caller, env.today)}`,
  );
  if (reach.length === 0) throw problems.notFound('诉求');
  const [before] = await tx.select().from(A).where(and(eq(A.tenantId, caller.tenantId), eq(A.id, id))).for('update');
  if (!before) throw problems.notFound('诉求');
  if (expectedVersion !== null && before.version !== expectedVersion) throw staleVersion(before.version);
  const [pending] = await tx.select().from(X).where(and(eq(X.tenantId, caller.tenantId), eq(X.appealId, id), eq(X.status, 'pending')));
  const outcome = applyAction(
    before as unknown as AppealState,
    action,
    input,
    { permissions: caller.permissions, ownEnterprise: caller.enterpriseId === before.enterpriseId },
    env,
    pending ? { id: pending.id, days: pending.days } : null,
  );
  if (input.assignedDepartmentId) {
    const [dept] = await queryRows<{ id: string }>(tx, sql`select id from identity.department_tree_v where id = ${input.assignedDepartmentId as string}::uuid`);
    if (!dept) throw fieldProblem('json.assignedDepartmentId', '责任单位不是本单位的部门');
  }
  const [after] = await tx
    .update(A)
    .set({ ...(outcome.patch as Partial<typeof A.$inferInsert>), version: before.version + 1, updatedAt: new Date() })
    .where(and(eq(A.tenantId, caller.tenantId), eq(A.id, id)))
    .returning();
  if (outcome.newExtension) {
    await tx.insert(X).values({
      tenantId: caller.tenantId,
      id: uuidv7(),
      appealId: id,
      days: outcome.newExtension.days,
      reason: outcome.newExtension.reason,
      requestedOn: env.today,
      requestedBy: caller.userId,
      previousDeadline: outcome.newExtension.previousDeadline,
    });
  }
  if (outcome.decideExtension && pending) {
    await tx
      .update(X)
      .set({ status: outcome.decideExtension.status, decidedOn: env.today, decidedBy: caller.userId, decisionNote: outcome.decideExtension.note, newDeadline: outcome.decideExtension.newDeadline })
      .where(and(eq(X.tenantId, caller.tenantId), eq(X.id, pending.id)));
  }
  await appendEvents(tx, caller.tenantId, id, outcome.events, env.today, { id: caller.userId, name: caller.displayName });
  return { before, after: after!, outcome };
}
