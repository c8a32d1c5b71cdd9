import { z } from 'zod';
import { isoDateSchema } from './calendar.ts';

/**
 * The assessments module (三标, 观摩, 督查, 赛马): the city office's indicator catalogue, periods and weights, each
 * district's 三标 and indicator values, observation tours, supervision tasks and the published rankings. Every
 * number is a decimal string ("87.5", "0.9123"), never a float: a published ranking recomputed later must give the
 * same digits. Scores are 0–100 with four decimals; composites are on the weight total's scale (e.g. of 100).
 */

// ---------------------------------------------------------------------------------------------------------------
// Enumerations and their labels

/** A decimal as a string: optional sign, up to 12 digits, up to 6 decimals. */
export const assessmentDecimalSchema = z
  .string()
  .trim()
  .regex(/^-?\d{1,12}(\.\d{1,6})?$/, '须为数字（最多 6 位小数），例如 "87.5"');
export const assessmentAmountSchema = assessmentDecimalSchema.refine((v) => !v.startsWith('-'), '不能为负数');

export const INDICATOR_DIRECTIONS = ['higher', 'lower'] as const;
export const directionSchema = z.enum(INDICATOR_DIRECTIONS, '指标方向须为“越高越好”或“越低越好”');
export type Direction = z.infer<typeof directionSchema>;
export const directionLabels: Readonly<Record<Direction, string>> = { higher: '越高越好', lower: '越低越好' };

export const DIMENSIONS = ['projects', 'enterprise', 'environment', 'observation', 'supervision'] as const;
export const dimensionSchema = z.enum(DIMENSIONS, '指标维度不在可选范围内');
export type Dimension = z.infer<typeof dimensionSchema>;
export const dimensionLabels: Readonly<Record<Dimension, string>> = {
  projects: '项目建设',
  enterprise: '助企服务',
  environment: '营商环境',
  observation: '观摩评价',
  supervision: '督查落实',
};

export const INDICATOR_SOURCES = ['computed', 'manual', 'tour', 'supervision'] as const;
export const indicatorSourceSchema = z.enum(INDICATOR_SOURCES, '数据来源须为系统计算、手工填报、观摩评分或督查落实');
export type IndicatorSource = z.infer<typeof indicatorSourceSchema>;
export const indicatorSourceLabels: Readonly<Record<IndicatorSource, string>> = {
  computed: '系统计算',
  manual: '手工填报',
  tour: '观摩评分',
  supervision: '督查落实',
};

/**
 * Figures computed from the published read contracts (`projects.tenant_month_figures_v`,
 * `enterprise.tenant_month_figures_v`). `end` takes the period's last month (the projects view is already
 * year-to-date); `sum` adds the period's months, and a rate is the ratio of the sums.
 */
export const COMPUTED_METRICS = {
  'projects.completion_rate': { label: '投资完成率', unit: '%', direction: 'higher', dimension: 'projects', formula: '年度累计完成投资 ÷ 年度计划投资 × 100（期末月）' },
  'projects.start_rate': { label: '开工率', unit: '%', direction: 'higher', dimension: 'projects', formula: '计划年内开工且已开工项目数 ÷ 计划年内开工项目数 × 100（期末月）' },
  'projects.production_rate': { label: '投产率', unit: '%', direction: 'higher', dimension: 'projects', formula: '计划年内投产且已投产项目数 ÷ 计划年内投产项目数 × 100（期末月）' },
  'projects.ytd_investment': { label: '年度累计完成投资', unit: '万元', direction: 'higher', dimension: 'projects', formula: '年度累计完成投资（期末月）' },
  'projects.behind_schedule': { label: '滞后序时进度项目数', unit: '个', direction: 'lower', dimension: 'projects', formula: '期末月落后序时进度的项目数' },
  'enterprise.close_rate': { label: '诉求办结率', unit: '%', direction: 'higher', dimension: 'enterprise', formula: '办结数 ÷ 受理数 × 100（期内合计）' },
  'enterprise.on_time_rate': { label: '按时办结率', unit: '%', direction: 'higher', dimension: 'enterprise', formula: '按时办结数 ÷ 办结数 × 100（期内合计）' },
  'enterprise.resolve_rate': { label: '诉求解决率', unit: '%', direction: 'higher', dimension: 'enterprise', formula: '解决数 ÷ 办结数 × 100（期内合计）' },
  'enterprise.satisfaction_rate': { label: '满意率', unit: '%', direction: 'higher', dimension: 'enterprise', formula: '满意数 ÷ 评价数 × 100（期内合计）' },
  'enterprise.follow_up_rate': { label: '回访率', unit: '%', direction: 'higher', dimension: 'enterprise', formula: '回访数 ÷ 办结数 × 100（期内合计）' },
  'enterprise.avg_close_workdays': { label: '平均办结工作日', unit: '工作日', direction: 'lower', dimension: 'enterprise', formula: '办结用时工作日合计 ÷ 办结数（期内合计）' },
  'enterprise.overdue': { label: '逾期诉求数', unit: '件', direction: 'lower', dimension: 'enterprise', formula: '期内逾期诉求数合计' },
  'enterprise.visits': { label: '走访企业次数', unit: '次', direction: 'higher', dimension: 'enterprise', formula: '期内走访次数合计' },
  'enterprise.benefit_paid_rate': { label: '惠企政策兑现率', unit: '%', direction: 'higher', dimension: 'environment', formula: '已兑现 ÷ 已匹配 × 100（期内合计）' },
} as const satisfies Record<string, { label: string; unit: string; direction: Direction; dimension: Dimension; formula: string }>;
export type ComputedMetric = keyof typeof COMPUTED_METRICS;
export const computedMetricSchema = z.enum(Object.keys(COMPUTED_METRICS) as [ComputedMetric, ...ComputedMetric[]], '计算口径不在可选范围内');

export const PERIOD_KINDS = ['month', 'quarter', 'half', 'year'] as const;
export const periodKindSchema = z.enum(PERIOD_KINDS, '周期类型须为月、季、半年或年');
export type PeriodKind = z.infer<typeof periodKindSchema>;
export const periodKindLabels: Readonly<Record<PeriodKind, string>> = { month: '月度', quarter: '季度', half: '半年', year: '年度' };

/** `2026-10` (month), `2026Q3` (quarter), `2026H1` (half-year), `2026` (year). */
export const periodCodeSchema = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])|Q[1-4]|H[12])?$/, '周期编码应为 2026-10、2026Q3、2026H1 或 2026');

export const PERIOD_STATUSES = ['open', 'closed'] as const;
export const periodStatusSchema = z.enum(PERIOD_STATUSES, '周期状态须为开放或关闭');
export type PeriodStatus = z.infer<typeof periodStatusSchema>;
export const periodStatusLabels: Readonly<Record<PeriodStatus, string>> = { open: '开放填报', closed: '已关闭' };

export const NORMALISATIONS = ['share_of_best', 'min_max', 'points'] as const;
export const normalisationSchema = z.enum(NORMALISATIONS, '标准化方法须为最优值占比、极差法或分档计分');
export type Normalisation = z.infer<typeof normalisationSchema>;
export const normalisationLabels: Readonly<Record<Normalisation, string>> = {
  share_of_best: '最优值占比（值 ÷ 最优值 × 100）',
  min_max: '极差法（(值 − 最小) ÷ (最大 − 最小) × 100）',
  points: '分档计分',
};

export const MISSING_POLICIES = ['zero', 'exclude'] as const;
export const missingPolicySchema = z.enum(MISSING_POLICIES, '缺失值处理须为“记 0 分”或“不参与并按比例折算权重”');
export type MissingPolicy = z.infer<typeof missingPolicySchema>;
export const missingPolicyLabels: Readonly<Record<MissingPolicy, string>> = {
  zero: '缺失记 0 分',
  exclude: '缺失不参与，其余权重按比例折算',
};

/** Formula versions: each names one code path; a published ranking keeps the one it was computed with. */
export const FORMULA_VERSIONS = ['v1', 'v2'] as const;
export const formulaVersionSchema = z.enum(FORMULA_VERSIONS, '公式版本不存在');
export type FormulaVersion = z.infer<typeof formulaVersionSchema>;
export const formulaVersionLabels: Readonly<Record<FormulaVersion, string>> = {
  v1: 'v1：得分与综合分保留 4 位小数（四舍五入）',
  v2: 'v2：得分与综合分保留 2 位小数（四舍五入），最优值占比得分封顶 100',
};

export const TOUR_AGGREGATIONS = ['trimmed_mean', 'mean'] as const;
export const tourAggregationSchema = z.enum(TOUR_AGGREGATIONS, '汇总方式须为去掉最高最低分后平均或直接平均');
export type TourAggregation = z.infer<typeof tourAggregationSchema>;
export const tourAggregationLabels: Readonly<Record<TourAggregation, string>> = {
  trimmed_mean: '去掉一个最高分和一个最低分后平均',
  mean: '算术平均',
};

export const TOUR_STATUSES = ['scoring', 'closed'] as const;
export const tourStatusSchema = z.enum(TOUR_STATUSES);
export type TourStatus = z.infer<typeof tourStatusSchema>;
export const tourStatusLabels: Readonly<Record<TourStatus, string>> = { scoring: '打分中', closed: '已结束' };

export const SUPERVISION_TASK_STATUSES = ['assigned', 'in_progress', 'done'] as const;
export const supervisionTaskStatusSchema = z.enum(SUPERVISION_TASK_STATUSES);
export type SupervisionTaskStatus = z.infer<typeof supervisionTaskStatusSchema>;
export const supervisionTaskStatusLabels: Readonly<Record<SupervisionTaskStatus, string>> = { assigned: '已交办', in_progress: '推进中', done: '已完成' };

export const RANKING_STATUSES = ['draft', 'reviewed', 'published'] as const;
export const rankingStatusSchema = z.enum(RANKING_STATUSES);
export type RankingStatus = z.infer<typeof rankingStatusSchema>;
export const rankingStatusLabels: Readonly<Record<RankingStatus, string>> = { draft: '草稿', reviewed: '已审核', published: '已通报' };

// ---------------------------------------------------------------------------------------------------------------
// Tenants as the module sees them

export const assessedTenant = z
  .object({
    id: z.uuid(),
    name: z.string(),
    shortName: z.string(),
    slug: z.string().nullable(),
    /** 市内五区, 县(市)及上街区, 开发区 …; null = 未分组. */
    rankingGroup: z.string().nullable(),
    divisionCode: z.string(),
    sortOrder: z.number().int(),
  })
  .meta({ id: 'AssessedTenant' });
export type AssessedTenant = z.infer<typeof assessedTenant>;

/** Who the caller is for this module: the city office sees every district, a district only itself. */
export const assessmentContext = z
  .object({
    tenantId: z.uuid(),
    cityId: z.uuid(),
    isCity: z.boolean(),
    /** The districts the caller may see figures of (the city: all of them; a district: itself). */
    tenants: z.array(assessedTenant),
    /** Every district of the city (names and groups only), to show published rankings. */
    allTenants: z.array(assessedTenant),
    groups: z.array(z.string()),
  })
  .meta({ id: 'AssessmentContext' });
export type AssessmentContext = z.infer<typeof assessmentContext>;

// ---------------------------------------------------------------------------------------------------------------
// Indicators

const indicatorFields = {
  code: z.string().trim().min(1, '请填写指标编码').max(40, '指标编码最多 40 个字符').regex(/^[A-Za-z0-9_.-]+$/, '指标编码只能包含字母、数字、点、下划线和短横线'),
  name: z.string().trim().min(1, '请填写指标名称').max(100, '指标名称最多 100 个字'),
  unit: z.string().trim().max(20, '单位最多 20 个字').default(''),
  direction: directionSchema,
  dimension: dimensionSchema,
  source: indicatorSourceSchema,
  /** Required when the source is `computed`. */
  metric: computedMetricSchema.nullable().default(null),
  description: z.string().trim().max(500, '说明最多 500 个字').nullable().default(null),
  active: z.boolean().default(true),
  sortOrder: z.number().int().min(0).max(9999).default(0),
};

export const createIndicatorRequest = z
  .object(indicatorFields)
  .refine((v) => v.source !== 'computed' || v.metric !== null, { path: ['metric'], message: '系统计算的指标须选择计算口径' })
  .refine((v) => v.source === 'computed' || v.metric === null, { path: ['metric'], message: '只有系统计算的指标才有计算口径' })
  .meta({ id: 'CreateIndicatorRequest' });
export type CreateIndicatorRequest = z.input<typeof createIndicatorRequest>;

export const updateIndicatorRequest = z
  .object({
    name: indicatorFields.name.optional(),
    unit: z.string().trim().max(20).optional(),
    direction: directionSchema.optional(),
    dimension: dimensionSchema.optional(),
    description: z.string().trim().max(500).nullable().optional(),
    active: z.boolean().optional(),
    sortOrder: z.number().int().min(0).max(9999).optional(),
  })
  .meta({ id: 'UpdateIndicatorRequest' });
export type UpdateIndicatorRequest = z.infer<typeof updateIndicatorRequest>;

export const indicator = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    unit: z.string(),
    direction: directionSchema,
    dimension: dimensionSchema,
    source: indicatorSourceSchema,
    metric: computedMetricSchema.nullable(),
    description: z.string().nullable(),
    active: z.boolean(),
    sortOrder: z.number().int(),
    version: z.number().int(),
  })
  .meta({ id: 'Indicator' });
export type Indicator = z.infer<typeof indicator>;
export const indicatorList = z.object({ items: z.array(indicator) }).meta({ id: 'IndicatorList' });

// ---------------------------------------------------------------------------------------------------------------
// Periods and weights

export const createPeriodRequest = z
  .object({
    code: periodCodeSchema,
    name: z.string().trim().min(1).max(60).optional(),
    status: periodStatusSchema.default('open'),
  })
  .meta({ id: 'CreatePeriodRequest' });
export type CreatePeriodRequest = z.input<typeof createPeriodRequest>;

export const updatePeriodRequest = z
  .object({ name: z.string().trim().min(1).max(60).optional(), status: periodStatusSchema.optional() })
  .meta({ id: 'UpdatePeriodRequest' });

export const period = z
  .object({
    id: z.uuid(),
    kind: periodKindSchema,
    code: z.string(),
    name: z.string(),
    startsOn: isoDateSchema,
    endsOn: isoDateSchema,
    status: periodStatusSchema,
    /** The ranking of the period, if one was computed: its id and state. */
    ranking: z.object({ id: z.uuid(), status: rankingStatusSchema }).nullable(),
    hasWeights: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'Period' });
export type Period = z.infer<typeof period>;
export const periodList = z.object({ items: z.array(period) }).meta({ id: 'PeriodList' });
export const periodListQuery = z.object({
  kind: periodKindSchema.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

/** A points table: the first band the value reaches gives the points (≥ for higher-is-better, ≤ for lower). */
export const pointsBand = z.object({ threshold: assessmentDecimalSchema, points: assessmentAmountSchema });
export type PointsBand = z.infer<typeof pointsBand>;

export const weightItem = z.object({
  indicatorId: z.uuid('指标编号格式有误'),
  weight: assessmentAmountSchema,
  /** Publishing is refused while a required value is missing. */
  required: z.boolean().default(true),
  /** Only for the `points` normalisation; scores are 0–100. */
  points: z.array(pointsBand).max(20).optional(),
});
export type WeightItem = z.infer<typeof weightItem>;

export const weightSetRequest = z
  .object({
    formulaVersion: formulaVersionSchema.default('v1'),
    normalisation: normalisationSchema.default('share_of_best'),
    missingPolicy: missingPolicySchema.default('zero'),
    /** The weights must add up to exactly this (usually 100). */
    weightTotal: assessmentAmountSchema.default('100'),
    redListSize: z.number().int().min(0).max(20).default(3),
    blackListSize: z.number().int().min(0).max(20).default(3),
    items: z.array(weightItem).min(1, '至少设置一项指标权重').max(100),
  })
  .meta({ id: 'WeightSetRequest' });
export type WeightSetRequest = z.input<typeof weightSetRequest>;
export type WeightSetInput = z.output<typeof weightSetRequest>;

export const weightSet = weightSetRequest
  .extend({
    periodId: z.uuid(),
    version: z.number().int(),
    items: z.array(weightItem.extend({ required: z.boolean(), indicatorCode: z.string(), indicatorName: z.string() })),
  })
  .meta({ id: 'WeightSet' });
export type WeightSet = z.infer<typeof weightSet>;

// ---------------------------------------------------------------------------------------------------------------
// 三标

export const targetRequest = z
  .object({
    /** 标杆: a named peer (or city) and its value. */
    benchmarkName: z.string().trim().max(60).nullable().default(null),
    benchmarkValue: assessmentDecimalSchema.nullable().default(null),
    /** 标准: the target value. */
    standardValue: assessmentDecimalSchema.nullable().default(null),
    /** 标志: a dated, checkable milestone. */
    breakthrough: z.string().trim().max(200).nullable().default(null),
    breakthroughDue: isoDateSchema.nullable().default(null),
    breakthroughDone: z.boolean().default(false),
    note: z.string().trim().max(500).nullable().default(null),
  })
  .refine((v) => (v.benchmarkName === null) === (v.benchmarkValue === null), {
    path: ['benchmarkValue'],
    message: '标杆须同时填写名称和数值',
  })
  .refine((v) => v.breakthrough !== null || v.breakthroughDue === null, { path: ['breakthrough'], message: '填写了完成时限，请同时填写突破标志' })
  .meta({ id: 'TargetRequest' });
export type TargetRequest = z.input<typeof targetRequest>;

/** Progress against one of the 三标: value ÷ mark (for lower-is-better, mark ÷ value), and whether it is reached. */
export const markProgress = z.object({ ratio: z.string().nullable(), reached: z.boolean().nullable(), gap: z.string().nullable() });
export type MarkProgress = z.infer<typeof markProgress>;

export const target = z
  .object({
    id: z.uuid(),
    tenantId: z.uuid(),
    periodId: z.uuid(),
    indicatorId: z.uuid(),
    benchmarkName: z.string().nullable(),
    benchmarkValue: z.string().nullable(),
    standardValue: z.string().nullable(),
    breakthrough: z.string().nullable(),
    breakthroughDue: isoDateSchema.nullable(),
    breakthroughDone: z.boolean(),
    breakthroughDoneOn: isoDateSchema.nullable(),
    /** Due and not done. */
    breakthroughOverdue: z.boolean(),
    note: z.string().nullable(),
    /** The tenant's value for the period, if there is one. */
    value: z.string().nullable(),
    benchmarkProgress: markProgress,
    standardProgress: markProgress,
    version: z.number().int(),
  })
  .meta({ id: 'Target' });
export type Target = z.infer<typeof target>;
export const targetList = z.object({ items: z.array(target) }).meta({ id: 'TargetList' });
export const targetListQuery = z.object({ periodId: z.uuid('周期编号格式有误'), tenantId: z.uuid().optional() });

// ---------------------------------------------------------------------------------------------------------------
// Indicator values

export const valueRequest = z
  .object({
    value: assessmentDecimalSchema,
    /** What the number rests on: a document, a link, a file name (required for manual values). */
    evidence: z.string().trim().min(2, '请填写佐证材料').max(1000, '佐证材料最多 1000 个字'),
  })
  .meta({ id: 'ValueRequest' });
export type ValueRequest = z.infer<typeof valueRequest>;

export const indicatorValue = z
  .object({
    tenantId: z.uuid(),
    periodId: z.uuid(),
    indicatorId: z.uuid(),
    value: z.string().nullable(),
    source: indicatorSourceSchema,
    evidence: z.string().nullable(),
    /** How it was computed: the metric, numerator and denominator, or the tour / tasks it came from. */
    detail: z.record(z.string(), z.unknown()).nullable(),
    recordedByName: z.string().nullable(),
    recordedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'IndicatorValue' });
export type IndicatorValue = z.infer<typeof indicatorValue>;
export const indicatorValueList = z.object({ items: z.array(indicatorValue) }).meta({ id: 'IndicatorValueList' });
export const valueListQuery = z.object({ periodId: z.uuid('周期编号格式有误'), tenantId: z.uuid().optional() });

export const snapshotResult = z
  .object({ periods: z.number().int(), written: z.number().int(), unchanged: z.number().int() })
  .meta({ id: 'SnapshotResult' });
export type SnapshotResult = z.infer<typeof snapshotResult>;

// ---------------------------------------------------------------------------------------------------------------
// Observation tours (观摩)

export const tourCriterion = z.object({
  code: z.string().trim().min(1).max(20).regex(/^[A-Za-z0-9_]+$/, '评分项编码只能包含字母、数字和下划线'),
  name: z.string().trim().min(1, '请填写评分项名称').max(60),
  maxPoints: assessmentAmountSchema,
});
export type TourCriterion = z.infer<typeof tourCriterion>;

export const tourScorer = z.object({ id: z.uuid(), name: z.string(), unit: z.string().nullable() });
export const tourSite = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  projectId: z.uuid().nullable(),
  projectName: z.string(),
  sortOrder: z.number().int(),
});

export const createTourRequest = z
  .object({
    name: z.string().trim().min(1, '请填写观摩活动名称').max(100),
    startsOn: isoDateSchema,
    endsOn: isoDateSchema,
    /** The period whose tour indicator the results feed. */
    periodId: z.uuid().nullable().default(null),
    indicatorId: z.uuid().nullable().default(null),
    aggregation: tourAggregationSchema.default('trimmed_mean'),
    criteria: z.array(tourCriterion).min(1, '至少一个评分项').max(30),
    scorers: z.array(z.object({ name: z.string().trim().min(1).max(40), unit: z.string().trim().max(60).nullable().default(null) })).min(1, '至少一位评委').max(100),
    sites: z
      .array(z.object({ tenantId: z.uuid(), projectId: z.uuid().nullable().default(null), projectName: z.string().trim().min(1).max(200) }))
      .max(500)
      .default([]),
  })
  .refine((v) => v.startsOn <= v.endsOn, { path: ['endsOn'], message: '结束日期不能早于开始日期' })
  .refine((v) => (v.periodId === null) === (v.indicatorId === null), { path: ['indicatorId'], message: '计入指标须同时选择周期和指标' })
  .meta({ id: 'CreateTourRequest' });
export type CreateTourRequest = z.input<typeof createTourRequest>;

export const tourResult = z.object({
  tenantId: z.uuid(),
  scorerCount: z.number().int(),
  /** Each scorer's total, in scorer order. */
  totals: z.array(z.object({ scorerId: z.uuid(), total: z.string() })),
  result: z.string().nullable(),
  dropped: z.array(z.uuid()),
  rank: z.number().int().nullable(),
});
export type TourResult = z.infer<typeof tourResult>;

export const tour = z
  .object({
    id: z.uuid(),
    name: z.string(),
    startsOn: isoDateSchema,
    endsOn: isoDateSchema,
    periodId: z.uuid().nullable(),
    indicatorId: z.uuid().nullable(),
    aggregation: tourAggregationSchema,
    status: tourStatusSchema,
    criteria: z.array(tourCriterion),
    maxTotal: z.string(),
    scorers: z.array(tourScorer),
    sites: z.array(tourSite),
    /** The city sees every tenant's result; a district sees its own, once the tour is closed. */
    results: z.array(tourResult),
    version: z.number().int(),
  })
  .meta({ id: 'Tour' });
export type Tour = z.infer<typeof tour>;
export const tourSummary = tour.omit({ criteria: true, scorers: true, sites: true, results: true }).extend({ siteCount: z.number().int() });
export const tourList = z.object({ items: z.array(tourSummary) }).meta({ id: 'TourList' });

export const scoreSheetRequest = z
  .object({
    scorerId: z.uuid('评委编号格式有误'),
    tenantId: z.uuid('被评单位编号格式有误'),
    /** Points per criterion code; each at most the criterion's maximum. */
    scores: z.record(z.string(), assessmentAmountSchema),
  })
  .meta({ id: 'ScoreSheetRequest' });
export type ScoreSheetRequest = z.infer<typeof scoreSheetRequest>;

export const scoreSheet = z
  .object({ tourId: z.uuid(), scorerId: z.uuid(), tenantId: z.uuid(), scores: z.record(z.string(), z.string()), total: z.string() })
  .meta({ id: 'ScoreSheet' });
export const scoreSheetList = z.object({ items: z.array(scoreSheet) }).meta({ id: 'ScoreSheetList' });

// ---------------------------------------------------------------------------------------------------------------
// Supervision (督查)

export const SUPERVISION_CATEGORIES = ['resettlement_signing', 'resettlement_building', 'real_estate_resumption', 'urban_renewal', 'other'] as const;
export const supervisionCategorySchema = z.enum(SUPERVISION_CATEGORIES, '督查类别不在可选范围内');
export type SupervisionCategory = z.infer<typeof supervisionCategorySchema>;
export const supervisionCategoryLabels: Readonly<Record<SupervisionCategory, string>> = {
  resettlement_signing: '安置房网签',
  resettlement_building: '安置房建设',
  real_estate_resumption: '房地产复工复产',
  urban_renewal: '城市有机更新',
  other: '其他',
};

export const assignTaskRequest = z
  .object({
    title: z.string().trim().min(1, '请填写任务名称').max(120),
    category: supervisionCategorySchema,
    description: z.string().trim().max(2000).nullable().default(null),
    /** 目标: what done means, in words, and optionally as a number with its unit. */
    target: z.string().trim().min(1, '请填写任务目标').max(500),
    targetValue: assessmentAmountSchema.nullable().default(null),
    unit: z.string().trim().max(20).nullable().default(null),
    deadline: isoDateSchema,
    tenantIds: z.array(z.uuid()).min(1, '至少选择一个责任单位').max(50),
  })
  .meta({ id: 'AssignTaskRequest' });
export type AssignTaskRequest = z.input<typeof assignTaskRequest>;

export const supervisionReportRequest = z
  .object({
    progressPct: z.number().int().min(0, '进度不能小于 0').max(100, '进度不能超过 100'),
    achievedValue: assessmentAmountSchema.nullable().default(null),
    note: z.string().trim().min(1, '请填写进展情况').max(2000),
    done: z.boolean().default(false),
  })
  .meta({ id: 'SupervisionReportRequest' });
export type SupervisionReportRequest = z.input<typeof supervisionReportRequest>;

export const supervisionTaskReport = z.object({
  id: z.uuid(),
  reportedOn: isoDateSchema,
  progressPct: z.number().int(),
  achievedValue: z.string().nullable(),
  note: z.string(),
  actorName: z.string().nullable(),
});

export const supervisionTask = z
  .object({
    id: z.uuid(),
    tenantId: z.uuid(),
    batchId: z.uuid(),
    title: z.string(),
    category: supervisionCategorySchema,
    description: z.string().nullable(),
    target: z.string(),
    targetValue: z.string().nullable(),
    unit: z.string().nullable(),
    deadline: isoDateSchema,
    status: supervisionTaskStatusSchema,
    progressPct: z.number().int(),
    achievedValue: z.string().nullable(),
    completedOn: isoDateSchema.nullable(),
    /** Past its deadline and not done (or done late): it counts against the tenant. */
    overdue: z.boolean(),
    assignedByName: z.string().nullable(),
    reports: z.array(supervisionTaskReport),
    version: z.number().int(),
  })
  .meta({ id: 'SupervisionTask' });
export type SupervisionTask = z.infer<typeof supervisionTask>;
export const supervisionTaskList = z.object({ items: z.array(supervisionTask) }).meta({ id: 'SupervisionTaskList' });
export const supervisionTaskListQuery = z.object({
  tenantId: z.uuid().optional(),
  status: supervisionTaskStatusSchema.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  category: supervisionCategorySchema.optional(),
});

// ---------------------------------------------------------------------------------------------------------------
// Rankings (赛马)

export const computeRankingRequest = z.object({ periodId: z.uuid('周期编号格式有误') }).meta({ id: 'ComputeRankingRequest' });

export const indicatorScore = z.object({
  indicatorId: z.uuid(),
  value: z.string().nullable(),
  missing: z.boolean(),
  /** 0–100; null when missing and excluded. */
  score: z.string().nullable(),
  /** The indicator's share of the composite after weights (and re-normalisation when missing values are excluded). */
  contribution: z.string(),
  effectiveWeight: z.string(),
});
export type IndicatorScore = z.infer<typeof indicatorScore>;

export const rankingEntry = z.object({
  tenantId: z.uuid(),
  tenantName: z.string(),
  rankingGroup: z.string().nullable(),
  composite: z.string(),
  rank: z.number().int(),
  groupRank: z.number().int(),
  /** Rank in the previous period of the same kind (null when there was none). */
  previousRank: z.number().int().nullable(),
  /** previousRank − rank: positive = moved up (提质进位). */
  change: z.number().int().nullable(),
  previousGroupRank: z.number().int().nullable(),
  groupChange: z.number().int().nullable(),
  list: z.enum(['red', 'black']).nullable(),
  missing: z.array(z.uuid()),
  scores: z.array(indicatorScore),
});
export type RankingEntry = z.infer<typeof rankingEntry>;

export const rankingIndicator = z.object({
  indicatorId: z.uuid(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  direction: directionSchema,
  dimension: dimensionSchema,
  weight: z.string(),
  required: z.boolean(),
  /** The best value among the tenants (the benchmark of share-of-best). */
  best: z.string().nullable(),
  average: z.string().nullable(),
});

export const rankingResult = z.object({
  entries: z.array(rankingEntry),
  groups: z.array(z.object({ group: z.string().nullable(), tenantIds: z.array(z.uuid()) })),
  redList: z.array(z.uuid()),
  blackList: z.array(z.uuid()),
  /** Tenant × indicator pairs without a value. */
  missing: z.array(z.object({ tenantId: z.uuid(), indicatorId: z.uuid(), required: z.boolean() })),
});
export type RankingResult = z.infer<typeof rankingResult>;

export const ranking = z
  .object({
    id: z.uuid(),
    periodId: z.uuid(),
    periodCode: z.string(),
    periodName: z.string(),
    status: rankingStatusSchema,
    formulaVersion: formulaVersionSchema,
    normalisation: normalisationSchema,
    missingPolicy: missingPolicySchema,
    weightTotal: z.string(),
    indicators: z.array(rankingIndicator),
    result: rankingResult,
    previousRankingId: z.uuid().nullable(),
    computedAt: z.string(),
    computedByName: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    reviewedByName: z.string().nullable(),
    publishedAt: z.string().nullable(),
    publishedByName: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Ranking' });
export type Ranking = z.infer<typeof ranking>;

export const rankingSummary = ranking
  .pick({ id: true, periodId: true, periodCode: true, periodName: true, status: true, formulaVersion: true, computedAt: true, publishedAt: true, version: true })
  .extend({
    /** A district sees its own line of a published ranking here. */
    own: rankingEntry.pick({ rank: true, groupRank: true, change: true, composite: true, list: true }).nullable(),
  });
export const rankingList = z.object({ items: z.array(rankingSummary) }).meta({ id: 'RankingList' });
export const rankingListQuery = z.object({ status: rankingStatusSchema.optional(), periodKind: periodKindSchema.optional() });

export const verifyResult = z
  .object({
    identical: z.boolean(),
    differences: z.array(z.object({ path: z.string(), stored: z.string().nullable(), recomputed: z.string().nullable() })),
  })
  .meta({ id: 'VerifyResult' });
export type VerifyResult = z.infer<typeof verifyResult>;

/** A district's view of one period: its line, its gaps to the benchmark and the standard, its open tasks. */
export const gapsQuery = z.object({ periodId: z.uuid('周期编号格式有误'), tenantId: z.uuid().optional() });
export const tenantGaps = z
  .object({
    tenantId: z.uuid(),
    periodId: z.uuid(),
    ranking: rankingEntry.nullable(),
    rankingStatus: rankingStatusSchema.nullable(),
    indicators: z.array(
      z.object({
        indicatorId: z.uuid(),
        code: z.string(),
        name: z.string(),
        unit: z.string(),
        direction: directionSchema,
        value: z.string().nullable(),
        source: indicatorSourceSchema.nullable(),
        benchmarkName: z.string().nullable(),
        benchmarkValue: z.string().nullable(),
        standardValue: z.string().nullable(),
        benchmarkProgress: markProgress,
        standardProgress: markProgress,
        /** Trails the benchmark or misses the standard. */
        trailing: z.boolean(),
      }),
    ),
    openTasks: z.number().int(),
    overdueTasks: z.number().int(),
  })
  .meta({ id: 'TenantGaps' });
export type TenantGaps = z.infer<typeof tenantGaps>;

// ---------------------------------------------------------------------------------------------------------------
// Mid-year view (双过半, 半年红)

export const MIDYEAR_STATUSES = ['ahead', 'on_track', 'behind', 'no_target', 'no_value'] as const;
export const midyearStatusSchema = z.enum(MIDYEAR_STATUSES);
export type MidyearStatus = z.infer<typeof midyearStatusSchema>;
export const midyearStatusLabels: Readonly<Record<MidyearStatus, string>> = {
  ahead: '快于序时',
  on_track: '符合序时',
  behind: '滞后序时',
  no_target: '未设年度目标',
  no_value: '暂无数据',
};

export const midyearQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  /** The month the view is as of (1–12), default 6 (end of June). */
  month: z.coerce.number().int().min(1).max(12).default(6),
  tenantId: z.uuid().optional(),
});

export const midyearRow = z.object({
  tenantId: z.uuid(),
  indicatorId: z.uuid(),
  value: z.string().nullable(),
  annualTarget: z.string().nullable(),
  /** value ÷ annual target (lower-is-better: target ÷ value), four decimals. */
  completion: z.string().nullable(),
  /** Share of the year elapsed: month ÷ 12. */
  timeBenchmark: z.string(),
  status: midyearStatusSchema,
  /** 双过半: time half gone and the task at least half done. */
  halfDone: z.boolean().nullable(),
});
export const midyearView = z
  .object({
    year: z.number().int(),
    month: z.number().int(),
    periodId: z.uuid().nullable(),
    timeBenchmark: z.string(),
    indicators: z.array(z.object({ indicatorId: z.uuid(), code: z.string(), name: z.string(), unit: z.string(), direction: directionSchema })),
    rows: z.array(midyearRow),
    /** 半年红: tenants at or ahead of the time benchmark on every indicator with a target. */
    halfYearRed: z.array(z.uuid()),
  })
  .meta({ id: 'MidyearView' });
export type MidyearView = z.infer<typeof midyearView>;
