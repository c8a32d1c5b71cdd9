import type { Direction, MarkProgress, MidyearStatus } from '@yingshang/contracts';
import { ZERO, dec, div, fmt, fromInt } from './decimal.ts';

/**
 * Progress against one of the 三标 marks (benchmark or standard). The ratio is value ÷ mark when higher is better
 * and mark ÷ value when lower is better, so 1 always means "at the mark"; the gap is how far there is still to
 * go in the indicator's unit (0 once reached).
 */
export function markProgress(value: string | null, mark: string | null, direction: Direction): MarkProgress {
  if (value === null || mark === null) return { ratio: null, reached: null, gap: null };
  const v = dec(value);
  const m = dec(mark);
  const reached = direction === 'higher' ? v >= m : v <= m;
  const rawGap = direction === 'higher' ? m - v : v - m;
  const gap = rawGap > ZERO ? rawGap : ZERO;
  const numerator = direction === 'higher' ? v : m;
  const denominator = direction === 'higher' ? m : v;
  const ratio = denominator === ZERO ? null : fmt(div(numerator, denominator), 4);
  return { ratio, reached, gap: fmt(gap, 4) };
}

/**
 * The mid-year view of one value against its annual target and the time benchmark (month ÷ 12). Within two
 * percentage points of the benchmark counts as on track. 双过半 is whether the task is at least half done.
 */
export function midyearStatus(
  value: string | null,
  annualTarget: string | null,
  direction: Direction,
  month: number,
): { completion: string | null; timeBenchmark: string; status: MidyearStatus; halfDone: boolean | null } {
  const benchmark = div(fromInt(month), fromInt(12));
  const timeBenchmark = fmt(benchmark, 4);
  if (annualTarget === null) return { completion: null, timeBenchmark, status: 'no_target', halfDone: null };
  if (value === null) return { completion: null, timeBenchmark, status: 'no_value', halfDone: null };
  const v = dec(value);
  const t = dec(annualTarget);
  // A lower-is-better target (e.g. days to close) is met when the value stays at or below it; progress is t ÷ v.
  const numerator = direction === 'higher' ? v : t;
  const denominator = direction === 'higher' ? t : v;
  if (denominator === ZERO) {
    const full = numerator >= ZERO;
    return { completion: null, timeBenchmark, status: full ? 'ahead' : 'behind', halfDone: full };
  }
  const completion = div(numerator, denominator);
  const shown = dec(fmt(completion, 4));
  const band = dec('0.02');
  const status: MidyearStatus = direction === 'lower'
    ? shown >= dec('1') ? 'on_track' : 'behind'
    : shown < benchmark - band ? 'behind' : shown > benchmark + band ? 'ahead' : 'on_track';
  return { completion: fmt(completion, 4), timeBenchmark, status, halfDone: direction === 'lower' ? shown >= dec('1') : shown >= dec('0.5') };
}
