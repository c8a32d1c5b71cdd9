import { type Ranking, type RankingResult, type VerifyResult, formulaVersionSchema, rankingResult, weightItem } from '@yingshang/contracts';
import { type Tx, schema, uuidv7 } from '@yingshang/db';
import { HttpProblem, problems, staleVersion } from '@yingshang/service-kit';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { previousPeriodCode } from '../domain/periods.ts';
import { frozenProblem, ruleProblem } from '../domain/problems.ts';
import { type IndicatorStats, type RankingInputs, computeRanking, differences } from '../domain/ranking.ts';
import type { Caller } from './caller.ts';
import { num } from './catalogue.ts';

const { rankings, periods, weightSets, indicators, indicatorValues } = schema;
type RankingRow = typeof rankings.$inferSelect;
type PeriodRow = typeof periods.$inferSelect;

/** Everything a ranking is computed from, frozen in the row: recomputing this gives the stored result. */
export interface RankingSnapshot {
  inputs: RankingInputs;
  period: { id: string; code: string; name: string };
  indicators: Ranking['indicators'];
  previousRankingId: string | null;
}
interface StoredResult {
  result: RankingResult;
  stats: IndicatorStats[];
}

function toRanking(row: RankingRow): Ranking {
  const snap = row.snapshot as RankingSnapshot;
  const stored = row.result as StoredResult;
  const stats = new Map(stored.stats.map((s) => [s.indicatorId, s]));
  return {
    id: row.id,
    periodId: row.periodId,
    periodCode: snap.period.code,
    periodName: snap.period.name,
    status: row.status,
    formulaVersion: formulaVersionSchema.parse(row.formulaVersion),
    normalisation: snap.inputs.normalisation,
    missingPolicy: snap.inputs.missingPolicy,
    weightTotal: snap.inputs.weightTotal,
    indicators: snap.indicators.map((i) => ({ ...i, best: stats.get(i.indicatorId)?.best ?? null, average: stats.get(i.indicatorId)?.average ?? null })),
    result: stored.result,
    previousRankingId: row.previousRankingId,
    computedAt: row.computedAt.toISOString(),
    computedByName: row.computedByName,
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    reviewedByName: row.reviewedByName,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    publishedByName: row.publishedByName,
    version: row.version,
  };
}

export async function listRankings(tx: Tx, caller: Caller, filter: { status?: string | undefined; periodKind?: string | undefined }) {
  const rows = await tx
    .select({ r: rankings, kind: periods.kind, startsOn: periods.startsOn })
    .from(rankings)
    .innerJoin(periods, and(eq(periods.tenantId, rankings.tenantId), eq(periods.id, rankings.periodId)))
    .where(
      and(
        eq(rankings.tenantId, caller.cityId),
        // Districts see published rankings only (RLS says the same).
        caller.isCity ? undefined : eq(rankings.status, 'published'),
        filter.status ? eq(rankings.status, filter.status as RankingRow['status']) : undefined,
        filter.periodKind ? eq(periods.kind, filter.periodKind as PeriodRow['kind']) : undefined,
      ),
    )
    .orderBy(desc(periods.startsOn), desc(periods.endsOn));
  return rows.map(({ r }) => {
    const full = toRanking(r);
    const own = caller.isCity ? null : full.result.entries.find((e) => e.tenantId === caller.tenantId) ?? null;
    return {
      id: full.id,
      periodId: full.periodId,
      periodCode: full.periodCode,
      periodName: full.periodName,
      status: full.status,
      formulaVersion: full.formulaVersion,
      computedAt: full.computedAt,
      publishedAt: full.publishedAt,
      version: full.version,
      own: own ? { rank: own.rank, groupRank: own.groupRank, change: own.change, composite: own.composite, list: own.list } : null,
    };
  });
}

async function rankingRow(tx: Tx, caller: Caller, id: string, lock = false): Promise<RankingRow> {
  const q = tx.select().from(rankings).where(and(eq(rankings.tenantId, caller.cityId), eq(rankings.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  // A district asking for a draft gets the same answer as for an id that does not exist.
  if (!row || (!caller.isCity && row.status !== 'published')) throw problems.notFound('排名');
  return row;
}

export async function getRanking(tx: Tx, caller: Caller, id: string): Promise<Ranking> {
  return toRanking(await rankingRow(tx, caller, id));
}

export async function rankingForPeriod(tx: Tx, caller: Caller, periodId: string): Promise<Ranking | null> {
  const [row] = await tx.select().from(rankings).where(and(eq(rankings.tenantId, caller.cityId), eq(rankings.periodId, periodId)));
  if (!row || (!caller.isCity && row.status !== 'published')) return null;
  return toRanking(row);
}

/**
 * Computes (or recomputes) the period's draft from the current values, weights and formula, and freezes what it
 * used in the row. A published ranking is never recomputed (409).
 */
export async function computeDraft(tx: Tx, caller: Caller, period: PeriodRow): Promise<{ before: Ranking | null; after: Ranking }> {
  const [existing] = await tx.select().from(rankings).where(and(eq(rankings.tenantId, caller.cityId), eq(rankings.periodId, period.id))).for('update');
  if (existing?.status === 'published') throw frozenProblem();
  const [weights] = await tx.select().from(weightSets).where(and(eq(weightSets.tenantId, caller.cityId), eq(weightSets.periodId, period.id)));
  if (!weights) {
    throw new HttpProblem(422, 'no-weights', '尚未设置权重', `周期 ${period.code} 还没有设置指标权重，请先设置权重再计算排名`, {
      errors: [{ field: 'json.periodId', message: '该周期尚未设置指标权重' }],
    });
  }
  const items = z.array(weightItem).parse(weights.items);
  const inds = await tx.select().from(indicators).where(and(eq(indicators.tenantId, caller.cityId), inArray(indicators.id, items.map((i) => i.indicatorId))));
  const byId = new Map(inds.map((i) => [i.id, i]));
  const used = items.filter((i) => byId.has(i.indicatorId));
  const tenants = caller.districts;
  const valueRows = tenants.length
    ? await tx
        .select({ tenantId: indicatorValues.tenantId, indicatorId: indicatorValues.indicatorId, value: indicatorValues.value })
        .from(indicatorValues)
        .where(and(inArray(indicatorValues.tenantId, tenants.map((t) => t.id)), eq(indicatorValues.periodId, period.id)))
    : [];
  const values: RankingInputs['values'] = {};
  for (const t of tenants) values[t.id] = {};
  for (const v of valueRows) if (byId.has(v.indicatorId) && values[v.tenantId]) values[v.tenantId]![v.indicatorId] = num(v.value);

  // 提质进位: the published ranking of the period just before, of the same kind.
  const prevCode = previousPeriodCode(period.code);
  const [prev] = prevCode
    ? await tx
        .select({ id: rankings.id, result: rankings.result })
        .from(rankings)
        .innerJoin(periods, and(eq(periods.tenantId, rankings.tenantId), eq(periods.id, rankings.periodId)))
        .where(and(eq(rankings.tenantId, caller.cityId), eq(periods.code, prevCode), eq(rankings.status, 'published')))
    : [];
  const prevEntries = prev ? rankingResult.parse((prev.result as StoredResult).result).entries : null;

  const inputs: RankingInputs = {
    formulaVersion: formulaVersionSchema.parse(weights.formulaVersion),
    normalisation: weights.normalisation,
    missingPolicy: weights.missingPolicy,
    weightTotal: num(weights.weightTotal)!,
    redListSize: weights.redListSize,
    blackListSize: weights.blackListSize,
    indicators: used.map((i) => ({ indicatorId: i.indicatorId, direction: byId.get(i.indicatorId)!.direction, weight: i.weight, required: i.required, ...(i.points ? { points: i.points } : {}) })),
    tenants: tenants.map((t) => ({ tenantId: t.id, name: t.name, rankingGroup: t.rankingGroup, sortOrder: t.sortOrder })),
    values,
    previous: prevEntries ? prevEntries.map((e) => ({ tenantId: e.tenantId, rank: e.rank, groupRank: e.groupRank })) : null,
  };
  const snapshot: RankingSnapshot = {
    inputs,
    period: { id: period.id, code: period.code, name: period.name },
    indicators: used.map((i) => {
      const ind = byId.get(i.indicatorId)!;
      return { indicatorId: ind.id, code: ind.code, name: ind.name, unit: ind.unit, direction: ind.direction, dimension: ind.dimension, weight: i.weight, required: i.required, best: null, average: null };
    }),
    previousRankingId: prev?.id ?? null,
  };
  const out = computeRanking(inputs);
  const stored: StoredResult = { result: out.result, stats: out.stats };
  const fields = {
    status: 'draft' as const,
    formulaVersion: inputs.formulaVersion,
    snapshot,
    result: stored,
    previousRankingId: prev?.id ?? null,
    computedAt: new Date(),
    computedByName: caller.displayName,
    reviewedAt: null,
    reviewedByName: null,
  };
  const [row] = existing
    ? await tx.update(rankings).set({ ...fields, version: existing.version + 1, updatedAt: new Date() }).where(and(eq(rankings.tenantId, caller.cityId), eq(rankings.id, existing.id))).returning()
    : await tx.insert(rankings).values({ tenantId: caller.cityId, id: uuidv7(), periodId: period.id, ...fields }).returning();
  return { before: existing ? toRanking(existing) : null, after: toRanking(row!) };
}

export async function reviewRanking(tx: Tx, caller: Caller, id: string, expected: number): Promise<{ before: Ranking; after: Ranking }> {
  const row = await rankingRow(tx, caller, id, true);
  if (row.status === 'published') throw frozenProblem();
  if (row.version !== expected) throw staleVersion(row.version);
  if (row.status === 'reviewed') throw ruleProblem('ranking-reviewed', '排名已审核', '该排名已审核，可直接发布；如需修改请重新计算');
  const [after] = await tx
    .update(rankings)
    .set({ status: 'reviewed', reviewedAt: new Date(), reviewedByName: caller.displayName, version: row.version + 1, updatedAt: new Date() })
    .where(and(eq(rankings.tenantId, caller.cityId), eq(rankings.id, id)))
    .returning();
  return { before: toRanking(row), after: toRanking(after!) };
}

/**
 * Publishes (通报) a reviewed ranking. Refused while a required value is missing, naming each tenant × indicator;
 * once published the row is frozen (the service answers 409 and a trigger refuses any change).
 */
export async function publishRanking(tx: Tx, caller: Caller, id: string, expected: number): Promise<{ before: Ranking; after: Ranking }> {
  const row = await rankingRow(tx, caller, id, true);
  if (row.status === 'published') throw frozenProblem();
  if (row.version !== expected) throw staleVersion(row.version);
  if (row.status !== 'reviewed') throw ruleProblem('ranking-not-reviewed', '排名尚未审核', '请先审核排名草稿，再发布通报');
  const ranking = toRanking(row);
  const snap = row.snapshot as RankingSnapshot;
  const names = new Map(snap.inputs.tenants.map((t) => [t.tenantId, t.name]));
  const indNames = new Map(snap.indicators.map((i) => [i.indicatorId, i.name]));
  const missing = ranking.result.missing.filter((m) => m.required);
  if (missing.length) {
    const list = missing.map((m) => ({ tenantId: m.tenantId, tenantName: names.get(m.tenantId) ?? m.tenantId, indicatorId: m.indicatorId, indicatorName: indNames.get(m.indicatorId) ?? m.indicatorId }));
    throw new HttpProblem(422, 'missing-inputs', '必填指标缺少数据，不能发布', `共 ${list.length} 项缺少数据：${list.slice(0, 20).map((m) => `${m.tenantName} · ${m.indicatorName}`).join('；')}${list.length > 20 ? ' 等' : ''}`, {
      errors: list.map((m) => ({ field: `inputs.${m.tenantId}.${m.indicatorId}`, message: `${m.tenantName} · ${m.indicatorName}：缺少数据` })),
      missing: list,
    });
  }
  const [after] = await tx
    .update(rankings)
    .set({ status: 'published', publishedAt: new Date(), publishedByName: caller.displayName, version: row.version + 1, updatedAt: new Date() })
    .where(and(eq(rankings.tenantId, caller.cityId), eq(rankings.id, id)))
    .returning();
  return { before: ranking, after: toRanking(after!) };
}

/** Recomputes from the frozen snapshot with the frozen formula version and compares digit for digit. */
export async function verifyRanking(tx: Tx, caller: Caller, id: string): Promise<VerifyResult> {
  const row = await rankingRow(tx, caller, id);
  const snap = row.snapshot as RankingSnapshot;
  const stored = row.result as StoredResult;
  const again = computeRanking(snap.inputs);
  const diffs = [...differences(stored.result, again.result, 'result'), ...differences(stored.stats, again.stats, 'stats')];
  return { identical: diffs.length === 0, differences: diffs.slice(0, 100) };
}

export async function rankingExportRows(tx: Tx, caller: Caller, id: string) {
  return getRanking(tx, caller, id);
}
