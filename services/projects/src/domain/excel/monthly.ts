import {
  type ImportRowError,
  MONTHLY_REPORT_COLUMNS,
  type MonthlyReport,
  moneyProblem,
  normaliseMoney,
  projectStageLabels,
  scheduleStatusLabels,
} from '@yingshang/contracts';
import { type Tx, queryRows } from '@yingshang/db';
import { HttpProblem } from '@yingshang/service-kit';
import { sql } from 'drizzle-orm';
import { importProblem } from '../problems.ts';
import type { ProjectRecord } from '../projects.ts';
import { lockProject } from '../projects.ts';
import { upsertReport } from '../reports.ts';
import { type Viewer, scopePredicate } from '../scope.ts';
import { monthOf } from '../time.ts';
import { cellMoney, cellMonth, cellText, parseSheet } from './sheet-input.ts';
import { type Column, writeWorkbook } from '@yingshang/service-kit/xlsx';

type MonthlyKey = keyof typeof MONTHLY_REPORT_COLUMNS;

const EXPORT_ONLY = {
  serial: '序号',
  ownerUnit: '项目单位',
  department: '责任单位',
  stage: '项目阶段',
  total: '总投资（万元）',
  plan: '年度计划投资（万元）',
  ytd: '年度累计完成（万元）',
  annualRate: '年度计划完成率',
  sinceStart: '开工以来累计完成（万元）',
  totalRate: '占总投资比例',
  status: '序时进度状态',
  reported: '是否已填报',
} as const;

/** The month's report as a workbook: one row per project (importable back), and a summary sheet. */
export function monthlyWorkbook(report: MonthlyReport, tenantName: string): Promise<Uint8Array> {
  const columns: Column[] = [
    { header: EXPORT_ONLY.serial, kind: 'int', width: 6 },
    { header: MONTHLY_REPORT_COLUMNS.code, width: 16 },
    { header: MONTHLY_REPORT_COLUMNS.name, width: 36 },
    { header: EXPORT_ONLY.ownerUnit, width: 28 },
    { header: EXPORT_ONLY.department, width: 16 },
    { header: EXPORT_ONLY.stage, width: 8 },
    { header: MONTHLY_REPORT_COLUMNS.month, width: 10 },
    { header: EXPORT_ONLY.total, kind: 'money', width: 16 },
    { header: EXPORT_ONLY.plan, kind: 'money', width: 16 },
    { header: MONTHLY_REPORT_COLUMNS.plannedInvestment, kind: 'money', width: 16 },
    { header: MONTHLY_REPORT_COLUMNS.completedInvestment, kind: 'money', width: 16 },
    { header: EXPORT_ONLY.ytd, kind: 'money', width: 16 },
    { header: EXPORT_ONLY.annualRate, kind: 'rate', width: 12 },
    { header: EXPORT_ONLY.sinceStart, kind: 'money', width: 16 },
    { header: EXPORT_ONLY.totalRate, kind: 'rate', width: 12 },
    { header: EXPORT_ONLY.status, width: 14 },
    { header: MONTHLY_REPORT_COLUMNS.progress, width: 40 },
    { header: MONTHLY_REPORT_COLUMNS.problems, width: 30 },
    { header: EXPORT_ONLY.reported, width: 10 },
  ];
  const rows = report.items.map((r, i) => [
    i + 1,
    r.code,
    r.name,
    r.ownerUnit,
    r.departmentName,
    projectStageLabels[r.stage],
    report.month,
    r.totalInvestment,
    r.annualPlan,
    r.plannedInvestment,
    r.completedInvestment,
    r.ytdCompleted,
    r.annualPlanRate,
    r.sinceStartCompleted,
    r.totalInvestmentRate,
    scheduleStatusLabels[r.status],
    r.progress,
    r.problems,
    r.reported ? '是' : '否',
  ]);
  const t = report.totals;
  return writeWorkbook([
    { name: `${report.month} 投资月报`, columns, rows },
    {
      name: '汇总',
      columns: [
        { header: '项目', width: 28 },
        { header: '数值', kind: 'text', width: 20 },
      ],
      rows: [
        ['单位', tenantName],
        ['月份', report.month],
        ['序时进度', `${(report.timeBenchmark * 100).toFixed(2)}%`],
        ['纳入月报项目数', String(t.projects)],
        ['已填报项目数', String(t.reported)],
        ['本月计划投资（万元）', t.plannedInvestment],
        ['本月完成投资（万元）', t.completedInvestment],
        ['年度计划投资（万元）', t.annualPlan],
        ['年度累计完成（万元）', t.ytdCompleted],
        ['年度计划完成率', t.annualPlanRate === null ? '—' : `${(t.annualPlanRate * 100).toFixed(2)}%`],
      ],
    },
  ]);
}

export interface MonthlyImportOutcome {
  rows: number;
  created: number;
  updated: number;
  projects: string[];
}

/**
 * Files each row's report through the same upsert as the API, in one transaction: the caller throws the first
 * problem away only after every row is checked, so the error report lists them all and nothing is written.
 */
export async function importMonthly(
  tx: Tx,
  viewer: Viewer,
  bytes: Uint8Array,
  today: string,
  confirmExceedsTotal: boolean,
): Promise<MonthlyImportOutcome> {
  const sheet = await parseSheet<MonthlyKey>(bytes, {
    fields: MONTHLY_REPORT_COLUMNS,
    aliases: { 填报月份: 'month', 本月完成投资: 'completedInvestment', 本月计划投资: 'plannedInvestment' },
    required: ['code', 'month', 'plannedInvestment', 'completedInvestment'],
    ignored: Object.values(EXPORT_ONLY),
  });
  const visible = new Map(
    (
      await queryRows<{ id: string; code: string }>(
        tx,
        sql`select p.id, p.code from projects.projects p where p.tenant_id = ${viewer.tenantId}::uuid and ${scopePredicate(viewer)}`,
      )
    ).map((r) => [r.code, r.id]),
  );
  const headerOf = (key: MonthlyKey) => {
    for (const [i, k] of sheet.columns) if (k === key) return sheet.headers.get(i) ?? MONTHLY_REPORT_COLUMNS[key];
    return MONTHLY_REPORT_COLUMNS[key];
  };
  const errors: ImportRowError[] = [];
  const seen = new Map<string, number>();
  const locked = new Map<string, ProjectRecord>();
  const outcome: MonthlyImportOutcome = { rows: 0, created: 0, updated: 0, projects: [] };
  for (const { row, cells } of sheet.rows) {
    const value = (key: MonthlyKey) => {
      for (const [i, k] of sheet.columns) if (k === key) return cells[i];
      return undefined;
    };
    // A row left blank (an exported month someone filled in only partly) is a project not reported yet.
    if (cellMoney(value('plannedInvestment')) === undefined && cellMoney(value('completedInvestment')) === undefined && !cellText(value('progress'))) {
      continue;
    }
    const rowErrors: ImportRowError[] = [];
    const fail = (key: MonthlyKey, reason: string) => rowErrors.push({ row, column: headerOf(key), reason });
    const code = cellText(value('code'));
    const projectId = visible.get(code);
    if (code === '') fail('code', '请填写项目编号');
    else if (!projectId) fail('code', `找不到项目编号“${code}”（或不在本账号的数据范围内）`);
    const month = cellMonth(value('month'));
    if (month === null) fail('month', '请填写月份');
    else if (typeof month === 'object') fail('month', month.error);
    else if (month > monthOf(today)) fail('month', `不能填报未来月份（本月为 ${monthOf(today)}）`);
    const amounts: Partial<Record<'plannedInvestment' | 'completedInvestment', string>> = {};
    for (const key of ['plannedInvestment', 'completedInvestment'] as const) {
      const raw = cellMoney(value(key));
      const normalised = normaliseMoney(raw);
      if (normalised === undefined) fail(key, moneyProblem(raw ?? ''));
      else amounts[key] = normalised;
    }
    if (typeof month === 'string' && projectId) {
      const key = `${projectId}:${month}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) fail('month', `与第 ${earlier} 行是同一项目的同一月份`);
      seen.set(key, row);
    }
    const progress = cellText(value('progress')) || null;
    const problems = cellText(value('problems')) || null;
    if (progress && progress.length > 2000) fail('progress', '形象进度不能超过 2000 个字');
    if (problems && problems.length > 2000) fail('problems', '存在问题不能超过 2000 个字');
    if (rowErrors.length === 0 && projectId && typeof month === 'string') {
      let project = locked.get(projectId);
      if (!project) {
        project = await lockProject(tx, viewer, projectId);
        locked.set(projectId, project);
      }
      try {
        const result = await upsertReport(
          tx,
          viewer,
          project,
          month,
          { plannedInvestment: amounts.plannedInvestment!, completedInvestment: amounts.completedInvestment!, progress, problems, confirmExceedsTotal },
          undefined,
        );
        outcome.rows++;
        if (result.created) outcome.created++;
        else if (result.changed) outcome.updated++;
        outcome.projects.push(code);
      } catch (err) {
        if (!(err instanceof HttpProblem) || err.status !== 422) throw err;
        fail('completedInvestment', `${(err.body.errors as { message: string }[] | undefined)?.[0]?.message ?? err.message}；确认无误请选择“确认超出总投资”后重新导入`);
      }
    }
    errors.push(...rowErrors);
  }
  if (errors.length > 0) throw importProblem(errors);
  return outcome;
}
