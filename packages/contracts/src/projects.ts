import { z } from 'zod';
import { isoDateSchema } from './calendar.ts';

/**
 * The projects module (三个一批 major projects): the ledger, stage moves, monthly investment reports, blockers and
 * statistics. The projects service validates with these schemas and the projects micro-frontend builds its forms
 * and tables from them. Money is 万元 as a decimal string with at most two decimals ("12345.60"), never a float;
 * rates are fractions (0.5 = 50 %) rounded to four decimals.
 */

// ---------------------------------------------------------------------------------------------------------------
// Enumerations and their labels

export const PROJECT_STAGES = ['planning', 'negotiating', 'signed', 'started', 'constructing', 'producing', 'at_capacity'] as const;
export const projectStageSchema = z.enum(PROJECT_STAGES, '项目阶段须为谋划、洽谈、签约、开工、建设、投产或达产');
export type ProjectStage = z.infer<typeof projectStageSchema>;
export const projectStageLabels: Readonly<Record<ProjectStage, string>> = {
  planning: '谋划',
  negotiating: '洽谈',
  signed: '签约',
  started: '开工',
  constructing: '建设',
  producing: '投产',
  at_capacity: '达产',
};
export const stageIndex = (stage: ProjectStage): number => PROJECT_STAGES.indexOf(stage);

export const PROJECT_CATEGORIES = [
  'advanced_manufacturing',
  'emerging_industry',
  'digital_infrastructure',
  'major_infrastructure',
  'modern_services',
  'livelihood',
  'other',
] as const;
export const projectCategorySchema = z.enum(PROJECT_CATEGORIES, '项目类别不在可选范围内');
export type ProjectCategory = z.infer<typeof projectCategorySchema>;
export const projectCategoryLabels: Readonly<Record<ProjectCategory, string>> = {
  advanced_manufacturing: '先进制造业',
  emerging_industry: '战略性新兴产业',
  digital_infrastructure: '数字经济和新型基础设施',
  major_infrastructure: '重大基础设施',
  modern_services: '现代服务业',
  livelihood: '社会民生',
  other: '其他',
};

export const PROJECT_LEVELS = ['provincial', 'municipal', 'district'] as const;
export const projectLevelSchema = z.enum(PROJECT_LEVELS, '项目级别须为省重点、市重点或区重点');
export type ProjectLevel = z.infer<typeof projectLevelSchema>;
export const projectLevelLabels: Readonly<Record<ProjectLevel, string>> = {
  provincial: '省重点',
  municipal: '市重点',
  district: '区重点',
};

/** Henan's 十大战略 (2021): a project is tagged with the ones it serves. */
export const STRATEGIES = [
  'innovation',
  'advantage_rebuild',
  'digital_transformation',
  'lane_change',
  'culture_tourism',
  'new_urbanization',
  'rural_revitalization',
  'green_low_carbon',
  'institutional_opening',
  'deepening_reform',
] as const;
export const strategySchema = z.enum(STRATEGIES, '十大战略标签不在可选范围内');
export type Strategy = z.infer<typeof strategySchema>;
export const strategyLabels: Readonly<Record<Strategy, string>> = {
  innovation: '创新驱动、科教兴省、人才强省战略',
  advantage_rebuild: '优势再造战略',
  digital_transformation: '数字化转型战略',
  lane_change: '换道领跑战略',
  culture_tourism: '文旅文创融合战略',
  new_urbanization: '以人为核心的新型城镇化战略',
  rural_revitalization: '乡村振兴战略',
  green_low_carbon: '绿色低碳转型战略',
  institutional_opening: '制度型开放战略',
  deepening_reform: '全面深化改革战略',
};

/** Against 序时进度 (months elapsed ÷ 12), ±5 percentage points; `no_plan` when the year has no annual plan. */
export const SCHEDULE_STATUSES = ['ahead', 'on_track', 'behind', 'no_plan'] as const;
export const scheduleStatusSchema = z.enum(SCHEDULE_STATUSES, '进度状态须为 ahead、on_track、behind 或 no_plan');
export type ScheduleStatus = z.infer<typeof scheduleStatusSchema>;
export const scheduleStatusLabels: Readonly<Record<ScheduleStatus, string>> = {
  ahead: '超序时进度',
  on_track: '符合序时进度',
  behind: '滞后序时进度',
  no_plan: '无年度计划',
};
/** The band around 序时进度 inside which a project counts as on track, in percentage points. */
export const SCHEDULE_TOLERANCE_POINTS = 5;

/** 双过半: January–June completed ÷ annual plan ≥ 50 %, judged at the end of June. */
export const DOUBLE_HALF_STATUSES = ['achieved', 'missed', 'on_course', 'at_risk', 'no_plan'] as const;
export const doubleHalfStatusSchema = z.enum(DOUBLE_HALF_STATUSES);
export type DoubleHalfStatus = z.infer<typeof doubleHalfStatusSchema>;
export const doubleHalfStatusLabels: Readonly<Record<DoubleHalfStatus, string>> = {
  achieved: '实现双过半',
  missed: '未实现双过半',
  on_course: '按序时推进中',
  at_risk: '双过半有风险',
  no_plan: '无年度计划',
};

export const BLOCKER_STATUSES = ['open', 'closed'] as const;
export const blockerStatusSchema = z.enum(BLOCKER_STATUSES, '问题状态须为 open 或 closed');
export type BlockerStatus = z.infer<typeof blockerStatusSchema>;
export const blockerStatusLabels: Readonly<Record<BlockerStatus, string>> = { open: '未销号', closed: '已销号' };

// ---------------------------------------------------------------------------------------------------------------
// Values

const MONEY = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;

/** Normalises an amount to `"1234.50"`; undefined when it is not a non-negative amount with at most two decimals. */
export function normaliseMoney(value: unknown): string | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return undefined;
  }
  if (!MONEY.test(text)) return undefined;
  const [whole, fraction = ''] = text.split('.');
  return `${whole}.${fraction.padEnd(2, '0')}`;
}

/** Why an amount was refused, in the words a form shows. */
export function moneyProblem(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (text === '') return '请填写金额（万元）';
  if (text.startsWith('-')) return '金额不能为负数';
  if (/^\d+\.\d{3,}$/.test(text)) return '金额最多保留两位小数';
  if (/^\d+(\.\d+)?$/.test(text)) return '金额超出范围（最多 12 位整数）';
  return '金额须为数字（单位：万元）';
}

/** 万元, non-negative, at most two decimals; accepts `12.5` or `"12.50"`, answers `"12.50"`. */
export const moneySchema = z
  .union([z.string(), z.number()], '金额须为数字（单位：万元）')
  .transform((value, ctx) => {
    const normalised = normaliseMoney(value);
    if (normalised === undefined) {
      ctx.addIssue({ code: 'custom', message: moneyProblem(value) });
      return z.NEVER;
    }
    return normalised;
  })
  .meta({ description: '金额（万元），非负，最多两位小数', examples: ['12345.60'] });

export const moneyOut = z.string().meta({ description: '金额（万元），两位小数的十进制字符串', examples: ['12345.60'] });
const rate = z.number().nullable().meta({ description: '比率（0.5 即 50%），保留四位小数；分母为 0 时为 null' });

/** `YYYY-MM`. */
export const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')
  .meta({ examples: ['2026-10'] });
/** A 三个一批 quarter, e.g. `2025Q2`. */
export const batchSchema = z.string().trim().regex(/^\d{4}Q[1-4]$/, '批次格式应为 YYYYQn，例如 2025Q2').meta({ examples: ['2025Q2'] });

const uuid = (what: string) => z.uuid(`${what}格式有误`);
const text = (max: number, what: string) => z.string().trim().max(max, `${what}不能超过 ${max} 个字`);
const requiredText = (max: number, what: string) => text(max, what).min(1, `请填写${what}`);
const optionalText = (max: number, what: string) =>
  text(max, what)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));
const date = isoDateSchema;
const optionalDate = date.nullable().optional();
const instant = z.iso.datetime({ offset: true });

export const annualPlanSchema = z.object({
  year: z.number('年度须为数字').int('年度须为整数').min(2000, '年度不早于 2000').max(2100, '年度不晚于 2100'),
  plannedInvestment: moneySchema,
});

// ---------------------------------------------------------------------------------------------------------------
// Projects

const projectFields = {
  code: z
    .string()
    .trim()
    .min(1, '请填写项目编号')
    .max(40, '项目编号不能超过 40 个字符')
    .regex(/^[A-Za-z0-9][A-Za-z0-9_\-./]*$/, '项目编号只能包含字母、数字和 - _ . /'),
  name: requiredText(100, '项目名称'),
  shortName: optionalText(30, '项目简称'),
  ownerUnit: requiredText(100, '项目单位'),
  address: optionalText(200, '建设地点'),
  latitude: z.number('纬度须为数字').min(-90, '纬度须在 -90 到 90 之间').max(90, '纬度须在 -90 到 90 之间').nullable().optional(),
  longitude: z.number('经度须为数字').min(-180, '经度须在 -180 到 180 之间').max(180, '经度须在 -180 到 180 之间').nullable().optional(),
  scaleContent: optionalText(2000, '建设规模及主要建设内容'),
  newCapacity: optionalText(500, '达产后新增产能'),
  category: projectCategorySchema,
  industry: optionalText(50, '所属行业'),
  strategies: z.array(strategySchema).max(10, '十大战略最多 10 项').optional(),
  level: projectLevelSchema,
  totalInvestment: moneySchema,
  annualPlans: z.array(annualPlanSchema).max(30, '年度计划最多 30 年').optional(),
  cityLeader: optionalText(30, '市级分包领导'),
  departmentId: uuid('责任单位编号').nullable().optional(),
  responsiblePerson: optionalText(30, '责任人'),
  responsibleUserId: uuid('责任人账号编号').nullable().optional(),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,20}$/, '联系电话格式有误')
    .nullable()
    .optional()
    .or(z.literal('').transform(() => null)),
  attracted: z.boolean('是否招商引资须为 true 或 false').optional(),
  sourceRegion: optionalText(50, '招商引资来源地'),
  plannedSignDate: optionalDate,
  actualSignDate: optionalDate,
  plannedStartDate: optionalDate,
  actualStartDate: optionalDate,
  plannedProductionDate: optionalDate,
  actualProductionDate: optionalDate,
  signBatch: batchSchema.nullable().optional(),
  startBatch: batchSchema.nullable().optional(),
  productionBatch: batchSchema.nullable().optional(),
};

export const createProjectRequest = z
  .object({
    ...projectFields,
    /** The stage the project is registered in (a project already under way is registered where it stands). */
    stage: projectStageSchema.optional(),
    /** When it reached that stage; defaults to today. Not in the future. */
    stageDate: date.optional(),
  })
  .strict()
  .meta({ id: 'CreateProjectRequest' });
export type CreateProjectRequest = z.input<typeof createProjectRequest>;
export type CreateProjectInput = z.output<typeof createProjectRequest>;

/** Stage and stage dates move only through `POST /projects/{id}/stage`. */
export const updateProjectRequest = z
  .object(Object.fromEntries(Object.entries(projectFields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof projectFields]: z.ZodOptional<(typeof projectFields)[K]>;
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, '请至少修改一项')
  .meta({ id: 'UpdateProjectRequest' });
export type UpdateProjectRequest = z.input<typeof updateProjectRequest>;
export type UpdateProjectInput = z.output<typeof updateProjectRequest>;

export const progressSchema = z
  .object({
    /** The month the figures run to (`YYYY-MM`). */
    asOf: z.string(),
    year: z.number().int(),
    annualPlan: moneyOut.nullable(),
    ytdCompleted: moneyOut,
    annualPlanRate: rate,
    sinceStartCompleted: moneyOut,
    totalInvestmentRate: rate,
    /** 序时进度 = months elapsed ÷ 12. */
    timeBenchmark: z.number(),
    status: scheduleStatusSchema,
    /** January–June completed against the annual plan. */
    firstHalfCompleted: moneyOut,
    doubleHalfRate: rate,
    doubleHalfStatus: doubleHalfStatusSchema,
    lastReportedMonth: z.string().nullable(),
  })
  .meta({ id: 'ProjectProgress' });
export type ProjectProgress = z.infer<typeof progressSchema>;

export const project = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    shortName: z.string().nullable(),
    ownerUnit: z.string(),
    address: z.string().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    scaleContent: z.string().nullable(),
    newCapacity: z.string().nullable(),
    category: projectCategorySchema,
    industry: z.string().nullable(),
    strategies: z.array(strategySchema),
    level: projectLevelSchema,
    totalInvestment: moneyOut,
    annualPlans: z.array(z.object({ year: z.number().int(), plannedInvestment: moneyOut })),
    cityLeader: z.string().nullable(),
    departmentId: z.uuid().nullable(),
    departmentName: z.string().nullable(),
    responsiblePerson: z.string().nullable(),
    responsibleUserId: z.uuid().nullable(),
    contactPhone: z.string().nullable(),
    attracted: z.boolean(),
    sourceRegion: z.string().nullable(),
    plannedSignDate: z.string().nullable(),
    actualSignDate: z.string().nullable(),
    plannedStartDate: z.string().nullable(),
    actualStartDate: z.string().nullable(),
    plannedProductionDate: z.string().nullable(),
    actualProductionDate: z.string().nullable(),
    signBatch: z.string().nullable(),
    startBatch: z.string().nullable(),
    productionBatch: z.string().nullable(),
    stage: projectStageSchema,
    stageDate: z.string(),
    openBlockers: z.number().int(),
    progress: progressSchema,
    version: z.number().int(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Project' });
export type Project = z.infer<typeof project>;

export const PROJECT_SORTS = ['createdAt', 'code', 'name', 'totalInvestment', 'stage'] as const;
const sortSchema = z
  .string()
  .regex(new RegExp(`^-?(${PROJECT_SORTS.join('|')})$`), `排序字段须为 ${PROJECT_SORTS.join('、')} 之一，前加 - 表示倒序`)
  .default('-createdAt');

const listOf = <T extends z.ZodType>(item: T, what: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return undefined;
      const parts = v.split(',').map((s) => s.trim()).filter(Boolean);
      const out: z.infer<T>[] = [];
      for (const p of parts) {
        const parsed = item.safeParse(p);
        if (!parsed.success) {
          ctx.addIssue({ code: 'custom', message: `${what}“${p}”无效` });
          return z.NEVER;
        }
        out.push(parsed.data as z.infer<T>);
      }
      return out;
    });

export const projectListQuery = z.object({
  limit: z.coerce.number('每页条数须为数字').int('每页条数须为整数').min(1, '每页至少 1 条').max(100, '每页最多 100 条').default(20),
  cursor: z.string().max(400, '翻页游标无效').optional(),
  /** Matches code, name, short name or owner unit. */
  q: z.string().trim().max(50, '关键词不能超过 50 个字').optional(),
  stage: listOf(projectStageSchema, '项目阶段').meta({ description: '逗号分隔，例如 started,constructing' }),
  category: listOf(projectCategorySchema, '项目类别'),
  strategy: strategySchema.optional(),
  level: listOf(projectLevelSchema, '项目级别'),
  /** `2025Q2` (any stage) or `2025Q2 开工` / `2025Q2 签约` / `2025Q2 投产`. */
  batch: z
    .string()
    .trim()
    .regex(/^\d{4}Q[1-4]( ?(签约|开工|投产))?$/, '批次格式应为 2025Q2 或 2025Q2 开工')
    .optional(),
  departmentId: uuid('责任单位编号').optional(),
  /** With `departmentId`: also the department's sub-departments. */
  includeSubDepartments: z.enum(['true', 'false'], '取值须为 true 或 false').optional(),
  schedule: scheduleStatusSchema.optional(),
  attracted: z.enum(['true', 'false'], '取值须为 true 或 false').optional(),
  /** The month progress runs to (`YYYY-MM`); defaults to the reporting month (the month before this one). */
  month: monthSchema.optional(),
  sort: sortSchema.meta({ description: `${PROJECT_SORTS.join(' | ')}，前加 - 表示倒序；默认 -createdAt` }),
});
export type ProjectListQuery = z.output<typeof projectListQuery>;

export const projectPage = z
  .object({ items: z.array(project), nextCursor: z.string().nullable(), total: z.number().int(), asOf: z.string() })
  .meta({ id: 'ProjectPage' });

export const deleteProjectResult = z.object({ deleted: z.literal(true), id: z.uuid() });

// ---------------------------------------------------------------------------------------------------------------
// Stage moves

export const stageMoveRequest = z
  .object({
    stage: projectStageSchema,
    /** The day the project reached the stage: not in the future, not before the previous move. */
    date,
    /** The 三个一批 quarter it joined, for 签约, 开工 and 投产 only. */
    batch: batchSchema.nullable().optional(),
    /** Moving past stages in between must be said out loud, with the reason in `note`. */
    skip: z.boolean('skip 须为 true 或 false').optional(),
    note: optionalText(500, '说明'),
  })
  .strict()
  .meta({ id: 'StageMoveRequest' });
export type StageMoveRequest = z.input<typeof stageMoveRequest>;

export const stageHistoryEntry = z
  .object({
    id: z.uuid(),
    fromStage: projectStageSchema.nullable(),
    toStage: projectStageSchema,
    movedOn: z.string(),
    batch: z.string().nullable(),
    skippedStages: z.array(projectStageSchema),
    note: z.string().nullable(),
    actorName: z.string().nullable(),
    createdAt: instant,
  })
  .meta({ id: 'StageHistoryEntry' });
export type StageHistoryEntry = z.infer<typeof stageHistoryEntry>;

// ---------------------------------------------------------------------------------------------------------------
// Monthly investment reports

export const upsertReportRequest = z
  .object({
    plannedInvestment: moneySchema,
    completedInvestment: moneySchema,
    /** 形象进度 */
    progress: optionalText(2000, '形象进度'),
    photos: z.array(z.url('照片须为链接').max(500, '照片链接过长')).max(20, '照片最多 20 张').optional(),
    problems: optionalText(2000, '存在问题'),
    /** Required when the month's completed investment, or the total since start, goes past the total investment. */
    confirmExceedsTotal: z.boolean('confirmExceedsTotal 须为 true 或 false').optional(),
  })
  .strict()
  .meta({ id: 'UpsertReportRequest' });
export type UpsertReportRequest = z.input<typeof upsertReportRequest>;

export const investmentReport = z
  .object({
    id: z.uuid(),
    projectId: z.uuid(),
    month: z.string(),
    plannedInvestment: moneyOut,
    completedInvestment: moneyOut,
    progress: z.string().nullable(),
    photos: z.array(z.string()),
    problems: z.string().nullable(),
    reportedByName: z.string().nullable(),
    version: z.number().int(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'InvestmentReport' });
export type InvestmentReport = z.infer<typeof investmentReport>;

export const upsertReportResult = investmentReport
  .extend({
    created: z.boolean(),
    /** Figures the caller confirmed as plausible (e.g. past the total investment). */
    warnings: z.array(z.object({ field: z.string(), message: z.string() })),
    progressAfter: progressSchema,
  })
  .meta({ id: 'UpsertReportResult' });

export const reportList = z
  .object({ items: z.array(investmentReport), progress: progressSchema })
  .meta({ id: 'InvestmentReportList' });

/** The tenant's report for one month: one row per project in scope, reported or not. */
export const monthlyReportRow = z.object({
  projectId: z.uuid(),
  code: z.string(),
  name: z.string(),
  ownerUnit: z.string(),
  stage: projectStageSchema,
  departmentName: z.string().nullable(),
  totalInvestment: moneyOut,
  annualPlan: moneyOut.nullable(),
  reported: z.boolean(),
  plannedInvestment: moneyOut.nullable(),
  completedInvestment: moneyOut.nullable(),
  ytdCompleted: moneyOut,
  annualPlanRate: rate,
  sinceStartCompleted: moneyOut,
  totalInvestmentRate: rate,
  status: scheduleStatusSchema,
  progress: z.string().nullable(),
  problems: z.string().nullable(),
});
export type MonthlyReportRow = z.infer<typeof monthlyReportRow>;

export const monthlyReport = z
  .object({
    month: z.string(),
    timeBenchmark: z.number(),
    items: z.array(monthlyReportRow),
    totals: z.object({
      projects: z.number().int(),
      reported: z.number().int(),
      plannedInvestment: moneyOut,
      completedInvestment: moneyOut,
      ytdCompleted: moneyOut,
      annualPlan: moneyOut,
      annualPlanRate: rate,
    }),
  })
  .meta({ id: 'MonthlyReport' });
export type MonthlyReport = z.infer<typeof monthlyReport>;

// ---------------------------------------------------------------------------------------------------------------
// Blockers (问题台账)

export const createBlockerRequest = z
  .object({
    title: requiredText(100, '问题标题'),
    description: optionalText(2000, '问题描述'),
    kind: optionalText(30, '问题类型'),
    assignedUnit: optionalText(100, '责任单位'),
    raisedOn: date.optional(),
    deadline: optionalDate,
  })
  .strict()
  .meta({ id: 'CreateBlockerRequest' });
export type CreateBlockerRequest = z.input<typeof createBlockerRequest>;

export const updateBlockerRequest = z
  .object({
    title: requiredText(100, '问题标题').optional(),
    description: optionalText(2000, '问题描述'),
    kind: optionalText(30, '问题类型'),
    assignedUnit: optionalText(100, '责任单位'),
    deadline: optionalDate,
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, '请至少修改一项')
  .meta({ id: 'UpdateBlockerRequest' });
export type UpdateBlockerRequest = z.input<typeof updateBlockerRequest>;

export const blockerNoteRequest = z
  .object({ note: requiredText(2000, '进展情况'), notedOn: date.optional() })
  .strict()
  .meta({ id: 'BlockerNoteRequest' });

export const closeBlockerRequest = z
  .object({ closureNote: requiredText(2000, '销号说明'), closedOn: date.optional() })
  .strict()
  .meta({ id: 'CloseBlockerRequest' });

export const blockerNote = z.object({
  id: z.uuid(),
  notedOn: z.string(),
  note: z.string(),
  actorName: z.string().nullable(),
  createdAt: instant,
});

export const blocker = z
  .object({
    id: z.uuid(),
    projectId: z.uuid(),
    projectCode: z.string(),
    projectName: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    kind: z.string().nullable(),
    assignedUnit: z.string().nullable(),
    raisedOn: z.string(),
    deadline: z.string().nullable(),
    status: blockerStatusSchema,
    overdue: z.boolean(),
    closedOn: z.string().nullable(),
    closureNote: z.string().nullable(),
    createdByName: z.string().nullable(),
    notes: z.array(blockerNote),
    version: z.number().int(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Blocker' });
export type Blocker = z.infer<typeof blocker>;

export const blockerListQuery = z.object({
  limit: z.coerce.number('每页条数须为数字').int('每页条数须为整数').min(1, '每页至少 1 条').max(100, '每页最多 100 条').default(20),
  cursor: z.string().max(200, '翻页游标无效').optional(),
  status: blockerStatusSchema.optional(),
  overdue: z.enum(['true', 'false'], '取值须为 true 或 false').optional(),
  projectId: uuid('项目编号').optional(),
  q: z.string().trim().max(50, '关键词不能超过 50 个字').optional(),
});

export const blockerPage = z
  .object({ items: z.array(blocker), nextCursor: z.string().nullable(), total: z.number().int() })
  .meta({ id: 'BlockerPage' });

// ---------------------------------------------------------------------------------------------------------------
// Statistics

const bucket = z.object({ key: z.string(), label: z.string(), count: z.number().int(), totalInvestment: moneyOut });

export const statisticsQuery = z.object({
  /** The month the figures run to (`YYYY-MM`); defaults to the reporting month (the month before this one). */
  month: monthSchema.optional(),
});

export const projectStatistics = z
  .object({
    asOf: z.string(),
    year: z.number().int(),
    timeBenchmark: z.number(),
    projects: z.number().int(),
    totalInvestment: moneyOut,
    byStage: z.array(bucket),
    byCategory: z.array(bucket),
    byBatch: z.array(bucket.extend({ stage: projectStageSchema })),
    byStrategy: z.array(bucket),
    byLevel: z.array(bucket),
    investment: z.object({
      annualPlan: moneyOut,
      ytdCompleted: moneyOut,
      /** 投资完成率: year-to-date completed ÷ annual plan. */
      completionRate: rate,
      monthPlanned: moneyOut,
      monthCompleted: moneyOut,
      reportedProjects: z.number().int(),
    }),
    /** 开工率: of the projects planned to start this year, those started by the end of the month. */
    start: z.object({ planned: z.number().int(), started: z.number().int(), rate }),
    /** 投产率: the same for production. */
    production: z.object({ planned: z.number().int(), produced: z.number().int(), rate }),
    doubleHalf: z.object({
      firstHalfCompleted: moneyOut,
      annualPlan: moneyOut,
      rate,
      status: doubleHalfStatusSchema,
      projectsAchieved: z.number().int(),
      projectsWithPlan: z.number().int(),
    }),
    schedule: z.object({ ahead: z.number().int(), onTrack: z.number().int(), behind: z.number().int(), noPlan: z.number().int() }),
    behindSchedule: z.array(
      z.object({
        id: z.uuid(),
        code: z.string(),
        name: z.string(),
        departmentName: z.string().nullable(),
        annualPlan: moneyOut,
        ytdCompleted: moneyOut,
        annualPlanRate: rate,
        gapPoints: z.number().meta({ description: '比序时进度落后的百分点' }),
      }),
    ),
    /** Investment by industry, largest first; `topShare` is the share of the top three (聚焦度). */
    industries: z.object({
      items: z.array(z.object({ industry: z.string(), count: z.number().int(), totalInvestment: moneyOut, share: rate })),
      topN: z.number().int(),
      topShare: rate,
    }),
    blockers: z.object({ open: z.number().int(), overdue: z.number().int(), closed: z.number().int() }),
  })
  .meta({ id: 'ProjectStatistics' });
export type ProjectStatistics = z.infer<typeof projectStatistics>;

export const batchSummary = z
  .object({
    items: z.array(z.object({ batch: z.string(), stage: projectStageSchema, label: z.string(), count: z.number().int(), totalInvestment: moneyOut })),
  })
  .meta({ id: 'BatchList' });

export const departmentOption = z.object({ id: z.uuid(), parentId: z.uuid().nullable(), code: z.string(), name: z.string(), depth: z.number().int() });
export const departmentOptions = z.object({ items: z.array(departmentOption) }).meta({ id: 'ProjectDepartmentOptions' });

// ---------------------------------------------------------------------------------------------------------------
// Excel import

export const importRowError = z.object({
  /** The spreadsheet row (1 is the header). */
  row: z.number().int(),
  /** The column's header as in the file, or empty when the whole row is at fault. */
  column: z.string(),
  reason: z.string(),
});
export type ImportRowError = z.infer<typeof importRowError>;

export const importResult = z
  .object({
    dryRun: z.boolean(),
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
  })
  .meta({ id: 'ImportResult' });
export type ImportResult = z.infer<typeof importResult>;

/** The ledger's column headings, as the 发改委 ledgers in use name them; export and import share them. */
export const LEDGER_COLUMNS = {
  code: '项目编号',
  name: '项目名称',
  shortName: '项目简称',
  ownerUnit: '项目单位',
  address: '建设地点',
  longitude: '经度',
  latitude: '纬度',
  scaleContent: '建设规模及主要建设内容',
  newCapacity: '达产后新增产能',
  category: '项目类别',
  industry: '所属行业',
  strategies: '服务十大战略',
  level: '项目级别',
  totalInvestment: '总投资（万元）',
  cityLeader: '市级分包领导',
  department: '责任单位',
  responsiblePerson: '责任人',
  contactPhone: '联系电话',
  attracted: '是否招商引资',
  sourceRegion: '招商引资来源地',
  plannedSignDate: '计划签约日期',
  actualSignDate: '实际签约日期',
  plannedStartDate: '计划开工日期',
  actualStartDate: '实际开工日期',
  plannedProductionDate: '计划投产日期',
  actualProductionDate: '实际投产日期',
  signBatch: '签约批次',
  startBatch: '开工批次',
  productionBatch: '投产批次',
  stage: '项目阶段',
  stageDate: '进入阶段日期',
} as const;
/** `2026年计划投资（万元）`: one column per year. */
export const annualPlanColumn = (year: number) => `${year}年计划投资（万元）`;

export const MONTHLY_REPORT_COLUMNS = {
  code: '项目编号',
  name: '项目名称',
  month: '月份',
  plannedInvestment: '本月计划投资（万元）',
  completedInvestment: '本月完成投资（万元）',
  progress: '形象进度',
  problems: '存在问题',
} as const;
