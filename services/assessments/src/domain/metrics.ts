import type { ComputedMetric } from '@yingshang/contracts';
import { HUNDRED, ZERO, dec, div, fmt, mul, plain, sum } from './decimal.ts';

/** One month of `projects.tenant_month_figures_v` as the metrics need it (decimals as strings). */
export interface ProjectMonth {
  month: string;
  ytdCompletedInvestment: string;
  annualPlannedInvestment: string;
  plannedToStartCount: number;
  startedOfPlannedCount: number;
  plannedToProduceCount: number;
  producedOfPlannedCount: number;
  behindScheduleCount: number;
}

/** One month of `enterprise.tenant_month_figures_v`. */
export interface EnterpriseMonth {
  month: string;
  appealsReceived: number;
  appealsClosed: number;
  appealsClosedOnTime: number;
  appealsResolved: number;
  appealsRated: number;
  appealsSatisfied: number;
  appealsFollowedUp: number;
  appealsOverdue: number;
  closeWorkdaysSum: string;
  visits: number;
  benefitsMatched: number;
  benefitsPaid: number;
}

export interface MetricValue {
  /** Four decimals; null when the figures cannot give one (no months, or a rate over nothing). */
  value: string | null;
  detail: Record<string, unknown>;
}

const ratio = (metric: ComputedMetric, numText: string, denText: string, months: string[], percent = true): MetricValue => {
  const d = dec(denText);
  const n = dec(numText);
  const [num, den] = [plain(n), plain(d)];
  if (d === ZERO) return { value: null, detail: { metric, numerator: num, denominator: den, months, reason: '分母为 0，无法计算' } };
  return { value: fmt(percent ? div(mul(n, HUNDRED), d) : div(n, d), 4), detail: { metric, numerator: num, denominator: den, months } };
};

/**
 * A computed indicator's value for a period from the months of the read contracts that fall in it. The projects
 * view is year-to-date already, so its metrics take the period's last month present; the enterprise view counts
 * each month's events, so its metrics add the months and a rate is the ratio of the sums.
 */
export function computeMetric(metric: ComputedMetric, projects: ProjectMonth[], enterprise: EnterpriseMonth[]): MetricValue {
  if (metric.startsWith('projects.')) {
    const last = [...projects].sort((a, b) => (a.month < b.month ? -1 : 1)).at(-1);
    if (!last) return { value: null, detail: { metric, reason: '本期没有项目月度数据' } };
    const months = [last.month];
    switch (metric) {
      case 'projects.completion_rate':
        return ratio(metric, last.ytdCompletedInvestment, last.annualPlannedInvestment, months);
      case 'projects.start_rate':
        return ratio(metric, String(last.startedOfPlannedCount), String(last.plannedToStartCount), months);
      case 'projects.production_rate':
        return ratio(metric, String(last.producedOfPlannedCount), String(last.plannedToProduceCount), months);
      case 'projects.ytd_investment':
        return { value: fmt(dec(last.ytdCompletedInvestment), 4), detail: { metric, months } };
      case 'projects.behind_schedule':
        return { value: fmt(dec(String(last.behindScheduleCount)), 4), detail: { metric, months } };
    }
  }
  if (enterprise.length === 0) return { value: null, detail: { metric, reason: '本期没有助企服务月度数据' } };
  const months = enterprise.map((m) => m.month).sort();
  const total = (pick: (m: EnterpriseMonth) => number | string) => sum(enterprise.map((m) => dec(String(pick(m)))));
  const t = (pick: (m: EnterpriseMonth) => number | string) => fmt(total(pick), 4);
  switch (metric) {
    case 'enterprise.close_rate':
      return ratio(metric, t((m) => m.appealsClosed), t((m) => m.appealsReceived), months);
    case 'enterprise.on_time_rate':
      return ratio(metric, t((m) => m.appealsClosedOnTime), t((m) => m.appealsClosed), months);
    case 'enterprise.resolve_rate':
      return ratio(metric, t((m) => m.appealsResolved), t((m) => m.appealsClosed), months);
    case 'enterprise.satisfaction_rate':
      return ratio(metric, t((m) => m.appealsSatisfied), t((m) => m.appealsRated), months);
    case 'enterprise.follow_up_rate':
      return ratio(metric, t((m) => m.appealsFollowedUp), t((m) => m.appealsClosed), months);
    case 'enterprise.avg_close_workdays':
      return ratio(metric, t((m) => m.closeWorkdaysSum), t((m) => m.appealsClosed), months, false);
    case 'enterprise.overdue':
      return { value: t((m) => m.appealsOverdue), detail: { metric, months } };
    case 'enterprise.visits':
      return { value: t((m) => m.visits), detail: { metric, months } };
    case 'enterprise.benefit_paid_rate':
      return ratio(metric, t((m) => m.benefitsPaid), t((m) => m.benefitsMatched), months);
  }
  return { value: null, detail: { metric, reason: '未知的计算口径' } };
}
