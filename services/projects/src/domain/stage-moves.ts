import type { ProjectStage, StageHistoryEntry } from '@yingshang/contracts';
import { type Tx, schema, uuidv7 } from '@yingshang/db';
import { HttpProblem } from '@yingshang/service-kit';
import { and, asc, eq } from 'drizzle-orm';
import { fieldsProblem } from './problems.ts';
import type { ProjectRecord } from './projects.ts';
import type { Viewer } from './scope.ts';
import { STAGE_MILESTONES, checkStageMove, isMilestone } from './stages.ts';

const H = schema.stageHistory;

export interface StageMove {
  stage: ProjectStage;
  date: string;
  batch?: string | null | undefined;
  skip?: boolean | undefined;
  note?: string | null | undefined;
}

const toEntry = (h: typeof H.$inferSelect): StageHistoryEntry => ({
  id: h.id,
  fromStage: h.fromStage,
  toStage: h.toStage,
  movedOn: h.movedOn,
  batch: h.batch,
  skippedStages: h.skippedStages,
  note: h.note,
  actorName: h.actorName,
  createdAt: h.createdAt.toISOString(),
});

/**
 * Moves a (locked) project forward: the rules of `checkStageMove`, then the stage, its date, the actual date and
 * batch of a 签约/开工/投产 move, and one history entry naming any stage skipped — in one transaction.
 */
export async function moveStage(tx: Tx, viewer: Viewer, project: ProjectRecord, move: StageMove, today: string) {
  const check = checkStageMove(project, move, today);
  if (!check.ok) {
    if (check.kind === 'invalid') throw fieldsProblem(check.errors);
    const [error] = check.errors;
    throw new HttpProblem(
      409,
      check.kind === 'skip' ? 'stage-skipped' : 'stage-order',
      check.kind === 'skip' ? '阶段不能被悄悄跳过' : '阶段顺序有误',
      error!.message,
      { errors: check.errors },
    );
  }
  const set: Partial<typeof schema.projectsTable.$inferInsert> = { stage: move.stage, stageDate: move.date };
  if (isMilestone(move.stage)) {
    const m = STAGE_MILESTONES[move.stage];
    set[m.actual] = move.date;
    if (move.batch !== undefined) set[m.batch] = move.batch;
  }
  const [updated] = await tx
    .update(schema.projectsTable)
    .set({ ...set, version: project.version + 1, updatedAt: new Date() })
    .where(and(eq(schema.projectsTable.tenantId, project.tenantId), eq(schema.projectsTable.id, project.id)))
    .returning();
  const [entry] = await tx
    .insert(H)
    .values({
      tenantId: project.tenantId,
      id: uuidv7(),
      projectId: project.id,
      fromStage: project.stage,
      toStage: move.stage,
      movedOn: move.date,
      batch: move.batch ?? null,
      skippedStages: check.skipped,
      note: move.note ?? null,
      actorId: viewer.userId,
      actorName: viewer.displayName,
    })
    .returning();
  return { project: updated!, entry: toEntry(entry!) };
}

export async function stageHistoryOf(tx: Tx, project: { tenantId: string; id: string }): Promise<StageHistoryEntry[]> {
  const rows = await tx
    .select()
    .from(H)
    .where(and(eq(H.tenantId, project.tenantId), eq(H.projectId, project.id)))
    .orderBy(asc(H.movedOn), asc(H.createdAt));
  return rows.map(toEntry);
}
