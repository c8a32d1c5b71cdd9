import { type DoubleHalfStatus, SCHEDULE_TOLERANCE_POINTS, type ScheduleStatus } from '@yingshang/contracts';
import { moneyRatio, ratio, toCents } from './money.ts';

/**
 * The formulas of DOMAIN.md, as pure functions. SQL filters with `projects.schedule_status`, the same rule;
 * test/progress.test.ts holds the two together.
 */

/** 序时进度: months elapsed ÷ 12 at the end of month `monthNumber` (1–12), to four decimals. */
export function timeBenchmark(monthNumber: number): number {
  return ratio(BigInt(monthNumber), 12n)!;
}

/**
 * Ahead / on track / behind: year-to-date completed ÷ annual plan against 序时进度, with a band of
 * `SCHEDULE_TOLERANCE_POINTS` percentage points either side. Compared cross-multiplied in cents, so no rounding
 * decides a borderline case.
 */
export function scheduleStatus(ytdCompleted: string, annualPlan: string | null | undefined, monthNumber: number): ScheduleStatus {
  if (annualPlan == null) return 'no_plan';
  const plan = toCents(annualPlan);
  if (plan <= 0n) return 'no_plan';
  const done = 1200n * toCents(ytdCompleted);
  const band = BigInt(SCHEDULE_TOLERANCE_POINTS) * 12n;
  if (done < plan * (100n * BigInt(monthNumber) - band)) return 'behind';
  if (done > plan * (100n * BigInt(monthNumber) + band)) return 'ahead';
  return 'on_track';
}

/** How many percentage points the project lags 序时进度 (positive when behind), to two decimals. */
export function gapPoints(ytdCompleted: string, annualPlan: string, monthNumber: number): number {
  const plan = toCents(annualPlan);
  if (plan <= 0n) return 0;
  // (month/12 − ytd/plan) × 100, in hundredths of a point
  const hundredths = ((BigInt(monthNumber) * plan - 12n * toCents(ytdCompleted)) * 10000n) / (12n * plan);
  return Number(hundredths) / 100;
}

/**
 * 双过半 for the year of `asOfMonthNumber`: by the end of June, January–June completed ÷ annual plan ≥ 50 %.
 * Before July the half is not over: `on_course` while year-to-date keeps pace with 序时进度, else `at_risk`.
 */
export function doubleHalf(
  firstHalfCompleted: string,
  annualPlan: string | null | undefined,
  asOfMonthNumber: number,
): { rate: number | null; status: DoubleHalfStatus } {
  if (annualPlan == null || toCents(annualPlan) <= 0n) return { rate: null, status: 'no_plan' };
  const plan = toCents(annualPlan);
  const done = toCents(firstHalfCompleted);
  const rate = ratio(done, plan);
  if (asOfMonthNumber >= 6) return { rate, status: 2n * done >= plan ? 'achieved' : 'missed' };
  return { rate, status: 12n * done >= BigInt(asOfMonthNumber) * plan ? 'on_course' : 'at_risk' };
}

export interface ProgressFigures {
  asOf: string;
  annualPlan: string | null;
  ytdCompleted: string;
  sinceStartCompleted: string;
  firstHalfCompleted: string;
  totalInvestment: string;
  lastReportedMonth: string | null;
}

/** The derived progress of one project as of a month. */
export function projectProgress(f: ProgressFigures) {
  const month = Number(f.asOf.slice(5, 7));
  const half = doubleHalf(f.firstHalfCompleted, f.annualPlan, month);
  return {
    asOf: f.asOf,
    year: Number(f.asOf.slice(0, 4)),
    annualPlan: f.annualPlan,
    ytdCompleted: f.ytdCompleted,
    annualPlanRate: moneyRatio(f.ytdCompleted, f.annualPlan),
    sinceStartCompleted: f.sinceStartCompleted,
    totalInvestmentRate: moneyRatio(f.sinceStartCompleted, f.totalInvestment),
    timeBenchmark: timeBenchmark(month),
    status: scheduleStatus(f.ytdCompleted, f.annualPlan, month),
    firstHalfCompleted: f.firstHalfCompleted,
    doubleHalfRate: half.rate,
    doubleHalfStatus: half.status,
    lastReportedMonth: f.lastReportedMonth,
  };
}
