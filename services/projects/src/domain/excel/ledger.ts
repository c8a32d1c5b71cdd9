import {
  type CreateProjectInput,
  type ImportRowError,
  LEDGER_COLUMNS,
  PROJECT_CATEGORIES,
  PROJECT_LEVELS,
  PROJECT_STAGES,
  type Project,
  STRATEGIES,
  annualPlanColumn,
  createProjectRequest,
  projectCategoryLabels,
  projectLevelLabels,
  projectStageLabels,
  scheduleStatusLabels,
  strategyLabels,
} from '@yingshang/contracts';
import { type Tx, queryRows } from '@yingshang/db';
import { sql } from 'drizzle-orm';
import { importProblem } from '../problems.ts';
import { type Viewer, assignableDepartments } from '../scope.ts';
import { type ProjectDates, checkProjectDates } from '../stages.ts';
import { type ParsedSheet, cellDate, cellMoney, cellText, parseSheet } from './sheet-input.ts';
import { type Column, type OutValue, writeWorkbook } from '@yingshang/service-kit/xlsx';

type LedgerKey = keyof typeof LEDGER_COLUMNS;

const KIND: Partial<Record<LedgerKey, Column['kind']>> = {
  totalInvestment: 'money',
  longitude: 'text',
  latitude: 'text',
  plannedSignDate: 'date',
  actualSignDate: 'date',
  plannedStartDate: 'date',
  actualStartDate: 'date',
  plannedProductionDate: 'date',
  actualProductionDate: 'date',
  stageDate: 'date',
};
const WIDTH: Partial<Record<LedgerKey, number>> = { name: 36, ownerUnit: 30, scaleContent: 50, address: 30, strategies: 30 };

/** Columns only the export carries (figures derived from the reports); an import skips them. */
const EXPORT_ONLY = {
  serial: '序号',
  ytd: '年度累计完成（万元）',
  annualRate: '年度计划完成率',
  sinceStart: '开工以来累计完成（万元）',
  totalRate: '占总投资比例',
  status: '序时进度状态',
  openBlockers: '未销号问题数',
} as const;

const labelOf = <K extends string>(labels: Readonly<Record<K, string>>, key: K | null) => (key === null ? null : labels[key]);

export async function ledgerWorkbook(items: Project[], asOf: string): Promise<Uint8Array> {
  const years = [...new Set(items.flatMap((p) => p.annualPlans.map((a) => a.year)))].sort();
  const keys = Object.keys(LEDGER_COLUMNS) as LedgerKey[];
  const columns: Column[] = [
    { header: EXPORT_ONLY.serial, kind: 'int', width: 6 },
    ...keys.map((k) => ({ header: LEDGER_COLUMNS[k], kind: KIND[k] ?? 'text', width: WIDTH[k] ?? 14 })),
    ...years.map((y) => ({ header: annualPlanColumn(y), kind: 'money' as const, width: 16 })),
    { header: EXPORT_ONLY.ytd, kind: 'money', width: 16 },
    { header: EXPORT_ONLY.annualRate, kind: 'rate', width: 12 },
    { header: EXPORT_ONLY.sinceStart, kind: 'money', width: 16 },
    { header: EXPORT_ONLY.totalRate, kind: 'rate', width: 12 },
    { header: EXPORT_ONLY.status, kind: 'text', width: 14 },
    { header: EXPORT_ONLY.openBlockers, kind: 'int', width: 10 },
  ];
  const rows = items.map((p, i): OutValue[] => {
    const values: Record<LedgerKey, OutValue> = {
      code: p.code,
      name: p.name,
      shortName: p.shortName,
      ownerUnit: p.ownerUnit,
      address: p.address,
      longitude: p.longitude === null ? null : String(p.longitude),
      latitude: p.latitude === null ? null : String(p.latitude),
      scaleContent: p.scaleContent,
      newCapacity: p.newCapacity,
      category: projectCategoryLabels[p.category],
      industry: p.industry,
      strategies: p.strategies.map((s) => strategyLabels[s]).join('、'),
      level: projectLevelLabels[p.level],
      totalInvestment: p.totalInvestment,
      cityLeader: p.cityLeader,
      department: p.departmentName,
      responsiblePerson: p.responsiblePerson,
      contactPhone: p.contactPhone,
      attracted: p.attracted ? '是' : '否',
      sourceRegion: p.sourceRegion,
      plannedSignDate: p.plannedSignDate,
      actualSignDate: p.actualSignDate,
      plannedStartDate: p.plannedStartDate,
      actualStartDate: p.actualStartDate,
      plannedProductionDate: p.plannedProductionDate,
      actualProductionDate: p.actualProductionDate,
      signBatch: p.signBatch,
      startBatch: p.startBatch,
      productionBatch: p.productionBatch,
      stage: labelOf(projectStageLabels, p.stage),
      stageDate: p.stageDate,
    };
    return [
      i + 1,
      ...keys.map((k) => values[k]),
      ...years.map((y) => p.annualPlans.find((a) => a.year === y)?.plannedInvestment ?? null),
      p.progress.ytdCompleted,
      p.progress.annualPlanRate,
      p.progress.sinceStartCompleted,
      p.progress.totalInvestmentRate,
      scheduleStatusLabels[p.progress.status],
      p.openBlockers,
    ];
  });
  return writeWorkbook([{ name: `项目台账（截至${asOf}）`, columns, rows }]);
}

const byLabel = <K extends string>(keys: readonly K[], labels: Readonly<Record<K, string>>) => {
  const map = new Map<string, K>();
  for (const k of keys) {
    map.set(labels[k], k);
    map.set(k, k);
  }
  return map;
};
const CATEGORY = byLabel(PROJECT_CATEGORIES, projectCategoryLabels);
const LEVEL = byLabel(PROJECT_LEVELS, projectLevelLabels);
const STAGE = byLabel(PROJECT_STAGES, projectStageLabels);
const STRATEGY = byLabel(STRATEGIES, strategyLabels);
// People shorten the strategy names: 数字化转型, 换道领跑 …
for (const s of STRATEGIES) STRATEGY.set(strategyLabels[s].replace(/战略$/, ''), s);

/** Which column a field of the request schema comes from, to name it in a row error. */
const FIELD_COLUMN: Record<string, LedgerKey> = {
  departmentId: 'department',
  ...Object.fromEntries((Object.keys(LEDGER_COLUMNS) as LedgerKey[]).map((k) => [k, k])),
};

export interface LedgerRow {
  row: number;
  input: CreateProjectInput;
}

/**
 * Reads a ledger file into project requests, checking every row against the same rules as the API (schema, dates
 * against the stage, departments in the caller's scope, codes new to the tenant and unique in the file). Any
 * error refuses the whole file, with every error listed.
 */
export async function parseLedger(tx: Tx, viewer: Viewer, bytes: Uint8Array, today: string): Promise<LedgerRow[]> {
  const sheet: ParsedSheet<LedgerKey> = await parseSheet(bytes, {
    fields: LEDGER_COLUMNS,
    aliases: { 业主单位: 'ownerUnit', 责任部门: 'department', 所处阶段: 'stage', '总投资(亿元)': 'totalInvestment' },
    required: ['code', 'name', 'ownerUnit', 'category', 'level', 'totalInvestment'],
    ignored: Object.values(EXPORT_ONLY),
    yearColumns: true,
  });
  if (sheet.headers.size > 0 && [...sheet.headers.values()].some((h) => h.includes('亿元'))) {
    throw importProblem([{ row: 1, column: '总投资(亿元)', reason: '金额单位须为万元，请换算后使用“总投资（万元）”列' }]);
  }
  const departments = await queryRows<{ id: string; name: string; assignable: boolean }>(
    tx,
    sql`select d.id, d.name, (${assignableDepartments(viewer)}) as assignable from identity.department_tree_v d`,
  );
  const existing = new Set(
    (await queryRows<{ code: string }>(tx, sql`select code from projects.projects where tenant_id = ${viewer.tenantId}::uuid`)).map((r) => r.code),
  );
  const errors: ImportRowError[] = [];
  const out: LedgerRow[] = [];
  const codesInFile = new Map<string, number>();
  const headerOf = (key: LedgerKey | `year:${number}`) => {
    for (const [i, k] of sheet.columns) if (k === key) return sheet.headers.get(i) ?? '';
    return typeof key === 'string' && key in LEDGER_COLUMNS ? LEDGER_COLUMNS[key as LedgerKey] : String(key);
  };

  for (const { row, cells } of sheet.rows) {
    const raw: Record<string, unknown> = {};
    const annualPlans: { year: number; plannedInvestment: unknown }[] = [];
    const rowErrors: ImportRowError[] = [];
    const fail = (key: LedgerKey | `year:${number}`, reason: string) => rowErrors.push({ row, column: headerOf(key), reason });
    for (const [i, key] of sheet.columns) {
      const cell = cells[i];
      if (key.startsWith('year:')) {
        const amount = cellMoney(cell);
        if (amount !== undefined) annualPlans.push({ year: Number(key.slice(5)), plannedInvestment: amount });
        continue;
      }
      const text = cellText(cell);
      switch (key as LedgerKey) {
        case 'category':
        case 'level':
        case 'stage': {
          if (text === '') break;
          const map = key === 'category' ? CATEGORY : key === 'level' ? LEVEL : STAGE;
          const value = map.get(text);
          if (value) raw[key] = value;
          else fail(key as LedgerKey, `“${text}”不是可选的值（可选：${[...new Set(map.values())].map((v) => (key === 'category' ? projectCategoryLabels : key === 'level' ? projectLevelLabels : projectStageLabels)[v as never]).join('、')}）`);
          break;
        }
        case 'strategies': {
          const parts = text.split(/[、,，;；\n]/).map((s) => s.trim()).filter(Boolean);
          const values = parts.map((p) => STRATEGY.get(p));
          const unknown = parts.filter((_, j) => !values[j]);
          if (unknown.length > 0) fail('strategies', `无法识别的十大战略：${unknown.join('、')}`);
          else raw.strategies = [...new Set(values)];
          break;
        }
        case 'totalInvestment': {
          const amount = cellMoney(cell);
          if (amount !== undefined) raw.totalInvestment = amount;
          break;
        }
        case 'longitude':
        case 'latitude':
          if (text !== '') {
            const n = Number(text);
            if (Number.isFinite(n)) raw[key] = n;
            else fail(key as LedgerKey, '须为数字');
          }
          break;
        case 'attracted':
          if (text !== '') {
            if (['是', 'Y', 'y', '1', 'TRUE', 'true'].includes(text)) raw.attracted = true;
            else if (['否', 'N', 'n', '0', 'FALSE', 'false'].includes(text)) raw.attracted = false;
            else fail('attracted', '须为“是”或“否”');
          }
          break;
        case 'department':
          if (text !== '') {
            const matches = departments.filter((d) => d.name === text);
            if (matches.length === 0) fail('department', `找不到责任单位“${text}”`);
            else if (matches.length > 1) fail('department', `有多个名为“${text}”的部门，请在系统中修改名称后再导入`);
            else if (!matches[0]!.assignable) fail('department', `责任单位“${text}”超出本账号的数据范围`);
            else raw.departmentId = matches[0]!.id;
          } else {
            raw.departmentId = null;
          }
          break;
        case 'plannedSignDate':
        case 'actualSignDate':
        case 'plannedStartDate':
        case 'actualStartDate':
        case 'plannedProductionDate':
        case 'actualProductionDate':
        case 'stageDate': {
          const d = cellDate(cell);
          if (d && typeof d === 'object') fail(key as LedgerKey, d.error);
          else if (d) raw[key] = d;
          break;
        }
        default:
          if (text !== '') raw[key] = text;
      }
    }
    if (annualPlans.length > 0) raw.annualPlans = annualPlans;
    const flagged = () => new Set(rowErrors.map((e) => e.column));
    const parsed = createProjectRequest.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [first, index] = issue.path;
        if (first === 'annualPlans' && typeof index === 'number') {
          fail(`year:${annualPlans[index]?.year ?? 0}`, issue.message);
        } else if (typeof first === 'string') {
          const key = FIELD_COLUMN[first] ?? (first as LedgerKey);
          if (!flagged().has(headerOf(key))) fail(key, issue.message);
        } else {
          rowErrors.push({ row, column: '', reason: issue.message });
        }
      }
    }
    // The date rules run on what the cells hold even when another cell is wrong, so one pass reports everything.
    const stage = (raw.stage as ProjectDates['stage'] | undefined) ?? 'planning';
    const dateErrors = checkProjectDates({ ...(raw as Partial<ProjectDates>), stage, stageDate: (raw.stageDate as string | undefined) ?? today }, today, 'row');
    for (const e of dateErrors) {
      const key = FIELD_COLUMN[e.field.slice(4)] ?? 'stageDate';
      if (!flagged().has(headerOf(key))) fail(key, e.message);
    }
    const code = typeof raw.code === 'string' ? raw.code : '';
    if (code && existing.has(code)) fail('code', `项目编号“${code}”已存在`);
    const earlier = codesInFile.get(code);
    if (code && earlier !== undefined) fail('code', `项目编号与第 ${earlier} 行重复`);
    if (code) codesInFile.set(code, row);
    if (parsed.success && rowErrors.length === 0) out.push({ row, input: parsed.data });
    errors.push(...rowErrors);
  }
  if (errors.length > 0) throw importProblem(errors);
  return out;
}

/** An empty ledger with the column headings and one example row, for people to fill in. */
export function ledgerTemplate(year: number): Promise<Uint8Array> {
  const keys = Object.keys(LEDGER_COLUMNS) as LedgerKey[];
  const example: Record<LedgerKey, OutValue> = {
    code: 'XM-2026-001',
    name: '示例：年产 10 万套新能源汽车零部件项目',
    shortName: '新能源零部件',
    ownerUnit: '示例新能源科技有限公司',
    address: '某某区某某路 1 号',
    longitude: '113.62',
    latitude: '34.75',
    scaleContent: '新建厂房 5 万平方米，购置生产线 6 条',
    newCapacity: '年产 10 万套',
    category: projectCategoryLabels.advanced_manufacturing,
    industry: '汽车零部件',
    strategies: `${strategyLabels.lane_change}、${strategyLabels.green_low_carbon}`,
    level: projectLevelLabels.municipal,
    totalInvestment: '50000.00',
    cityLeader: null,
    department: null,
    responsiblePerson: '张三',
    contactPhone: '0371-12345678',
    attracted: '是',
    sourceRegion: '长三角',
    plannedSignDate: `${year}-03-01`,
    actualSignDate: null,
    plannedStartDate: `${year}-06-01`,
    actualStartDate: null,
    plannedProductionDate: `${year + 1}-12-01`,
    actualProductionDate: null,
    signBatch: null,
    startBatch: null,
    productionBatch: null,
    stage: projectStageLabels.negotiating,
    stageDate: `${year}-01-15`,
  };
  return writeWorkbook([
    {
      name: '项目台账导入模板',
      columns: [
        ...keys.map((k) => ({ header: LEDGER_COLUMNS[k], kind: KIND[k] ?? ('text' as const), width: WIDTH[k] ?? 14 })),
        { header: annualPlanColumn(year), kind: 'money' as const, width: 16 },
      ],
      rows: [[...keys.map((k) => example[k]), '20000.00']],
    },
  ]);
}
