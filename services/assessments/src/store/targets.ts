import type { Target } from '@yingshang/contracts';
import { type Tx, schema, uuidv7 } from '@yingshang/db';
import { staleVersion } from '@yingshang/service-kit';
import { and, eq, inArray } from 'drizzle-orm';
import { markProgress } from '../domain/marks.ts';
import { closedPeriodProblem } from '../domain/problems.ts';
import type { Caller } from './caller.ts';
import { num } from './catalogue.ts';

const { targets, indicators, indicatorValues, periods } = schema;
type TargetRow = typeof targets.$inferSelect;

export interface TargetInput {
  benchmarkName: string | null;
  benchmarkValue: string | null;
  standardValue: string | null;
  breakthrough: string | null;
  breakthroughDue: string | null;
  breakthroughDone: boolean;
  note: string | null;
}

/** 三标 of the given tenants for a period, each with the tenant's value and the progress against its marks. */
export async function listTargets(tx: Tx, caller: Caller, tenantIds: string[], periodId: string, today: string): Promise<Target[]> {
  if (tenantIds.length === 0) return [];
  const rows = await tx
    .select({ t: targets, value: indicatorValues.value, direction: indicators.direction, sortOrder: indicators.sortOrder })
    .from(targets)
    .innerJoin(indicators, and(eq(indicators.tenantId, caller.cityId), eq(indicators.id, targets.indicatorId)))
    .leftJoin(
      indicatorValues,
      and(eq(indicatorValues.tenantId, targets.tenantId), eq(indicatorValues.periodId, targets.periodId), eq(indicatorValues.indicatorId, targets.indicatorId)),
    )
    .where(and(inArray(targets.tenantId, tenantIds), eq(targets.periodId, periodId)))
    .orderBy(targets.tenantId, indicators.sortOrder, indicators.code);
  return rows.map((r) => toTarget(r.t, num(r.value), r.direction, today));
}

export function toTarget(r: TargetRow, value: string | null, direction: 'higher' | 'lower', today: string): Target {
  return {
    id: r.id,
    tenantId: r.tenantId,
    periodId: r.periodId,
    indicatorId: r.indicatorId,
    benchmarkName: r.benchmarkName,
    benchmarkValue: num(r.benchmarkValue),
    standardValue: num(r.standardValue),
    breakthrough: r.breakthrough,
    breakthroughDue: r.breakthroughDue,
    breakthroughDone: r.breakthroughDone,
    breakthroughDoneOn: r.breakthroughDoneOn,
    breakthroughOverdue: r.breakthrough !== null && !r.breakthroughDone && r.breakthroughDue !== null && r.breakthroughDue < today,
    note: r.note,
    value,
    benchmarkProgress: markProgress(value, num(r.benchmarkValue), direction),
    standardProgress: markProgress(value, num(r.standardValue), direction),
    version: r.version,
  };
}

/** Sets the caller's own 三标 for one indicator and period (creates, or replaces with If-Match). */
export async function saveTarget(
  tx: Tx,
  caller: Caller,
  period: typeof periods.$inferSelect,
  indicator: typeof indicators.$inferSelect,
  input: TargetInput,
  expected: number | null,
  today: string,
): Promise<{ before: Target | null; after: Target }> {
  if (period.status === 'closed') throw closedPeriodProblem(period.code);
  const [existing] = await tx
    .select()
    .from(targets)
    .where(and(eq(targets.tenantId, caller.tenantId), eq(targets.periodId, period.id), eq(targets.indicatorId, indicator.id)))
    .for('update');
  if (existing && (expected === null || existing.version !== expected)) throw staleVersion(existing.version);
  const doneOn = input.breakthroughDone ? (existing?.breakthroughDone ? existing.breakthroughDoneOn : today) : null;
  const values = { ...input, breakthroughDoneOn: doneOn, updatedByName: caller.displayName };
  const [row] = existing
    ? await tx
        .update(targets)
        .set({ ...values, version: existing.version + 1, updatedAt: new Date() })
        .where(and(eq(targets.tenantId, caller.tenantId), eq(targets.id, existing.id)))
        .returning()
    : await tx.insert(targets).values({ tenantId: caller.tenantId, id: uuidv7(), periodId: period.id, indicatorId: indicator.id, ...values }).returning();
  const [value] = await tx
    .select({ value: indicatorValues.value })
    .from(indicatorValues)
    .where(and(eq(indicatorValues.tenantId, caller.tenantId), eq(indicatorValues.periodId, period.id), eq(indicatorValues.indicatorId, indicator.id)));
  const v = num(value?.value ?? null);
  return {
    before: existing ? toTarget(existing, v, indicator.direction, today) : null,
    after: toTarget(row!, v, indicator.direction, today),
  };
}
