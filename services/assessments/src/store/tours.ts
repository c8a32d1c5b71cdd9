import { type Tour, type TourCriterion, type TourResult, tourCriterion, tourScorer } from '@yingshang/contracts';
import { type Tx, schema, uuidv7 } from '@yingshang/db';
import { problems, staleVersion } from '@yingshang/service-kit';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { dec, fmt, sum } from '../domain/decimal.ts';
import { closedPeriodProblem, fieldProblem, fieldsProblem, ruleProblem } from '../domain/problems.ts';
import { competitionRanks } from '../domain/ranking.ts';
import { aggregate, checkSheet, sheetTotal } from '../domain/tour.ts';
import type { Caller } from './caller.ts';
import { getIndicator, getPeriodRow, num } from './catalogue.ts';

const { tours, tourSites, tourScores, indicatorValues } = schema;
type TourRow = typeof tours.$inferSelect;

const criteriaOf = (r: TourRow): TourCriterion[] => z.array(tourCriterion).parse(r.criteria);
const scorersOf = (r: TourRow) => z.array(tourScorer).parse(r.scorers);

export async function listTours(tx: Tx, caller: Caller) {
  const rows = await tx
    .select({ t: tours, siteCount: sql<number>`(select count(*)::int from assessments.tour_sites s where s.tenant_id = "tours"."tenant_id" and s.tour_id = "tours"."id")` })
    .from(tours)
    .where(eq(tours.tenantId, caller.cityId))
    .orderBy(asc(tours.startsOn), asc(tours.id));
  return rows.map(({ t, siteCount }) => ({
    id: t.id,
    name: t.name,
    startsOn: t.startsOn,
    endsOn: t.endsOn,
    periodId: t.periodId,
    indicatorId: t.indicatorId,
    aggregation: t.aggregation,
    status: t.status,
    maxTotal: fmt(sum(criteriaOf(t).map((c) => dec(c.maxPoints))), 2),
    siteCount: Number(siteCount),
    version: t.version,
  }));
}

export async function getTourRow(tx: Tx, caller: Caller, id: string, lock = false): Promise<TourRow> {
  const q = tx.select().from(tours).where(and(eq(tours.tenantId, caller.cityId), eq(tours.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw problems.notFound('观摩活动');
  return row;
}

/** Each assessed tenant's result: the scorers' totals, aggregated as the tour says, ranked (ties share a rank). */
async function results(tx: Tx, tour: TourRow, tenantIds: string[]): Promise<TourResult[]> {
  const scorers = scorersOf(tour);
  const sheets = await tx.select().from(tourScores).where(and(eq(tourScores.tenantId, tour.tenantId), eq(tourScores.tourId, tour.id)));
  const out = tenantIds.map((tenantId) => {
    const totals = scorers.flatMap((s) => {
      const sheet = sheets.find((x) => x.subjectTenantId === tenantId && x.scorerId === s.id);
      return sheet ? [{ scorerId: s.id, total: fmt(dec(sheet.total), 2) }] : [];
    });
    const agg = aggregate(totals, tour.aggregation);
    return { tenantId, scorerCount: totals.length, totals, result: agg.result, dropped: agg.dropped, rank: null as number | null };
  });
  const ranks = competitionRanks(out.filter((r) => r.result !== null).map((r) => ({ id: r.tenantId, score: dec(r.result!) })));
  return out.map((r) => ({ ...r, rank: ranks.get(r.tenantId) ?? null }));
}

export async function getTour(tx: Tx, caller: Caller, id: string): Promise<Tour> {
  const t = await getTourRow(tx, caller, id);
  const sites = await tx
    .select()
    .from(tourSites)
    .where(and(eq(tourSites.tenantId, t.tenantId), eq(tourSites.tourId, t.id)))
    .orderBy(asc(tourSites.sortOrder), asc(tourSites.id));
  // A district sees its own sites (RLS shows it no others) and its own result once the tour is closed.
  const visibleSites = caller.isCity ? sites : sites.filter((s) => s.subjectTenantId === caller.tenantId);
  const assessed = caller.isCity
    ? caller.districts.filter((d) => sites.some((s) => s.subjectTenantId === d.id)).map((d) => d.id)
    : [caller.tenantId];
  const allResults = caller.isCity ? await results(tx, t, assessed) : t.status === 'closed' ? await results(tx, t, [caller.tenantId]) : [];
  const criteria = criteriaOf(t);
  return {
    id: t.id,
    name: t.name,
    startsOn: t.startsOn,
    endsOn: t.endsOn,
    periodId: t.periodId,
    indicatorId: t.indicatorId,
    aggregation: t.aggregation,
    status: t.status,
    criteria,
    maxTotal: fmt(sum(criteria.map((c) => dec(c.maxPoints))), 2),
    scorers: caller.isCity ? scorersOf(t) : [],
    sites: visibleSites.map((s) => ({ id: s.id, tenantId: s.subjectTenantId, projectId: s.projectId, projectName: s.projectName, sortOrder: s.sortOrder })),
    results: caller.isCity ? allResults : allResults.map((r) => ({ ...r, totals: [], dropped: [], rank: null })),
    version: t.version,
  };
}

export interface CreateTourInput {
  name: string;
  startsOn: string;
  endsOn: string;
  periodId: string | null;
  indicatorId: string | null;
  aggregation: 'trimmed_mean' | 'mean';
  criteria: TourCriterion[];
  scorers: { name: string; unit: string | null }[];
  sites: { tenantId: string; projectId: string | null; projectName: string }[];
}

export async function createTour(tx: Tx, caller: Caller, input: CreateTourInput): Promise<string> {
  const codes = input.criteria.map((c) => c.code);
  const dup = codes.findIndex((c, i) => codes.indexOf(c) !== i);
  if (dup >= 0) throw fieldProblem(`json.criteria.${dup}.code`, `评分项编码 ${codes[dup]} 重复`);
  const known = new Set(caller.districts.map((d) => d.id));
  const badSites = input.sites.flatMap((s, i) => (known.has(s.tenantId) ? [] : [{ field: `json.sites.${i}.tenantId`, message: '不是本市的区县（市）' }]));
  if (badSites.length) throw fieldsProblem(badSites);
  if (input.periodId && input.indicatorId) {
    await getPeriodRow(tx, caller, input.periodId).catch(() => {
      throw fieldProblem('json.periodId', '考核周期不存在');
    });
    const ind = await getIndicator(tx, caller, input.indicatorId).catch(() => {
      throw fieldProblem('json.indicatorId', '指标不存在');
    });
    if (ind.source !== 'tour') throw fieldProblem('json.indicatorId', `指标“${ind.name}”的数据来源不是观摩评分`);
  }
  const id = uuidv7();
  await tx.insert(tours).values({
    tenantId: caller.tenantId,
    id,
    name: input.name,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    periodId: input.periodId,
    indicatorId: input.indicatorId,
    aggregation: input.aggregation,
    criteria: input.criteria,
    scorers: input.scorers.map((s) => ({ id: uuidv7(), name: s.name, unit: s.unit })),
  });
  if (input.sites.length) {
    await tx.insert(tourSites).values(input.sites.map((s, i) => ({ tenantId: caller.tenantId, id: uuidv7(), tourId: id, subjectTenantId: s.tenantId, projectId: s.projectId, projectName: s.projectName, sortOrder: i })));
  }
  return id;
}

/** One scorer's sheet for one assessed tenant; scoring again replaces it. Refused above any criterion's maximum. */
export async function saveScoreSheet(
  tx: Tx,
  caller: Caller,
  tour: TourRow,
  input: { scorerId: string; tenantId: string; scores: Record<string, string> },
) {
  if (tour.status !== 'scoring') throw ruleProblem('tour-closed', '观摩活动已结束', '该观摩活动已结束打分，不能再修改分数');
  if (!scorersOf(tour).some((s) => s.id === input.scorerId)) throw fieldProblem('json.scorerId', '不是本次观摩的评委');
  if (!caller.districts.some((d) => d.id === input.tenantId)) throw fieldProblem('json.tenantId', '不是本市的区县（市）');
  const sheetProblems = checkSheet(criteriaOf(tour), input.scores);
  if (sheetProblems.length) throw fieldsProblem(sheetProblems);
  const scores = Object.fromEntries(Object.entries(input.scores).map(([k, v]) => [k, fmt(dec(v), 2)]));
  const total = fmt(sheetTotal(input.scores), 2);
  const [row] = await tx
    .insert(tourScores)
    .values({ tenantId: tour.tenantId, tourId: tour.id, subjectTenantId: input.tenantId, scorerId: input.scorerId, scores, total, scoredByName: caller.displayName })
    .onConflictDoUpdate({
      target: [tourScores.tenantId, tourScores.tourId, tourScores.subjectTenantId, tourScores.scorerId],
      set: { scores, total, scoredByName: caller.displayName, updatedAt: new Date() },
    })
    .returning();
  return { tourId: tour.id, scorerId: row!.scorerId, tenantId: row!.subjectTenantId, scores, total: num(row!.total)! };
}

export async function listScoreSheets(tx: Tx, tour: TourRow) {
  const rows = await tx.select().from(tourScores).where(and(eq(tourScores.tenantId, tour.tenantId), eq(tourScores.tourId, tour.id)));
  return rows.map((r) => ({ tourId: r.tourId, scorerId: r.scorerId, tenantId: r.subjectTenantId, scores: r.scores as Record<string, string>, total: fmt(dec(r.total), 2) }));
}

/**
 * Ends the scoring. When the tour feeds an indicator, each assessed tenant's result becomes its value for the
 * period (source `tour`, the tour named in the detail); the period must still be open.
 */
export async function closeTour(tx: Tx, caller: Caller, tour: TourRow, expected: number): Promise<number> {
  if (tour.version !== expected) throw staleVersion(tour.version);
  if (tour.status === 'closed') throw ruleProblem('tour-closed', '观摩活动已结束', '该观摩活动已经结束');
  let written = 0;
  if (tour.periodId && tour.indicatorId) {
    const period = await getPeriodRow(tx, caller, tour.periodId, true);
    if (period.status === 'closed') throw closedPeriodProblem(period.code);
    const sites = await tx.select({ tenantId: tourSites.subjectTenantId }).from(tourSites).where(and(eq(tourSites.tenantId, tour.tenantId), eq(tourSites.tourId, tour.id)));
    const assessed = caller.districts.filter((d) => sites.some((s) => s.tenantId === d.id)).map((d) => d.id);
    for (const r of await results(tx, tour, assessed)) {
      if (r.result === null) continue;
      const detail = { tourId: tour.id, tourName: tour.name, scorers: r.scorerCount, aggregation: tour.aggregation, rank: r.rank };
      await tx
        .insert(indicatorValues)
        .values({ tenantId: r.tenantId, periodId: period.id, indicatorId: tour.indicatorId, value: r.result, source: 'tour', detail, recordedBy: caller.userId, recordedByName: caller.displayName })
        .onConflictDoUpdate({
          target: [indicatorValues.tenantId, indicatorValues.periodId, indicatorValues.indicatorId],
          set: { value: r.result, source: 'tour', detail, recordedBy: caller.userId, recordedByName: caller.displayName, recordedAt: new Date(), version: sql`${indicatorValues.version} + 1` },
        });
      written++;
    }
  }
  await tx.update(tours).set({ status: 'closed', version: tour.version + 1, updatedAt: new Date() }).where(and(eq(tours.tenantId, tour.tenantId), eq(tours.id, tour.id)));
  return written;
}
