import type { InvestmentReport, MonthlyReport, MonthlyReportRow, ProjectStage } from '@yingshang/contracts';
import { type Tx, queryRows, schema, uuidv7 } from '@yingshang/db';
import { HttpProblem, staleVersion } from '@yingshang/service-kit';
import { and, asc, eq, sql } from 'drizzle-orm';
import { fromCents, moneyRatio, toCents } from './money.ts';
import { fieldProblem } from './problems.ts';
import { scheduleStatus, timeBenchmark } from './progress.ts';
import type { ProjectRecord } from './projects.ts';
import { type Viewer, scopePredicate } from './scope.ts';
import { monthEnd, monthNumber, monthOf, monthStart, yearOf } from './time.ts';

const R = schema.investmentReports;

export interface ReportInput {
  plannedInvestment: string;
  completedInvestment: string;
  progress?: string | null | undefined;
  photos?: string[] | undefined;
  problems?: string | null | undefined;
  confirmExceedsTotal?: boolean | undefined;
}

export const toReport = (r: typeof R.$inferSelect): InvestmentReport => ({
  id: r.id,
  projectId: r.projectId,
  month: r.month.slice(0, 7),
  plannedInvestment: r.plannedInvestment,
  completedInvestment: r.completedInvestment,
  progress: r.progress,
  photos: r.photos,
  problems: r.problems,
  reportedByName: r.reportedByName,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** A month can be reported once it has begun: never a future month. */
export function checkReportMonth(month: string, today: string, field: string): void {
  if (month > monthOf(today)) throw fieldProblem(field, `不能填报未来月份（本月为 ${monthOf(today)}）`);
}

/**
 * Amounts past the total investment are possible (a budget revised upwards) but usually a slip of the decimal
 * point: refused until the person confirms them, then saved with a warning.
 */
async function plausibility(tx: Tx, project: ProjectRecord, month: string, input: ReportInput, field: string) {
  const [other] = await queryRows<{ total: string }>(
    tx,
    sql`select coalesce(sum(completed_investment), 0)::numeric(16,2)::text as total from projects.investment_reports
        where tenant_id = ${project.tenantId}::uuid and project_id = ${project.id}::uuid and month <> ${monthStart(month)}::date`,
  );
  const total = toCents(project.totalInvestment);
  const completed = toCents(input.completedInvestment);
  const sinceStart = toCents(other!.total) + completed;
  const warnings: { field: string; message: string }[] = [];
  if (completed > total) {
    warnings.push({ field, message: `本月完成投资 ${input.completedInvestment} 万元超过项目总投资 ${project.totalInvestment} 万元` });
  } else if (sinceStart > total) {
    warnings.push({ field, message: `开工以来累计完成 ${fromCents(sinceStart)} 万元将超过项目总投资 ${project.totalInvestment} 万元` });
  }
  if (warnings.length > 0 && input.confirmExceedsTotal !== true) {
    throw new HttpProblem(422, 'needs-confirmation', '金额超过项目总投资，请确认', `${warnings[0]!.message}；确认无误请勾选确认后重新提交（confirmExceedsTotal: true）`, {
      errors: warnings,
    });
  }
  return warnings;
}

/**
 * One report per project and month, whatever the number of attempts: an insert that meets the unique index turns
 * into an update, and an update that changes nothing writes nothing (same version, no audit entry). The project row
 * is locked first, so concurrent reports of one project check the running total one after another.
 */
export async function upsertReport(
  tx: Tx,
  viewer: Viewer,
  project: ProjectRecord,
  month: string,
  input: ReportInput,
  expectedVersion: number | undefined,
  field = 'json.completedInvestment',
) {
  const [existing] = await tx
    .select()
    .from(R)
    .where(and(eq(R.tenantId, project.tenantId), eq(R.projectId, project.id), eq(R.month, monthStart(month))))
    .for('update');
  if (expectedVersion !== undefined) {
    if (!existing) throw new HttpProblem(412, 'stale-version', '月报不存在', '该月尚未填报，不能按版本号修改；请去掉 If-Match 后提交');
    if (existing.version !== expectedVersion) throw staleVersion(existing.version);
  }
  const warnings = await plausibility(tx, project, month, input, field);
  const values = {
    plannedInvestment: input.plannedInvestment,
    completedInvestment: input.completedInvestment,
    progress: input.progress ?? null,
    photos: input.photos ?? [],
    problems: input.problems ?? null,
  };
  if (!existing) {
    const [row] = await tx
      .insert(R)
      .values({
        tenantId: project.tenantId,
        id: uuidv7(),
        projectId: project.id,
        month: monthStart(month),
        ...values,
        reportedBy: viewer.userId,
        reportedByName: viewer.displayName,
      })
      .returning();
    return { report: row!, before: null, created: true, changed: true, warnings };
  }
  const same =
    existing.plannedInvestment === values.plannedInvestment &&
    existing.completedInvestment === values.completedInvestment &&
    existing.progress === values.progress &&
    existing.problems === values.problems &&
    JSON.stringify(existing.photos) === JSON.stringify(values.photos);
  if (same) return { report: existing, before: existing, created: false, changed: false, warnings };
  const [row] = await tx
    .update(R)
    .set({ ...values, reportedBy: viewer.userId, reportedByName: viewer.displayName, version: existing.version + 1, updatedAt: new Date() })
    .where(and(eq(R.tenantId, existing.tenantId), eq(R.id, existing.id)))
    .returning();
  return { report: row!, before: existing, created: false, changed: true, warnings };
}

export async function reportsOf(tx: Tx, project: { tenantId: string; id: string }, year?: number) {
  const filters = [eq(R.tenantId, project.tenantId), eq(R.projectId, project.id)];
  if (year !== undefined) filters.push(sql`${R.month} between ${`${year}-01-01`}::date and ${`${year}-12-01`}::date`);
  const rows = await tx.select().from(R).where(and(...filters)).orderBy(asc(R.month));
  return rows.map(toReport);
}

interface MonthlyRow {
  projectId: string;
  code: string;
  name: string;
  ownerUnit: string;
  stage: ProjectStage;
  departmentName: string | null;
  totalInvestment: string;
  annualPlan: string | null;
  reported: boolean;
  plannedInvestment: string | null;
  completedInvestment: string | null;
  ytd: string;
  sinceStart: string;
  progress: string | null;
  problems: string | null;
}

/**
 * The tenant's monthly report: every project in scope that reported for the month, has a plan for its year, or was
 * under construction in it (started by its end, not yet producing at its start), with the month's figures (or none
 * yet) and the year-to-date. Totals are summed in SQL.
 */
export async function monthlyReport(tx: Tx, viewer: Viewer, month: string): Promise<MonthlyReport> {
  const year = yearOf(month);
  const rows = await queryRows<MonthlyRow>(
    tx,
    sql`select p.id as "projectId", p.code, p.name, p.owner_unit as "ownerUnit", p.stage, d.name as "departmentName",
          p.total_investment::text as "totalInvestment", ap.planned_investment::text as "annualPlan",
          (r.id is not null) as reported, r.planned_investment::text as "plannedInvestment",
          r.completed_investment::text as "completedInvestment", r.progress, r.problems,
          agg.ytd::numeric(16,2)::text as ytd, agg.since_start::numeric(16,2)::text as "sinceStart"
        from projects.projects p
        left join identity.department_tree_v d on d.tenant_id = p.tenant_id and d.id = p.department_id
        left join projects.annual_plans ap on ap.tenant_id = p.tenant_id and ap.project_id = p.id and ap.year = ${year}::int
        left join projects.investment_reports r on r.tenant_id = p.tenant_id and r.project_id = p.id and r.month = ${monthStart(month)}::date
        left join lateral (
          select coalesce(sum(x.completed_investment) filter (where x.month >= ${`${year}-01-01`}::date), 0) as ytd,
                 coalesce(sum(x.completed_investment), 0) as since_start
          from projects.investment_reports x
          where x.tenant_id = p.tenant_id and x.project_id = p.id and x.month <= ${monthStart(month)}::date
        ) agg on true
        where p.tenant_id = ${viewer.tenantId}::uuid and ${scopePredicate(viewer)}
          and (r.id is not null or ap.planned_investment is not null
               or (p.actual_start_date <= ${monthEnd(month)}::date
                   and coalesce(p.actual_production_date, 'infinity') >= ${monthStart(month)}::date))
        order by p.code`,
  );
  const [totals] = await queryRows<{ planned: string; completed: string; ytd: string; plan: string }>(
    tx,
    sql`select coalesce(sum(r.planned_investment) filter (where r.month = ${monthStart(month)}::date), 0)::numeric(16,2)::text as planned,
               coalesce(sum(r.completed_investment) filter (where r.month = ${monthStart(month)}::date), 0)::numeric(16,2)::text as completed,
               coalesce(sum(r.completed_investment) filter (where r.month >= ${`${year}-01-01`}::date and r.month <= ${monthStart(month)}::date), 0)::numeric(16,2)::text as ytd,
               (select coalesce(sum(ap.planned_investment), 0)::numeric(16,2)::text from projects.annual_plans ap
                  join projects.projects p on p.tenant_id = ap.tenant_id and p.id = ap.project_id
                 where ap.tenant_id = ${viewer.tenantId}::uuid and ap.year = ${year}::int and ${scopePredicate(viewer)}) as plan
        from projects.investment_reports r
        join projects.projects p on p.tenant_id = r.tenant_id and p.id = r.project_id
        where r.tenant_id = ${viewer.tenantId}::uuid and ${scopePredicate(viewer)}`,
  );
  const n = monthNumber(month);
  const items: MonthlyReportRow[] = rows.map((r) => ({
    projectId: r.projectId,
    code: r.code,
    name: r.name,
    ownerUnit: r.ownerUnit,
    stage: r.stage,
    departmentName: r.departmentName,
    totalInvestment: r.totalInvestment,
    annualPlan: r.annualPlan,
    reported: r.reported,
    plannedInvestment: r.plannedInvestment,
    completedInvestment: r.completedInvestment,
    ytdCompleted: r.ytd,
    annualPlanRate: moneyRatio(r.ytd, r.annualPlan),
    sinceStartCompleted: r.sinceStart,
    totalInvestmentRate: moneyRatio(r.sinceStart, r.totalInvestment),
    status: scheduleStatus(r.ytd, r.annualPlan, n),
    progress: r.progress,
    problems: r.problems,
  }));
  return {
    month,
    timeBenchmark: timeBenchmark(n),
    items,
    totals: {
      projects: items.length,
      reported: items.filter((i) => i.reported).length,
      plannedInvestment: totals!.planned,
      completedInvestment: totals!.completed,
      ytdCompleted: totals!.ytd,
      annualPlan: totals!.plan,
      annualPlanRate: moneyRatio(totals!.ytd, totals!.plan),
    },
  };
}
