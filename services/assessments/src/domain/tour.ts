import type { TourAggregation, TourCriterion } from '@yingshang/contracts';
import { type Dec, ZERO, dec, div, fmt, fromInt, plain, sum } from './decimal.ts';

export interface SheetProblem {
  field: string;
  message: string;
}

/** A scorer's sheet: every criterion of the tour, none unknown, none above its maximum points. */
export function checkSheet(criteria: TourCriterion[], scores: Record<string, string>): SheetProblem[] {
  const problems: SheetProblem[] = [];
  const known = new Map(criteria.map((c) => [c.code, c]));
  for (const code of Object.keys(scores)) {
    if (!known.has(code)) problems.push({ field: `json.scores.${code}`, message: `评分项“${code}”不在本次观摩的评分表中` });
  }
  for (const c of criteria) {
    const raw = scores[c.code];
    if (raw === undefined) {
      problems.push({ field: `json.scores.${c.code}`, message: `请为“${c.name}”打分` });
      continue;
    }
    if (dec(raw) > dec(c.maxPoints)) {
      problems.push({ field: `json.scores.${c.code}`, message: `“${c.name}”得分 ${raw} 超过满分 ${plain(dec(c.maxPoints))}` });
    }
  }
  return problems;
}

export const sheetTotal = (scores: Record<string, string>): Dec => sum(Object.values(scores).map(dec));

export interface AggregateResult {
  /** Four decimals, or null without any sheet. */
  result: string | null;
  /** Scorer ids whose totals were dropped (the highest and the lowest). */
  dropped: string[];
}

/**
 * The tenant's result from its scorers' totals. Trimmed mean drops one highest and one lowest total (only one of
 * each, even when several scorers gave the same total) and averages the rest; with fewer than three scorers there
 * is nothing to trim and it is the plain mean. Which equal total is dropped is the first in scorer order: it does
 * not change the result.
 */
export function aggregate(totals: { scorerId: string; total: string }[], how: TourAggregation): AggregateResult {
  if (totals.length === 0) return { result: null, dropped: [] };
  const values = totals.map((t) => ({ id: t.scorerId, v: dec(t.total) }));
  let kept = values;
  const dropped: string[] = [];
  if (how === 'trimmed_mean' && values.length >= 3) {
    const hi = values.reduce((a, b) => (b.v > a.v ? b : a));
    const lo = values.reduce((a, b) => (b.v < a.v ? b : a));
    const loPick = lo === hi ? values.find((x) => x !== hi)! : lo;
    dropped.push(hi.id, loPick.id);
    kept = values.filter((x) => x !== hi && x !== loPick);
  }
  const mean = kept.length ? div(sum(kept.map((x) => x.v)), fromInt(kept.length)) : ZERO;
  return { result: fmt(mean, 4), dropped };
}
