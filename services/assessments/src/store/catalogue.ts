import {
  type CreatePeriodRequest,
  type Indicator,
  type Period,
  type UpdateIndicatorRequest,
  type WeightSet,
  type WeightSetInput,
  computedMetricSchema,
  createIndicatorRequest,
  weightItem,
} from '@yingshang/contracts';
import { type Tx, schema, uuidv7 } from '@yingshang/db';
import { problems, staleVersion } from '@yingshang/service-kit';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { plain, dec } from '../domain/decimal.ts';
import { periodSpan } from '../domain/periods.ts';
import { fieldProblem, fieldsProblem, uniqueFields } from '../domain/problems.ts';
import { checkWeights } from '../domain/ranking.ts';
import type { Caller } from './caller.ts';

const { indicators, periods, weightSets, rankings } = schema;

/** Decimals come back from numeric columns padded ("80.000000"); the API shows them as people typed them. */
export const num = (v: string | null): string | null => (v === null ? null : plain(dec(v)));

type IndicatorRow = typeof indicators.$inferSelect;
export const toIndicator = (r: IndicatorRow): Indicator => ({
  id: r.id,
  code: r.code,
  name: r.name,
  unit: r.unit,
  direction: r.direction,
  dimension: r.dimension,
  source: r.source,
  metric: r.metric === null ? null : computedMetricSchema.parse(r.metric),
  description: r.description,
  active: r.active,
  sortOrder: r.sortOrder,
  version: r.version,
});

export async function listIndicators(tx: Tx, caller: Caller): Promise<Indicator[]> {
  const rows = await tx.select().from(indicators).where(eq(indicators.tenantId, caller.cityId)).orderBy(asc(indicators.sortOrder), asc(indicators.code));
  return rows.map(toIndicator);
}

export async function getIndicator(tx: Tx, caller: Caller, id: string, lock = false): Promise<IndicatorRow> {
  const q = tx.select().from(indicators).where(and(eq(indicators.tenantId, caller.cityId), eq(indicators.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw problems.notFound('指标');
  return row;
}

export async function createIndicator(tx: Tx, caller: Caller, input: z.output<typeof createIndicatorRequest>): Promise<Indicator> {
  const [row] = await uniqueFields(
    () => tx.insert(indicators).values({ tenantId: caller.tenantId, id: uuidv7(), ...input }).returning(),
    { indicators_code_key: { field: 'json.code', message: `指标编码 ${input.code} 已存在` } },
  );
  return toIndicator(row!);
}

export async function updateIndicator(tx: Tx, before: IndicatorRow, expected: number, input: UpdateIndicatorRequest): Promise<Indicator> {
  if (before.version !== expected) throw staleVersion(before.version);
  const [row] = await tx
    .update(indicators)
    .set({ ...input, version: before.version + 1, updatedAt: new Date() })
    .where(and(eq(indicators.tenantId, before.tenantId), eq(indicators.id, before.id)))
    .returning();
  return toIndicator(row!);
}

// ---------------------------------------------------------------------------------------------------------------

type PeriodRow = typeof periods.$inferSelect;

export async function listPeriods(tx: Tx, caller: Caller, filter: { kind?: string | undefined; year?: number | undefined } = {}): Promise<Period[]> {
  const rows = await tx
    .select({
      period: periods,
      rankingId: rankings.id,
      rankingStatus: rankings.status,
      hasWeights: sql<boolean>`exists (select 1 from assessments.weight_sets w where w.tenant_id = "periods"."tenant_id" and w.period_id = "periods"."id")`,
    })
    .from(periods)
    // RLS hides a draft ranking from districts; the join simply finds nothing then.
    .leftJoin(rankings, and(eq(rankings.tenantId, periods.tenantId), eq(rankings.periodId, periods.id)))
    .where(
      and(
        eq(periods.tenantId, caller.cityId),
        filter.kind ? eq(periods.kind, filter.kind as PeriodRow['kind']) : undefined,
        filter.year ? sql`extract(year from ${periods.startsOn}) = ${filter.year}` : undefined,
      ),
    )
    .orderBy(asc(periods.startsOn), asc(periods.endsOn));
  return rows.map((r) => toPeriod(r.period, r.rankingId && r.rankingStatus ? { id: r.rankingId, status: r.rankingStatus } : null, r.hasWeights));
}

export const toPeriod = (r: PeriodRow, ranking: Period['ranking'], hasWeights: boolean): Period => ({
  id: r.id,
  kind: r.kind,
  code: r.code,
  name: r.name,
  startsOn: r.startsOn,
  endsOn: r.endsOn,
  status: r.status,
  ranking,
  hasWeights,
  version: r.version,
});

/**
 * `lock` takes a row lock, which only the city office may: a district reads its city's periods but cannot lock
 * them (row-level security applies the update policy to FOR UPDATE), so districts read without it.
 */
export async function getPeriodRow(tx: Tx, caller: Caller, id: string, lock = false): Promise<PeriodRow> {
  lock &&= caller.isCity;
  const q = tx.select().from(periods).where(and(eq(periods.tenantId, caller.cityId), eq(periods.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw problems.notFound('考核周期');
  return row;
}

export async function getPeriod(tx: Tx, caller: Caller, id: string): Promise<Period> {
  const found = (await listPeriods(tx, caller)).find((p) => p.id === id);
  if (!found) throw problems.notFound('考核周期');
  return found;
}

export async function createPeriod(tx: Tx, caller: Caller, input: z.output<z.ZodType<CreatePeriodRequest>> & { status: 'open' | 'closed' }): Promise<PeriodRow> {
  const span = periodSpan(input.code);
  if (!span) throw fieldProblem('json.code', '周期编码无效');
  const [row] = await uniqueFields(
    () =>
      tx
        .insert(periods)
        .values({ tenantId: caller.tenantId, id: uuidv7(), kind: span.kind, code: span.code, name: input.name ?? span.name, startsOn: span.startsOn, endsOn: span.endsOn, status: input.status })
        .returning(),
    { periods_code_key: { field: 'json.code', message: `周期 ${input.code} 已存在` } },
  );
  return row!;
}

export async function updatePeriod(tx: Tx, before: PeriodRow, expected: number, input: { name?: string | undefined; status?: 'open' | 'closed' | undefined }): Promise<PeriodRow> {
  if (before.version !== expected) throw staleVersion(before.version);
  const [row] = await tx
    .update(periods)
    .set({ ...(input.name !== undefined ? { name: input.name } : {}), ...(input.status !== undefined ? { status: input.status } : {}), version: before.version + 1, updatedAt: new Date() })
    .where(and(eq(periods.tenantId, before.tenantId), eq(periods.id, before.id)))
    .returning();
  return row!;
}

// ---------------------------------------------------------------------------------------------------------------

const storedItems = z.array(weightItem);

export async function getWeightSet(tx: Tx, caller: Caller, periodId: string): Promise<WeightSet | null> {
  const [row] = await tx.select().from(weightSets).where(and(eq(weightSets.tenantId, caller.cityId), eq(weightSets.periodId, periodId)));
  if (!row) return null;
  const items = storedItems.parse(row.items);
  const meta = items.length
    ? await tx.select({ id: indicators.id, code: indicators.code, name: indicators.name }).from(indicators).where(and(eq(indicators.tenantId, caller.cityId), inArray(indicators.id, items.map((i) => i.indicatorId))))
    : [];
  const byId = new Map(meta.map((m) => [m.id, m]));
  return {
    periodId: row.periodId,
    formulaVersion: row.formulaVersion as WeightSet['formulaVersion'],
    normalisation: row.normalisation,
    missingPolicy: row.missingPolicy,
    weightTotal: num(row.weightTotal)!,
    redListSize: row.redListSize,
    blackListSize: row.blackListSize,
    items: items.map((i) => ({
      ...i,
      required: i.required,
      weight: plain(dec(i.weight)),
      indicatorCode: byId.get(i.indicatorId)?.code ?? '',
      indicatorName: byId.get(i.indicatorId)?.name ?? '（已删除的指标）',
    })),
    version: row.version,
  };
}

/**
 * Saves a period's weights: they must add up to the total exactly, name only the city's indicators, and the period
 * must not have a published ranking (its weights are frozen with it). A first save needs no If-Match.
 */
export async function saveWeightSet(tx: Tx, caller: Caller, period: PeriodRow, expected: number | null, input: WeightSetInput): Promise<WeightSet> {
  const ids = [...new Set(input.items.map((i) => i.indicatorId))];
  const known = await tx.select({ id: indicators.id, name: indicators.name }).from(indicators).where(and(eq(indicators.tenantId, caller.cityId), inArray(indicators.id, ids)));
  const names = Object.fromEntries(known.map((k) => [k.id, k.name]));
  const unknown = input.items.flatMap((item, i) => (names[item.indicatorId] ? [] : [{ field: `json.items.${i}.indicatorId`, message: '指标不存在' }]));
  const problemsFound = [...unknown, ...checkWeights(input.items, input.weightTotal, input.normalisation, names)];
  if (problemsFound.length) throw fieldsProblem(problemsFound);

  const [existing] = await tx.select().from(weightSets).where(and(eq(weightSets.tenantId, caller.cityId), eq(weightSets.periodId, period.id))).for('update');
  if (existing) {
    if (expected === null) throw staleVersion(existing.version);
    if (existing.version !== expected) throw staleVersion(existing.version);
  }
  const values = {
    formulaVersion: input.formulaVersion,
    normalisation: input.normalisation,
    missingPolicy: input.missingPolicy,
    weightTotal: input.weightTotal,
    redListSize: input.redListSize,
    blackListSize: input.blackListSize,
    items: input.items,
  };
  if (existing) {
    await tx.update(weightSets).set({ ...values, version: existing.version + 1, updatedAt: new Date() }).where(and(eq(weightSets.tenantId, caller.cityId), eq(weightSets.periodId, period.id)));
  } else {
    await tx.insert(weightSets).values({ tenantId: caller.cityId, periodId: period.id, ...values });
  }
  return (await getWeightSet(tx, caller, period.id))!;
}
