import { type ComputedMetric, type IndicatorValue, type SnapshotResult, computedMetricSchema } from '@yingshang/contracts';
import { type Tx, queryRows, schema } from '@yingshang/db';
import { HttpProblem, staleVersion } from '@yingshang/service-kit';
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { type EnterpriseMonth, type ProjectMonth, computeMetric } from '../domain/metrics.ts';
import { closedPeriodProblem } from '../domain/problems.ts';
import { supervisionScore } from '../domain/supervision.ts';
import type { Caller } from './caller.ts';
import { num } from './catalogue.ts';

const { indicatorValues, indicators, periods, supervisionTasks } = schema;

type ValueRow = typeof indicatorValues.$inferSelect;
export const toValue = (r: ValueRow): IndicatorValue => ({
  tenantId: r.tenantId,
  periodId: r.periodId,
  indicatorId: r.indicatorId,
  value: num(r.value),
  source: r.source,
  evidence: r.evidence,
  detail: (r.detail as Record<string, unknown> | null) ?? null,
  recordedByName: r.recordedByName,
  recordedAt: r.recordedAt.toISOString(),
  version: r.version,
});

export async function listValues(tx: Tx, tenantIds: string[], periodId: string, indicatorIds?: string[]): Promise<IndicatorValue[]> {
  if (tenantIds.length === 0) return [];
  const rows = await tx
    .select()
    .from(indicatorValues)
    .where(
      and(
        inArray(indicatorValues.tenantId, tenantIds),
        eq(indicatorValues.periodId, periodId),
        indicatorIds ? inArray(indicatorValues.indicatorId, indicatorIds.length ? indicatorIds : ['00000000-0000-0000-0000-000000000000']) : undefined,
      ),
    );
  return rows.map(toValue);
}

/**
 * A value entered by hand, with its evidence, by the district itself. Only for indicators whose source is
 * `manual`, only while the period is open; an existing value is replaced (If-Match when it exists).
 */
export async function saveManualValue(
  tx: Tx,
  caller: Caller,
  period: typeof periods.$inferSelect,
  indicator: typeof indicators.$inferSelect,
  input: { value: string; evidence: string },
  expected: number | null,
): Promise<{ before: IndicatorValue | null; after: IndicatorValue }> {
  if (period.status === 'closed') throw closedPeriodProblem(period.code);
  if (indicator.source !== 'manual') {
    throw new HttpProblem(422, 'not-manual', '该指标不能手工填报', `指标“${indicator.name}”的数据来源是系统计算、观摩评分或督查落实，不接受手工填报`, {
      errors: [{ field: 'path.indicatorId', message: '该指标不是手工填报指标' }],
    });
  }
  const [existing] = await tx
    .select()
    .from(indicatorValues)
    .where(and(eq(indicatorValues.tenantId, caller.tenantId), eq(indicatorValues.periodId, period.id), eq(indicatorValues.indicatorId, indicator.id)))
    .for('update');
  if (existing && expected !== null && existing.version !== expected) throw staleVersion(existing.version);
  const values = {
    value: input.value,
    source: 'manual' as const,
    evidence: input.evidence,
    detail: null,
    recordedBy: caller.userId,
    recordedByName: caller.displayName,
    recordedAt: new Date(),
  };
  const [row] = existing
    ? await tx
        .update(indicatorValues)
        .set({ ...values, version: existing.version + 1 })
        .where(and(eq(indicatorValues.tenantId, caller.tenantId), eq(indicatorValues.periodId, period.id), eq(indicatorValues.indicatorId, indicator.id)))
        .returning()
    : await tx.insert(indicatorValues).values({ tenantId: caller.tenantId, periodId: period.id, indicatorId: indicator.id, ...values }).returning();
  return { before: existing ? toValue(existing) : null, after: toValue(row!) };
}

// ---------------------------------------------------------------------------------------------------------------
// Snapshots of computed values (nightly, and on demand by the city office)

interface ProjectViewRow {
  tenant_id: string;
  month: string;
  ytd_completed_investment: string;
  annual_planned_investment: string;
  planned_to_start_count: number;
  started_of_planned_count: number;
  planned_to_produce_count: number;
  produced_of_planned_count: number;
  behind_schedule_count: number;
}

interface EnterpriseViewRow {
  tenant_id: string;
  month: string;
  appeals_received: number;
  appeals_closed: number;
  appeals_closed_on_time: number;
  appeals_resolved: number;
  appeals_rated: number;
  appeals_satisfied: number;
  appeals_followed_up: number;
  appeals_overdue: number;
  close_workdays_sum: string | number;
  visits: number;
  benefits_matched: number;
  benefits_paid: number;
}

const dayText = (d: unknown): string => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

/**
 * The read contracts for the given districts and months. Both views already return every district to the city
 * and nothing else to anyone; the explicit tenant filter is the first wall all the same.
 */
async function readContracts(tx: Tx, tenantIds: string[], from: string, to: string) {
  const ids = sql.join(tenantIds.map((id) => sql`${id}::uuid`), sql`, `);
  const projectRows = await queryRows<ProjectViewRow>(
    tx,
    sql`select tenant_id, month, ytd_completed_investment::text, annual_planned_investment::text, planned_to_start_count,
               started_of_planned_count, planned_to_produce_count, produced_of_planned_count, behind_schedule_count
        from projects.tenant_month_figures_v where tenant_id in (${ids}) and month between ${from}::date and ${to}::date`,
  );
  const enterpriseRows = await queryRows<EnterpriseViewRow>(
    tx,
    sql`select tenant_id, month, appeals_received, appeals_closed, appeals_closed_on_time, appeals_resolved, appeals_rated,
               appeals_satisfied, appeals_followed_up, appeals_overdue, close_workdays_sum::text as close_workdays_sum, visits,
               benefits_matched, benefits_paid
        from enterprise.tenant_month_figures_v where tenant_id in (${ids}) and month between ${from}::date and ${to}::date`,
  );
  const projects = new Map<string, ProjectMonth[]>();
  for (const r of projectRows) {
    const list = projects.get(r.tenant_id) ?? [];
    list.push({
      month: dayText(r.month),
      ytdCompletedInvestment: r.ytd_completed_investment,
      annualPlannedInvestment: r.annual_planned_investment,
      plannedToStartCount: Number(r.planned_to_start_count),
      startedOfPlannedCount: Number(r.started_of_planned_count),
      plannedToProduceCount: Number(r.planned_to_produce_count),
      producedOfPlannedCount: Number(r.produced_of_planned_count),
      behindScheduleCount: Number(r.behind_schedule_count),
    });
    projects.set(r.tenant_id, list);
  }
  const enterprise = new Map<string, EnterpriseMonth[]>();
  for (const r of enterpriseRows) {
    const list = enterprise.get(r.tenant_id) ?? [];
    list.push({
      month: dayText(r.month),
      appealsReceived: Number(r.appeals_received),
      appealsClosed: Number(r.appeals_closed),
      appealsClosedOnTime: Number(r.appeals_closed_on_time),
      appealsResolved: Number(r.appeals_resolved),
      appealsRated: Number(r.appeals_rated),
      appealsSatisfied: Number(r.appeals_satisfied),
      appealsFollowedUp: Number(r.appeals_followed_up),
      appealsOverdue: Number(r.appeals_overdue),
      closeWorkdaysSum: String(r.close_workdays_sum),
      visits: Number(r.visits),
      benefitsMatched: Number(r.benefits_matched),
      benefitsPaid: Number(r.benefits_paid),
    });
    enterprise.set(r.tenant_id, list);
  }
  return { projects, enterprise };
}

/**
 * Writes the computed and supervision values of the given open periods for every district of the city, keyed by
 * tenant × indicator × period. Idempotent: a value that has not changed is not touched (no new version, no new
 * timestamp), so a second run writes nothing. A value entered by hand or from a tour is never overwritten.
 */
export async function snapshotPeriods(tx: Tx, caller: Caller, periodRows: (typeof periods.$inferSelect)[], today: string): Promise<SnapshotResult> {
  const tenants = caller.districts.map((d) => d.id);
  const inds = (await tx.select().from(indicators).where(and(eq(indicators.tenantId, caller.cityId), eq(indicators.active, true)))).filter(
    (i) => i.source === 'computed' || i.source === 'supervision',
  );
  let written = 0;
  let unchanged = 0;
  if (tenants.length === 0 || inds.length === 0) return { periods: periodRows.length, written, unchanged };
  const tasks = inds.some((i) => i.source === 'supervision')
    ? await tx
        .select({ tenantId: supervisionTasks.tenantId, deadline: supervisionTasks.deadline, status: supervisionTasks.status, completedOn: supervisionTasks.completedOn, assignedOn: supervisionTasks.assignedOn })
        .from(supervisionTasks)
        .where(inArray(supervisionTasks.tenantId, tenants))
    : [];
  for (const period of periodRows) {
    if (period.status !== 'open') continue;
    // Up to the period's end, or today while it runs: a month not yet begun has no figures.
    const until = period.endsOn < today ? period.endsOn : today;
    const { projects, enterprise } = await readContracts(tx, tenants, period.startsOn, until);
    const rows = tenants.flatMap((tenantId) =>
      inds.flatMap((ind) => {
        let computed: { value: string | null; detail: Record<string, unknown> };
        if (ind.source === 'computed') {
          const metric = computedMetricSchema.safeParse(ind.metric);
          if (!metric.success) return [];
          computed = computeMetric(metric.data as ComputedMetric, projects.get(tenantId) ?? [], enterprise.get(tenantId) ?? []);
        } else {
          computed = supervisionScore(tasks.filter((t) => t.tenantId === tenantId), until);
        }
        const detail = { ...computed.detail, asOf: until };
        return [{ tenantId, periodId: period.id, indicatorId: ind.id, value: computed.value, source: ind.source, detail, recordedByName: '系统计算' }];
      }),
    );
    // One statement per period; only rows inserted or actually changed come back.
    const changed = rows.length
      ? await tx
          .insert(indicatorValues)
          .values(rows)
          .onConflictDoUpdate({
            target: [indicatorValues.tenantId, indicatorValues.periodId, indicatorValues.indicatorId],
            set: { value: sql`excluded.value`, detail: sql`excluded.detail`, recordedAt: sql`now()`, version: sql`${indicatorValues.version} + 1` },
            setWhere: sql`${indicatorValues.source} = excluded.source and (${indicatorValues.value} is distinct from excluded.value or ${indicatorValues.detail} is distinct from excluded.detail)`,
          })
          .returning({ tenantId: indicatorValues.tenantId })
      : [];
    written += changed.length;
    unchanged += rows.length - changed.length;
  }
  return { periods: periodRows.filter((p) => p.status === 'open').length, written, unchanged };
}

/** The open periods the nightly run keeps current: begun, not closed. */
export async function currentOpenPeriods(tx: Tx, cityId: string, today: string) {
  return tx.select().from(periods).where(and(eq(periods.tenantId, cityId), eq(periods.status, 'open'), lte(periods.startsOn, today)));
}
