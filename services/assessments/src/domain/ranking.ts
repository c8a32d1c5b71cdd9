import type {
  Direction,
  FormulaVersion,
  IndicatorScore,
  MissingPolicy,
  Normalisation,
  PointsBand,
  RankingEntry,
  RankingResult,
} from '@yingshang/contracts';
import { type Dec, HUNDRED, ZERO, cmp, dec, div, fmt, fromInt, max, min, mul, plain, sum } from './decimal.ts';

/**
 * The 赛马 ranking, pure: frozen inputs in, numbers out. Nothing here reads a clock, a database or a float, so a
 * published ranking recomputed from its snapshot (inputs, weights, formula version) gives the same digits.
 */

export interface RankingIndicatorSpec {
  indicatorId: string;
  direction: Direction;
  weight: string;
  required: boolean;
  points?: PointsBand[] | undefined;
}

export interface RankingTenant {
  tenantId: string;
  name: string;
  rankingGroup: string | null;
  /** The city's official order of its districts: the documented tie-break for the display order. */
  sortOrder: number;
}

export interface PreviousLine {
  tenantId: string;
  rank: number;
  groupRank: number;
}

export interface RankingInputs {
  formulaVersion: FormulaVersion;
  normalisation: Normalisation;
  missingPolicy: MissingPolicy;
  weightTotal: string;
  redListSize: number;
  blackListSize: number;
  indicators: RankingIndicatorSpec[];
  tenants: RankingTenant[];
  /** tenantId → indicatorId → value (a decimal string), or null/absent when missing. */
  values: Record<string, Record<string, string | null | undefined>>;
  previous: PreviousLine[] | null;
}

export interface IndicatorStats {
  indicatorId: string;
  best: string | null;
  average: string | null;
}

export interface RankingOutput {
  result: RankingResult;
  stats: IndicatorStats[];
}

// ---------------------------------------------------------------------------------------------------------------
// Formula versions: one code path each, chosen by the id the period's weights name.

interface Formula {
  /** Decimals of every score, contribution and composite (rounded half away from zero). */
  places: number;
  normalise(n: Normalisation, direction: Direction, value: Dec, present: Dec[], points: PointsBand[] | undefined): Dec;
}

function shareOfBest(direction: Direction, value: Dec, present: Dec[]): Dec {
  if (direction === 'higher') {
    const best = max(present);
    // Nothing positive to be a share of: the best (all of them, when equal) get full marks, the rest nothing.
    if (best <= ZERO) return value === best ? HUNDRED : ZERO;
    return value <= ZERO ? ZERO : div(mul(value, HUNDRED), best);
  }
  const best = min(present);
  if (best <= ZERO) return value === best ? HUNDRED : ZERO;
  return div(mul(best, HUNDRED), value);
}

function minMax(direction: Direction, value: Dec, present: Dec[]): Dec {
  const lo = min(present);
  const hi = max(present);
  if (hi === lo) return HUNDRED; // everyone equal: nobody is behind
  const distance = direction === 'higher' ? value - lo : hi - value;
  return div(mul(distance, HUNDRED), hi - lo);
}

function pointsTable(direction: Direction, value: Dec, bands: PointsBand[] | undefined): Dec {
  const sorted = [...(bands ?? [])].map((b) => ({ threshold: dec(b.threshold), points: dec(b.points) }));
  // Higher is better: the highest threshold reached; lower is better: the lowest threshold not exceeded.
  sorted.sort((a, b) => (direction === 'higher' ? cmp(b.threshold, a.threshold) : cmp(a.threshold, b.threshold)));
  const band = sorted.find((b) => (direction === 'higher' ? value >= b.threshold : value <= b.threshold));
  return band ? band.points : ZERO;
}

function normaliseWith(n: Normalisation, direction: Direction, value: Dec, present: Dec[], points: PointsBand[] | undefined): Dec {
  if (n === 'share_of_best') return shareOfBest(direction, value, present);
  if (n === 'min_max') return minMax(direction, value, present);
  return pointsTable(direction, value, points);
}

export const FORMULAS: Readonly<Record<FormulaVersion, Formula>> = {
  v1: { places: 4, normalise: normaliseWith },
  v2: {
    places: 2,
    normalise: (n, direction, value, present, points) => {
      const score = normaliseWith(n, direction, value, present, points);
      return score > HUNDRED ? HUNDRED : score;
    },
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Weights

export interface WeightProblem {
  field: string;
  message: string;
}

/**
 * Weights must add up to the configured total exactly; the message names every weight so the person sees which
 * to change. Indicators appear once; the points normalisation needs a table for each.
 */
export function checkWeights(
  items: { indicatorId: string; weight: string; points?: PointsBand[] | undefined }[],
  weightTotal: string,
  normalisation: Normalisation,
  names: Record<string, string> = {},
): WeightProblem[] {
  const problems: WeightProblem[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.indicatorId)) problems.push({ field: `json.items.${i}.indicatorId`, message: `指标“${names[item.indicatorId] ?? item.indicatorId}”重复设置了权重` });
    seen.add(item.indicatorId);
    if (normalisation === 'points' && !(item.points && item.points.length > 0)) {
      problems.push({ field: `json.items.${i}.points`, message: `分档计分须为指标“${names[item.indicatorId] ?? item.indicatorId}”设置分档` });
    }
  });
  const total = sum(items.map((item) => dec(item.weight)));
  if (total !== dec(weightTotal)) {
    const parts = items.map((item) => `${names[item.indicatorId] ?? item.indicatorId} ${plain(dec(item.weight))}`).join('、');
    problems.push({
      field: 'json.items',
      message: `各项权重合计为 ${plain(total)}，应为 ${plain(dec(weightTotal))}（${parts}）`,
    });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// Ranks

/**
 * Competition ranking ("1224"): equal scores share a rank and the next rank skips. Scores are compared after the
 * formula's rounding, so two composites shown equal are ranked equal.
 */
export function competitionRanks(scores: { id: string; score: Dec }[]): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const s of scores) ranks.set(s.id, 1 + scores.filter((o) => o.score > s.score).length);
  return ranks;
}

/** The same from the bottom: 1 = lowest score (ties share). */
function bottomRanks(scores: { id: string; score: Dec }[]): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const s of scores) ranks.set(s.id, 1 + scores.filter((o) => o.score < s.score).length);
  return ranks;
}

export function computeRanking(input: RankingInputs): RankingOutput {
  const formula = FORMULAS[input.formulaVersion];
  if (!formula) throw new Error(`unknown formula version ${input.formulaVersion}`);
  const { places } = formula;
  const weightTotal = dec(input.weightTotal);

  const valueOf = (tenantId: string, indicatorId: string): Dec | null => {
    const v = input.values[tenantId]?.[indicatorId];
    return v === null || v === undefined || v === '' ? null : dec(v);
  };

  const stats: IndicatorStats[] = [];
  const presentBy = new Map<string, Dec[]>();
  for (const ind of input.indicators) {
    const present = input.tenants.map((t) => valueOf(t.tenantId, ind.indicatorId)).filter((v): v is Dec => v !== null);
    presentBy.set(ind.indicatorId, present);
    stats.push({
      indicatorId: ind.indicatorId,
      best: present.length ? plain(ind.direction === 'higher' ? max(present) : min(present)) : null,
      average: present.length ? fmt(div(sum(present), fromInt(present.length)), places) : null,
    });
  }

  const missing: RankingResult['missing'] = [];
  const lines = input.tenants.map((t) => {
    const raw = input.indicators.map((ind) => {
      const value = valueOf(t.tenantId, ind.indicatorId);
      if (value === null) missing.push({ tenantId: t.tenantId, indicatorId: ind.indicatorId, required: ind.required });
      const score = value === null ? null : formula.normalise(input.normalisation, ind.direction, value, presentBy.get(ind.indicatorId)!, ind.points);
      return { ind, value, score: score === null ? null : dec(fmt(score, places)) };
    });
    // Missing values score 0 (policy `zero`) or drop out with the other weights scaled up to the total (`exclude`).
    const considered = raw.filter((r) => r.value !== null || input.missingPolicy === 'zero');
    const consideredWeight = sum(considered.map((r) => dec(r.ind.weight)));
    const scores: IndicatorScore[] = raw.map((r) => {
      const isConsidered = r.value !== null || input.missingPolicy === 'zero';
      const effective = isConsidered && consideredWeight > ZERO ? div(mul(dec(r.ind.weight), weightTotal), consideredWeight) : ZERO;
      const score = r.score ?? (input.missingPolicy === 'zero' ? ZERO : null);
      const contribution = score === null ? ZERO : div(mul(score, effective), HUNDRED);
      return {
        indicatorId: r.ind.indicatorId,
        value: r.value === null ? null : plain(r.value),
        missing: r.value === null,
        score: score === null ? null : fmt(score, places),
        contribution: fmt(contribution, places),
        effectiveWeight: fmt(effective, places),
      };
    });
    // The composite is the sum of the contributions as shown, so the breakdown always adds up to it.
    const composite = sum(scores.map((s) => dec(s.contribution)));
    return { tenant: t, composite, scores, missing: raw.filter((r) => r.value === null).map((r) => r.ind.indicatorId) };
  });

  const overall = competitionRanks(lines.map((l) => ({ id: l.tenant.tenantId, score: l.composite })));
  const groupKey = (g: string | null) => g ?? '';
  const groupNames = [...new Set(lines.map((l) => l.tenant.rankingGroup))];
  const groupRanks = new Map<string, number>();
  for (const g of groupNames) {
    const members = lines.filter((l) => l.tenant.rankingGroup === g);
    for (const [id, r] of competitionRanks(members.map((l) => ({ id: l.tenant.tenantId, score: l.composite })))) groupRanks.set(id, r);
  }
  const fromBottom = bottomRanks(lines.map((l) => ({ id: l.tenant.tenantId, score: l.composite })));
  const red = new Set(lines.filter((l) => input.redListSize > 0 && overall.get(l.tenant.tenantId)! <= input.redListSize).map((l) => l.tenant.tenantId));
  const black = new Set(
    lines
      .filter((l) => input.blackListSize > 0 && fromBottom.get(l.tenant.tenantId)! <= input.blackListSize && !red.has(l.tenant.tenantId))
      .map((l) => l.tenant.tenantId),
  );
  const previous = new Map((input.previous ?? []).map((p) => [p.tenantId, p]));

  const entries: RankingEntry[] = lines
    .map((l) => {
      const id = l.tenant.tenantId;
      const rank = overall.get(id)!;
      const groupRank = groupRanks.get(id)!;
      const prev = previous.get(id) ?? null;
      return {
        tenantId: id,
        tenantName: l.tenant.name,
        rankingGroup: l.tenant.rankingGroup,
        composite: fmt(l.composite, places),
        rank,
        groupRank,
        previousRank: prev?.rank ?? null,
        change: prev ? prev.rank - rank : null,
        previousGroupRank: prev?.groupRank ?? null,
        groupChange: prev ? prev.groupRank - groupRank : null,
        list: red.has(id) ? ('red' as const) : black.has(id) ? ('black' as const) : null,
        missing: l.missing,
        scores: l.scores,
        sortOrder: l.tenant.sortOrder,
      };
    })
    // Tied tenants share a rank; among them the city's official district order decides who is listed first.
    .sort((a, b) => a.rank - b.rank || a.sortOrder - b.sortOrder || (a.tenantId < b.tenantId ? -1 : a.tenantId > b.tenantId ? 1 : 0))
    .map(({ sortOrder: _sortOrder, ...entry }) => entry);

  const groups = groupNames
    .map((g) => ({ group: g, tenantIds: entries.filter((e) => groupKey(e.rankingGroup) === groupKey(g)).map((e) => e.tenantId) }))
    .sort((a, b) => {
      const first = (g: { tenantIds: string[] }) => Math.min(...g.tenantIds.map((id) => input.tenants.find((t) => t.tenantId === id)!.sortOrder));
      return first(a) - first(b);
    });

  return {
    result: {
      entries,
      groups,
      redList: entries.filter((e) => e.list === 'red').map((e) => e.tenantId),
      blackList: entries.filter((e) => e.list === 'black').map((e) => e.tenantId),
      missing,
    },
    stats,
  };
}

/** Where two results differ, as paths with both values: empty when a recomputation matches the stored numbers. */
export function differences(stored: unknown, recomputed: unknown, path = ''): { path: string; stored: string | null; recomputed: string | null }[] {
  if (stored === recomputed) return [];
  if (stored && recomputed && typeof stored === 'object' && typeof recomputed === 'object') {
    const keys = new Set([...Object.keys(stored), ...Object.keys(recomputed)]);
    return [...keys].flatMap((k) =>
      differences((stored as Record<string, unknown>)[k], (recomputed as Record<string, unknown>)[k], path ? `${path}.${k}` : k),
    );
  }
  const show = (v: unknown) => (v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v));
  return [{ path, stored: show(stored), recomputed: show(recomputed) }];
}
