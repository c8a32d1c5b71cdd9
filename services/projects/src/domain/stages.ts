import { PROJECT_STAGES, type ProjectStage, projectStageLabels, stageIndex } from '@yingshang/contracts';
import type { FieldError } from './problems.ts';

/** The stage whose arrival sets each actual date and batch. */
export const STAGE_MILESTONES = {
  signed: { actual: 'actualSignDate', planned: 'plannedSignDate', batch: 'signBatch' },
  started: { actual: 'actualStartDate', planned: 'plannedStartDate', batch: 'startBatch' },
  producing: { actual: 'actualProductionDate', planned: 'plannedProductionDate', batch: 'productionBatch' },
} as const;
export type MilestoneStage = keyof typeof STAGE_MILESTONES;
export const isMilestone = (s: ProjectStage): s is MilestoneStage => s in STAGE_MILESTONES;

export const stagesBetween = (from: ProjectStage, to: ProjectStage): ProjectStage[] =>
  PROJECT_STAGES.slice(stageIndex(from) + 1, stageIndex(to));

export type StageMoveCheck =
  | { ok: true; skipped: ProjectStage[] }
  | { ok: false; kind: 'order' | 'skip' | 'invalid'; errors: FieldError[] };

/**
 * The rules of a stage move: forward only; stages in between are skipped only when the request says so and gives
 * a reason; dated no later than today and no earlier than the previous move; a batch only for 签约, 开工, 投产.
 */
export function checkStageMove(
  current: { stage: ProjectStage; stageDate: string },
  move: { stage: ProjectStage; date: string; batch?: string | null | undefined; skip?: boolean | undefined; note?: string | null | undefined },
  today: string,
): StageMoveCheck {
  if (stageIndex(move.stage) <= stageIndex(current.stage)) {
    const message =
      move.stage === current.stage
        ? `项目已处于“${projectStageLabels[move.stage]}”阶段`
        : `阶段只能向后推进：当前为“${projectStageLabels[current.stage]}”，不能回到“${projectStageLabels[move.stage]}”`;
    return { ok: false, kind: 'order', errors: [{ field: 'json.stage', message }] };
  }
  const skipped = stagesBetween(current.stage, move.stage);
  if (skipped.length > 0 && move.skip !== true) {
    const names = skipped.map((s) => `“${projectStageLabels[s]}”`).join('、');
    return {
      ok: false,
      kind: 'skip',
      errors: [{ field: 'json.stage', message: `将跳过 ${names} 阶段；确需跳过请勾选跳过并说明原因（skip: true 与 note）` }],
    };
  }
  const errors: FieldError[] = [];
  if (skipped.length > 0 && !move.note?.trim()) errors.push({ field: 'json.note', message: '跳过阶段须说明原因' });
  if (skipped.length === 0 && move.skip === true) errors.push({ field: 'json.skip', message: '没有被跳过的阶段，无需勾选跳过' });
  if (move.date > today) errors.push({ field: 'json.date', message: `阶段日期不能晚于今天（${today}）` });
  if (move.date < current.stageDate) {
    errors.push({ field: 'json.date', message: `阶段日期不能早于上一阶段日期（${current.stageDate}）` });
  }
  if (move.batch && !isMilestone(move.stage)) {
    errors.push({ field: 'json.batch', message: '只有签约、开工、投产阶段有三个一批批次' });
  }
  return errors.length > 0 ? { ok: false, kind: 'invalid', errors } : { ok: true, skipped };
}

export interface ProjectDates {
  stage: ProjectStage;
  stageDate: string;
  plannedSignDate?: string | null | undefined;
  actualSignDate?: string | null | undefined;
  plannedStartDate?: string | null | undefined;
  actualStartDate?: string | null | undefined;
  plannedProductionDate?: string | null | undefined;
  actualProductionDate?: string | null | undefined;
  signBatch?: string | null | undefined;
  startBatch?: string | null | undefined;
  productionBatch?: string | null | undefined;
}

/**
 * Dates of a project as registered or edited: actual dates not in the future, only for stages reached, in stage
 * order and no later than the current stage's date; planned dates in stage order; a batch only for a stage reached.
 */
export function checkProjectDates(p: ProjectDates, today: string, prefix = 'json'): FieldError[] {
  const errors: FieldError[] = [];
  const at = (field: string) => `${prefix}.${field}`;
  if (p.stageDate > today) errors.push({ field: at('stageDate'), message: `阶段日期不能晚于今天（${today}）` });
  const reached = stageIndex(p.stage);
  let previousActual: { field: string; date: string } | undefined;
  let previousPlanned: { field: string; date: string } | undefined;
  for (const [stage, m] of Object.entries(STAGE_MILESTONES) as [MilestoneStage, (typeof STAGE_MILESTONES)[MilestoneStage]][]) {
    const label = projectStageLabels[stage];
    const actual = p[m.actual];
    const planned = p[m.planned];
    const batch = p[m.batch];
    if (actual) {
      if (stageIndex(stage) > reached) {
        errors.push({ field: at(m.actual), message: `项目尚未${label}，不能填写实际${label}日期` });
      } else if (actual > today) {
        errors.push({ field: at(m.actual), message: `实际${label}日期不能晚于今天（${today}）` });
      } else if (actual > p.stageDate) {
        errors.push({ field: at(m.actual), message: `实际${label}日期不能晚于进入当前阶段的日期（${p.stageDate}）` });
      } else if (previousActual && actual < previousActual.date) {
        errors.push({ field: at(m.actual), message: `实际${label}日期不能早于${previousActual.field}（${previousActual.date}）` });
      }
      previousActual = { field: `实际${label}日期`, date: actual };
    }
    if (planned) {
      if (previousPlanned && planned < previousPlanned.date) {
        errors.push({ field: at(m.planned), message: `计划${label}日期不能早于${previousPlanned.field}（${previousPlanned.date}）` });
      }
      previousPlanned = { field: `计划${label}日期`, date: planned };
    }
    if (batch && stageIndex(stage) > reached) {
      errors.push({ field: at(m.batch), message: `项目尚未${label}，不能填写${label}批次` });
    }
  }
  return errors;
}
