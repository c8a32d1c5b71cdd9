import type { SupervisionTask } from '@yingshang/contracts';
import { type Tx, schema, uuidv7 } from '@yingshang/db';
import { problems, staleVersion } from '@yingshang/service-kit';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { ruleProblem } from '../domain/problems.ts';
import { isOverdue } from '../domain/supervision.ts';
import type { Caller } from './caller.ts';
import { num } from './catalogue.ts';

const { supervisionTasks, supervisionReports } = schema;
type TaskRow = typeof supervisionTasks.$inferSelect;
type ReportRow = typeof supervisionReports.$inferSelect;

const toTask = (r: TaskRow, reports: ReportRow[], today: string): SupervisionTask => ({
  id: r.id,
  tenantId: r.tenantId,
  batchId: r.batchId,
  title: r.title,
  category: r.category,
  description: r.description,
  target: r.target,
  targetValue: num(r.targetValue),
  unit: r.unit,
  deadline: r.deadline,
  status: r.status,
  progressPct: r.progressPct,
  achievedValue: num(r.achievedValue),
  completedOn: r.completedOn,
  overdue: isOverdue(r, today),
  assignedByName: r.assignedByName,
  reports: reports.map((p) => ({
    id: p.id,
    reportedOn: p.reportedOn,
    progressPct: p.progressPct,
    achievedValue: num(p.achievedValue),
    note: p.note,
    actorName: p.actorName,
  })),
  version: r.version,
});

export async function listTasks(
  tx: Tx,
  tenantIds: string[],
  filter: { status?: string | undefined; overdue?: 'true' | 'false' | undefined; category?: string | undefined },
  today: string,
): Promise<SupervisionTask[]> {
  if (tenantIds.length === 0) return [];
  const rows = await tx
    .select()
    .from(supervisionTasks)
    .where(
      and(
        inArray(supervisionTasks.tenantId, tenantIds),
        filter.status ? eq(supervisionTasks.status, filter.status as TaskRow['status']) : undefined,
        filter.category ? eq(supervisionTasks.category, filter.category as TaskRow['category']) : undefined,
      ),
    )
    .orderBy(asc(supervisionTasks.deadline), asc(supervisionTasks.id));
  const reports = rows.length
    ? await tx
        .select()
        .from(supervisionReports)
        .where(and(inArray(supervisionReports.tenantId, tenantIds), inArray(supervisionReports.taskId, rows.map((r) => r.id))))
        .orderBy(desc(supervisionReports.reportedOn), desc(supervisionReports.id))
    : [];
  return rows
    .map((r) => toTask(r, reports.filter((p) => p.tenantId === r.tenantId && p.taskId === r.id), today))
    .filter((t) => filter.overdue === undefined || t.overdue === (filter.overdue === 'true'));
}

export async function getTask(tx: Tx, tenantIds: string[], id: string, today: string, lock = false): Promise<{ row: TaskRow; task: SupervisionTask }> {
  if (tenantIds.length === 0) throw problems.notFound('督查任务');
  const q = tx.select().from(supervisionTasks).where(and(inArray(supervisionTasks.tenantId, tenantIds), eq(supervisionTasks.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw problems.notFound('督查任务');
  const reports = await tx
    .select()
    .from(supervisionReports)
    .where(and(eq(supervisionReports.tenantId, row.tenantId), eq(supervisionReports.taskId, row.id)))
    .orderBy(desc(supervisionReports.reportedOn), desc(supervisionReports.id));
  return { row, task: toTask(row, reports, today) };
}

export interface AssignInput {
  title: string;
  category: TaskRow['category'];
  description: string | null;
  target: string;
  targetValue: string | null;
  unit: string | null;
  deadline: string;
  tenantIds: string[];
}

/** The city office assigns one task to each chosen district: one row per district, the same batch id. */
export async function assignTasks(tx: Tx, caller: Caller, input: AssignInput, today: string): Promise<TaskRow[]> {
  const batchId = uuidv7();
  const { tenantIds, ...task } = input;
  return tx
    .insert(supervisionTasks)
    .values([...new Set(tenantIds)].map((tenantId) => ({ tenantId, id: uuidv7(), batchId, ...task, assignedOn: today, assignedByName: caller.displayName })))
    .returning();
}

export interface ReportInput {
  progressPct: number;
  achievedValue: string | null;
  note: string;
  done: boolean;
}

/** A district reports progress on its own task; `done` completes it (dated today, late if past the deadline). */
export async function reportProgress(tx: Tx, caller: Caller, row: TaskRow, expected: number | null, input: ReportInput, today: string): Promise<TaskRow> {
  if (row.tenantId !== caller.tenantId) throw problems.notFound('督查任务');
  if (expected !== null && row.version !== expected) throw staleVersion(row.version);
  if (row.status === 'done') throw ruleProblem('task-done', '任务已完成', '该督查任务已完成，不能再报送进展');
  const progress = input.done ? 100 : input.progressPct;
  await tx.insert(supervisionReports).values({
    tenantId: row.tenantId,
    id: uuidv7(),
    taskId: row.id,
    reportedOn: today,
    progressPct: progress,
    achievedValue: input.achievedValue,
    note: input.note,
    actorId: caller.userId,
    actorName: caller.displayName,
  });
  const [updated] = await tx
    .update(supervisionTasks)
    .set({
      progressPct: progress,
      achievedValue: input.achievedValue ?? row.achievedValue,
      status: input.done ? 'done' : 'in_progress',
      completedOn: input.done ? today : null,
      version: row.version + 1,
      updatedAt: new Date(),
    })
    .where(and(eq(supervisionTasks.tenantId, row.tenantId), eq(supervisionTasks.id, row.id)))
    .returning();
  return updated!;
}
