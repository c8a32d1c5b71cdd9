import {
  PROJECT_CATEGORIES,
  PROJECT_LEVELS,
  PROJECT_STAGES,
  type ProjectStage,
  type ProjectStatistics,
  STRATEGIES,
  projectCategoryLabels,
  projectLevelLabels,
  projectStageLabels,
  strategyLabels,
} from '@yingshang/contracts';
import { type Tx, queryRows } from '@yingshang/db';
import { sql } from 'drizzle-orm';
import { moneyRatio } from './money.ts';
import { doubleHalf, gapPoints, scheduleStatus, timeBenchmark } from './progress.ts';
import type { AsOf } from './projects.ts';
import { type Viewer, scopePredicate } from './scope.ts';
import { monthEnd } from './time.ts';

interface Bucket {
  key: string;
  count: number;
  totalInvestment: string;
}

interface Aggregates {
  projects: number;
  totalInvestment: string;
  byStage: Bucket[];
  byCategory: Bucket[];
  byLevel: Bucket[];
  byStrategy: Bucket[];
  byBatch: (Bucket & { stage: ProjectStage })[];
  industries: { industry: string; count: number; totalInvestment: string }[];
  topShareSum: string;
  annualPlan: string;
  ytd: string;
  firstHalf: string;
  monthPlanned: string;
  monthCompleted: string;
  reported: number;
  plannedToStart: number;
  started: number;
  plannedToProduce: number;
  produced: number;
  blockersOpen: number;
  blockersOverdue: number;
  blockersClosed: number;
}

interface PerProject {
  id: string;
  code: string;
  name: string;
  departmentName: string | null;
  plan: string | null;
  ytd: string;
  firstHalf: string;
}

export const TOP_INDUSTRIES = 3;

/**
 * The figures the district and the city look at, over the projects in the caller's scope, as of a month. Every
 * amount is summed in SQL; rates are divided exactly from those sums.
 */
export async function statistics(tx: Tx, viewer: Viewer, asOf: AsOf, today: string): Promise<ProjectStatistics> {
  const end = monthEnd(asOf.month);
  const base = sql`
    select p.id, p.code, p.name, p.stage, p.category, p.level, p.strategies, coalesce(nullif(p.industry, ''), '未填写') as industry,
           p.total_investment, p.sign_batch, p.start_batch, p.production_batch, p.planned_start_date, p.actual_start_date,
           p.planned_production_date, p.actual_production_date, d.name as department_name, apy.planned_investment as plan,
           coalesce(agg.ytd, 0) as ytd, coalesce(agg.first_half, 0) as first_half, agg.month_planned, agg.month_completed
    from projects.projects p
    left join identity.department_tree_v d on d.tenant_id = p.tenant_id and d.id = p.department_id
    left join projects.annual_plans apy on apy.tenant_id = p.tenant_id and apy.project_id = p.id and apy.year = ${asOf.year}::int
    left join lateral (
      select sum(r.completed_investment) filter (where r.month >= ${asOf.yearStart}::date) as ytd,
             sum(r.completed_investment) filter (where r.month >= ${asOf.yearStart}::date and r.month <= ${asOf.june}::date) as first_half,
             sum(r.planned_investment) filter (where r.month = ${asOf.monthStart}::date) as month_planned,
             sum(r.completed_investment) filter (where r.month = ${asOf.monthStart}::date) as month_completed
      from projects.investment_reports r
      where r.tenant_id = p.tenant_id and r.project_id = p.id and r.month <= ${asOf.monthStart}::date
    ) agg on true
    where p.tenant_id = ${viewer.tenantId}::uuid and ${scopePredicate(viewer)}`;
  const bucketsBy = (column: string) =>
    sql`(select coalesce(json_agg(json_build_object('key', k, 'count', n, 'totalInvestment', t)), '[]'::json)
         from (select ${sql.raw(column)}::text as k, count(*)::int as n, sum(total_investment)::numeric(16,2)::text as t from base group by 1) g)`;
  const [agg] = await queryRows<{ figures: Aggregates }>(
    tx,
    sql`with base as (${base})
    select json_build_object(
      'projects', (select count(*)::int from base),
      'totalInvestment', (select coalesce(sum(total_investment), 0)::numeric(16,2)::text from base),
      'byStage', ${bucketsBy('stage')},
      'byCategory', ${bucketsBy('category')},
      'byLevel', ${bucketsBy('level')},
      'byStrategy', (select coalesce(json_agg(json_build_object('key', k, 'count', n, 'totalInvestment', t)), '[]'::json)
                     from (select s as k, count(*)::int as n, sum(total_investment)::text as t
                           from base cross join lateral unnest(strategies) s group by s) g),
      'byBatch', (select coalesce(json_agg(json_build_object('key', k, 'stage', st, 'count', n, 'totalInvestment', t) order by k, st), '[]'::json)
                  from (select b.k, b.st, count(*)::int as n, sum(b.total_investment)::text as t from (
                          select sign_batch as k, 'signed' as st, total_investment from base where sign_batch is not null
                          union all select start_batch, 'started', total_investment from base where start_batch is not null
                          union all select production_batch, 'producing', total_investment from base where production_batch is not null
                        ) b group by b.k, b.st) g),
      'industries', (select coalesce(json_agg(json_build_object('industry', industry, 'count', n, 'totalInvestment', t::text) order by t desc, industry), '[]'::json)
                     from (select industry, count(*)::int as n, sum(total_investment) as t from base group by industry) g),
      'topShareSum', (select coalesce(sum(t), 0)::numeric(16,2)::text from (select sum(total_investment) as t from base group by industry order by t desc limit ${TOP_INDUSTRIES}) g),
      'annualPlan', (select coalesce(sum(plan), 0)::numeric(16,2)::text from base),
      'ytd', (select coalesce(sum(ytd), 0)::numeric(16,2)::text from base),
      'firstHalf', (select coalesce(sum(first_half), 0)::numeric(16,2)::text from base),
      'monthPlanned', (select coalesce(sum(month_planned), 0)::numeric(16,2)::text from base),
      'monthCompleted', (select coalesce(sum(month_completed), 0)::numeric(16,2)::text from base),
      'reported', (select count(*)::int from base where month_completed is not null),
      'plannedToStart', (select count(*)::int from base where extract(year from planned_start_date) = ${asOf.year}),
      'started', (select count(*)::int from base where extract(year from planned_start_date) = ${asOf.year} and actual_start_date <= ${end}::date),
      'plannedToProduce', (select count(*)::int from base where extract(year from planned_production_date) = ${asOf.year}),
      'produced', (select count(*)::int from base where extract(year from planned_production_date) = ${asOf.year} and actual_production_date <= ${end}::date),
      'blockersOpen', (select count(*)::int from projects.blockers b join base on base.id = b.project_id where b.tenant_id = ${viewer.tenantId}::uuid and b.status = 'open'),
      'blockersOverdue', (select count(*)::int from projects.blockers b join base on base.id = b.project_id where b.tenant_id = ${viewer.tenantId}::uuid and b.status = 'open' and b.deadline < ${today}::date),
      'blockersClosed', (select count(*)::int from projects.blockers b join base on base.id = b.project_id where b.tenant_id = ${viewer.tenantId}::uuid and b.status = 'closed')
    ) as figures`,
  );
  const f = agg!.figures;
  const perProject = await queryRows<PerProject>(
    tx,
    sql`with base as (${base}) select id, code, name, department_name as "departmentName", plan::text as plan, ytd::numeric(16,2)::text as ytd,
          first_half::numeric(16,2)::text as "firstHalf" from base order by code`,
  );

  const ordered = <K extends string>(buckets: Bucket[], keys: readonly K[], labels: Readonly<Record<K, string>>) =>
    keys.map((key) => {
      const b = buckets.find((x) => x.key === key);
      return { key, label: labels[key], count: b?.count ?? 0, totalInvestment: b?.totalInvestment ?? '0.00' };
    });

  const schedule = { ahead: 0, onTrack: 0, behind: 0, noPlan: 0 };
  const behindSchedule: ProjectStatistics['behindSchedule'] = [];
  let achieved = 0;
  let withPlan = 0;
  for (const p of perProject) {
    const status = scheduleStatus(p.ytd, p.plan, asOf.monthNumber);
    if (status === 'ahead') schedule.ahead++;
    else if (status === 'on_track') schedule.onTrack++;
    else if (status === 'no_plan') schedule.noPlan++;
    else {
      schedule.behind++;
      behindSchedule.push({
        id: p.id,
        code: p.code,
        name: p.name,
        departmentName: p.departmentName,
        annualPlan: p.plan!,
        ytdCompleted: p.ytd,
        annualPlanRate: moneyRatio(p.ytd, p.plan),
        gapPoints: gapPoints(p.ytd, p.plan!, asOf.monthNumber),
      });
    }
    const half = doubleHalf(asOf.monthNumber >= 6 ? p.firstHalf : p.ytd, p.plan, asOf.monthNumber);
    if (half.status !== 'no_plan') withPlan++;
    if (half.status === 'achieved' || half.status === 'on_course') achieved++;
  }
  behindSchedule.sort((a, b) => b.gapPoints - a.gapPoints || a.code.localeCompare(b.code));
  const firstHalf = asOf.monthNumber >= 6 ? f.firstHalf : f.ytd;
  const tenantHalf = doubleHalf(firstHalf, f.annualPlan, asOf.monthNumber);
  const ratio = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10000) / 10000 : null);

  return {
    asOf: asOf.month,
    year: asOf.year,
    timeBenchmark: timeBenchmark(asOf.monthNumber),
    projects: f.projects,
    totalInvestment: f.totalInvestment,
    byStage: ordered(f.byStage, PROJECT_STAGES, projectStageLabels),
    byCategory: ordered(f.byCategory, PROJECT_CATEGORIES, projectCategoryLabels),
    byLevel: ordered(f.byLevel, PROJECT_LEVELS, projectLevelLabels),
    byStrategy: ordered(f.byStrategy, STRATEGIES, strategyLabels),
    byBatch: f.byBatch.map((b) => ({
      ...b,
      label: `${b.key} ${projectStageLabels[b.stage]}`,
    })),
    investment: {
      annualPlan: f.annualPlan,
      ytdCompleted: f.ytd,
      completionRate: moneyRatio(f.ytd, f.annualPlan),
      monthPlanned: f.monthPlanned,
      monthCompleted: f.monthCompleted,
      reportedProjects: f.reported,
    },
    start: { planned: f.plannedToStart, started: f.started, rate: ratio(f.started, f.plannedToStart) },
    production: { planned: f.plannedToProduce, produced: f.produced, rate: ratio(f.produced, f.plannedToProduce) },
    doubleHalf: {
      firstHalfCompleted: firstHalf,
      annualPlan: f.annualPlan,
      rate: tenantHalf.rate,
      status: tenantHalf.status,
      projectsAchieved: achieved,
      projectsWithPlan: withPlan,
    },
    schedule,
    behindSchedule,
    industries: {
      items: f.industries.map((i) => ({ ...i, share: moneyRatio(i.totalInvestment, f.totalInvestment) })),
      topN: TOP_INDUSTRIES,
      topShare: moneyRatio(f.topShareSum, f.totalInvestment),
    },
    blockers: { open: f.blockersOpen, overdue: f.blockersOverdue, closed: f.blockersClosed },
  };
}
