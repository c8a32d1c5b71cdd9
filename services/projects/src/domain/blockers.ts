import type { Blocker } from '@yingshang/contracts';
import { type Tx, queryRows, schema, uuidv7 } from '@yingshang/db';
import { HttpProblem, problems, staleVersion } from '@yingshang/service-kit';
import { type SQL, and, asc, eq, inArray, sql } from 'drizzle-orm';
import { containsPattern } from './cursor.ts';
import { fieldProblem, fieldsProblem } from './problems.ts';
import type { ProjectRecord } from './projects.ts';
import { type Viewer, scopePredicate } from './scope.ts';

const B = schema.blockers;
const N = schema.blockerNotes;

interface BlockerRow {
  id: string;
  projectId: string;
  projectCode: string;
  projectName: string;
  title: string;
  description: string | null;
  kind: string | null;
  assignedUnit: string | null;
  raisedOn: string;
  deadline: string | null;
  status: 'open' | 'closed';
  closedOn: string | null;
  closureNote: string | null;
  createdByName: string | null;
  version: number;
  createdAt: string | Date;
  updatedAt: string | Date;
}

const blockerSelect = sql`
  select b.id, b.project_id as "projectId", p.code as "projectCode", p.name as "projectName", b.title, b.description,
    b.kind, b.assigned_unit as "assignedUnit", b.raised_on::text as "raisedOn", b.deadline::text as deadline, b.status,
    b.closed_on::text as "closedOn", b.closure_note as "closureNote", b.created_by_name as "createdByName", b.version,
    b.created_at as "createdAt", b.updated_at as "updatedAt"
  from projects.blockers b
  join projects.projects p on p.tenant_id = b.tenant_id and p.id = b.project_id`;

async function withNotes(tx: Tx, tenantId: string, rows: BlockerRow[], today: string): Promise<Blocker[]> {
  const notes =
    rows.length === 0
      ? []
      : await tx
          .select()
          .from(N)
          .where(and(eq(N.tenantId, tenantId), inArray(N.blockerId, rows.map((r) => r.id))))
          .orderBy(asc(N.notedOn), asc(N.createdAt));
  return rows.map((r) => ({
    ...r,
    overdue: r.status === 'open' && r.deadline !== null && r.deadline < today,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
    notes: notes
      .filter((n) => n.blockerId === r.id)
      .map((n) => ({ id: n.id, notedOn: n.notedOn, note: n.note, actorName: n.actorName, createdAt: n.createdAt.toISOString() })),
  }));
}

export interface BlockerQuery {
  limit: number;
  cursor?: string | undefined;
  status?: 'open' | 'closed' | undefined;
  overdue?: 'true' | 'false' | undefined;
  projectId?: string | undefined;
  q?: string | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Newest first, keyset on the id (UUIDv7 follows creation). Only blockers of projects in the caller's scope. */
export async function listBlockers(tx: Tx, viewer: Viewer, q: BlockerQuery, today: string) {
  let after: string | undefined;
  if (q.cursor) {
    try {
      after = atob(q.cursor.replace(/-/g, '+').replace(/_/g, '/'));
    } catch {
      after = undefined;
    }
    if (!after || !UUID.test(after)) throw fieldProblem('query.cursor', '翻页游标无效，请从第一页重新开始');
  }
  const filters: SQL[] = [sql`b.tenant_id = ${viewer.tenantId}::uuid`, scopePredicate(viewer)];
  if (q.status) filters.push(sql`b.status = ${q.status}`);
  if (q.overdue === 'true') filters.push(sql`b.status = 'open' and b.deadline < ${today}::date`);
  if (q.overdue === 'false') filters.push(sql`not (b.status = 'open' and coalesce(b.deadline < ${today}::date, false))`);
  if (q.projectId) filters.push(sql`b.project_id = ${q.projectId}::uuid`);
  if (q.q) {
    const pattern = containsPattern(q.q);
    filters.push(sql`(b.title ilike ${pattern} or b.assigned_unit ilike ${pattern} or p.name ilike ${pattern} or p.code ilike ${pattern})`);
  }
  const where = sql.join(filters, sql` and `);
  const rows = await queryRows<BlockerRow>(
    tx,
    sql`${blockerSelect} where ${where}${after ? sql` and b.id < ${after}::uuid` : sql``} order by b.id desc limit ${q.limit + 1}`,
  );
  const [count] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from projects.blockers b join projects.projects p on p.tenant_id = b.tenant_id and p.id = b.project_id where ${where}`);
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items: await withNotes(tx, viewer.tenantId, items, today),
    nextCursor: rows.length > q.limit && last ? btoa(last.id).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') : null,
    total: count?.n ?? 0,
  };
}

export async function getBlocker(tx: Tx, viewer: Viewer, id: string, today: string): Promise<Blocker> {
  const rows = await queryRows<BlockerRow>(
    tx,
    sql`${blockerSelect} where b.tenant_id = ${viewer.tenantId}::uuid and b.id = ${id}::uuid and ${scopePredicate(viewer)}`,
  );
  if (rows.length === 0) throw problems.notFound('问题');
  return (await withNotes(tx, viewer.tenantId, rows, today))[0]!;
}

/** The blocker row, locked; 404 unless its project is in the caller's tenant and scope. */
export async function lockBlocker(tx: Tx, viewer: Viewer, id: string) {
  const [visible] = await queryRows<{ id: string }>(
    tx,
    sql`select b.id from projects.blockers b join projects.projects p on p.tenant_id = b.tenant_id and p.id = b.project_id
        where b.tenant_id = ${viewer.tenantId}::uuid and b.id = ${id}::uuid and ${scopePredicate(viewer)}`,
  );
  if (!visible) throw problems.notFound('问题');
  const [row] = await tx.select().from(B).where(and(eq(B.tenantId, viewer.tenantId), eq(B.id, id))).for('update');
  if (!row) throw problems.notFound('问题');
  return row;
}

export interface NewBlocker {
  title: string;
  description?: string | null | undefined;
  kind?: string | null | undefined;
  assignedUnit?: string | null | undefined;
  raisedOn?: string | undefined;
  deadline?: string | null | undefined;
}

export async function createBlocker(tx: Tx, viewer: Viewer, project: ProjectRecord, input: NewBlocker, today: string) {
  const raisedOn = input.raisedOn ?? today;
  const errors = [];
  if (raisedOn > today) errors.push({ field: 'json.raisedOn', message: `提出日期不能晚于今天（${today}）` });
  if (input.deadline && input.deadline < raisedOn) errors.push({ field: 'json.deadline', message: '办结时限不能早于提出日期' });
  if (errors.length > 0) throw fieldsProblem(errors);
  const [row] = await tx
    .insert(B)
    .values({
      tenantId: viewer.tenantId,
      id: uuidv7(),
      projectId: project.id,
      title: input.title,
      description: input.description ?? null,
      kind: input.kind ?? null,
      assignedUnit: input.assignedUnit ?? null,
      raisedOn,
      deadline: input.deadline ?? null,
      createdBy: viewer.userId,
      createdByName: viewer.displayName,
    })
    .returning();
  return row!;
}

type BlockerRecord = typeof B.$inferSelect;

function refuseClosed(before: BlockerRecord) {
  if (before.status === 'closed') {
    throw new HttpProblem(409, 'blocker-closed', '问题已销号', `该问题已于 ${before.closedOn} 销号，不能再修改`);
  }
}

export async function updateBlocker(
  tx: Tx,
  before: BlockerRecord,
  expected: number,
  input: Omit<NewBlocker, 'title' | 'raisedOn'> & { title?: string | undefined },
) {
  if (before.version !== expected) throw staleVersion(before.version);
  refuseClosed(before);
  const deadline = input.deadline === undefined ? before.deadline : input.deadline;
  if (deadline && deadline < before.raisedOn) throw fieldProblem('json.deadline', '办结时限不能早于提出日期');
  const set: Partial<typeof B.$inferInsert> = {};
  for (const key of ['title', 'description', 'kind', 'assignedUnit', 'deadline'] as const) {
    if (input[key] !== undefined) (set as Record<string, unknown>)[key] = input[key];
  }
  const [row] = await tx
    .update(B)
    .set({ ...set, version: before.version + 1, updatedAt: new Date() })
    .where(and(eq(B.tenantId, before.tenantId), eq(B.id, before.id), eq(B.version, expected)))
    .returning();
  if (!row) throw staleVersion(before.version + 1);
  return row;
}

export async function addBlockerNote(tx: Tx, viewer: Viewer, before: BlockerRecord, note: string, notedOn: string, today: string) {
  refuseClosed(before);
  if (notedOn > today) throw fieldProblem('json.notedOn', `进展日期不能晚于今天（${today}）`);
  if (notedOn < before.raisedOn) throw fieldProblem('json.notedOn', '进展日期不能早于提出日期');
  const [row] = await tx
    .insert(N)
    .values({ tenantId: before.tenantId, id: uuidv7(), blockerId: before.id, notedOn, note, actorId: viewer.userId, actorName: viewer.displayName })
    .returning();
  await tx.update(B).set({ version: before.version + 1, updatedAt: new Date() }).where(and(eq(B.tenantId, before.tenantId), eq(B.id, before.id)));
  return row!;
}

/** 销号: closed with a note on a date between the day it was raised and today. */
export async function closeBlocker(tx: Tx, before: BlockerRecord, expected: number, closureNote: string, closedOn: string, today: string) {
  if (before.version !== expected) throw staleVersion(before.version);
  refuseClosed(before);
  if (closedOn > today) throw fieldProblem('json.closedOn', `销号日期不能晚于今天（${today}）`);
  if (closedOn < before.raisedOn) throw fieldProblem('json.closedOn', '销号日期不能早于提出日期');
  const [row] = await tx
    .update(B)
    .set({ status: 'closed', closedOn, closureNote, version: before.version + 1, updatedAt: new Date() })
    .where(and(eq(B.tenantId, before.tenantId), eq(B.id, before.id), eq(B.version, expected)))
    .returning();
  if (!row) throw staleVersion(before.version + 1);
  return row;
}
