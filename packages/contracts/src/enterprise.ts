import { z } from 'zod';
import { isoDateSchema } from './calendar.ts';
import type { Permission } from './permissions.ts';
import { moneyOut, moneySchema, monthSchema } from './projects.ts';

/**
 * The enterprise-service module (万人助万企): enterprise files, pairing and visits, appeals and their state machine,
 * policies with criteria as data (免申即享), matches and parks. The enterprise service validates with these schemas
 * and the enterprise micro-frontend builds its forms, tags and action buttons from them. Money is 万元 as a decimal
 * string ("12345.60"); rates are fractions rounded to four decimals.
 */

const uuid = (what: string) => z.uuid(`${what}格式有误`);
const text = (max: number, what: string) => z.string().trim().max(max, `${what}不能超过 ${max} 个字`);
const requiredText = (max: number, what: string) => text(max, what).min(1, `请填写${what}`);
const optionalText = (max: number, what: string) =>
  text(max, what)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));
const instant = z.iso.datetime({ offset: true });
const rate = z.number().nullable().meta({ description: '比率（0.5 即 50%），保留四位小数；分母为 0 时为 null' });
const count = (what: string) => z.number(`${what}须为数字`).int(`${what}须为整数`).min(0, `${what}不能为负数`).max(10_000_000, `${what}过大`);
const limitQuery = z.coerce.number('每页条数须为数字').int('每页条数须为整数').min(1, '每页至少 1 条').max(100, '每页最多 100 条').default(20);

// ---------------------------------------------------------------------------------------------------------------
// USCC (统一社会信用代码, GB 32100-2015)

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/** 登记管理部门代码: 1 机构编制, 2 外交, 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 市场监管(工商), A 中央军委改革和编制办公室, N 农业, Y 其他. */
export const USCC_AUTHORITIES = '123456789ANY';

export type UsccCheck = 'length' | 'charset' | 'check_digit';
export interface UsccResult {
  /** Upper-cased and trimmed. */
  code: string;
  valid: boolean;
  /** The check that failed, when one did. */
  failed?: UsccCheck;
  message?: string;
  /** The check digit failed but the city's allowlist admits the code (early pilot codes). */
  allowlisted: boolean;
  warnings: string[];
}

/** The check character for the first 17 characters (assumed from the charset). */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

/**
 * Checks a USCC in the order GB 32100-2015 builds it: 18 characters, each from the charset (no I, O, S, V, Z),
 * then the check digit. A code on the allowlist passes the check-digit step; an unknown first character (登记管理部门)
 * is only a warning.
 */
export function checkUscc(input: string, allowlist: ReadonlySet<string> | readonly string[] = []): UsccResult {
  const code = input.trim().toUpperCase();
  const listed = Array.isArray(allowlist) ? allowlist.includes(code) : (allowlist as ReadonlySet<string>).has(code);
  const warnings: string[] = [];
  if (code.length !== 18) {
    return { code, valid: false, failed: 'length', message: `统一社会信用代码应为 18 位，当前为 ${code.length} 位`, allowlisted: false, warnings };
  }
  const bad = [...code].map((ch, i) => ({ ch, i })).filter(({ ch }) => !USCC_CHARSET.includes(ch));
  if (bad.length > 0) {
    const where = bad.map(({ ch, i }) => `第 ${i + 1} 位“${ch}”`).join('、');
    return { code, valid: false, failed: 'charset', message: `统一社会信用代码含有不允许的字符：${where}（不使用 I、O、S、V、Z）`, allowlisted: false, warnings };
  }
  if (!USCC_AUTHORITIES.includes(code[0]!)) warnings.push(`第 1 位“${code[0]}”不是已知的登记管理部门代码，请核对`);
  const expected = usccCheckChar(code.slice(0, 17));
  if (expected !== code[17]) {
    if (listed) {
      warnings.push('校验位不符，但该代码在本市早期试点代码白名单中，予以接受');
      return { code, valid: true, allowlisted: true, warnings };
    }
    return {
      code,
      valid: false,
      failed: 'check_digit',
      message: `统一社会信用代码校验位不符：第 18 位应为“${expected}”，实际为“${code[17]}”`,
      allowlisted: false,
      warnings,
    };
  }
  return { code, valid: true, allowlisted: false, warnings };
}

/** Shape only (18 characters from the charset); the check digit is the service's, which knows the allowlist. */
export const usccSchema = z
  .string('请填写统一社会信用代码')
  .trim()
  .toUpperCase()
  .meta({ description: '统一社会信用代码（18 位，GB 32100-2015）', examples: ['91410100MA44G2KX3B'] });

// ---------------------------------------------------------------------------------------------------------------
// Enterprises

export const ENTERPRISE_SIZES = ['large', 'medium', 'small', 'micro'] as const;
export const enterpriseSizeSchema = z.enum(ENTERPRISE_SIZES, '企业规模须为大型、中型、小型或微型');
export type EnterpriseSize = z.infer<typeof enterpriseSizeSchema>;
export const enterpriseSizeLabels: Readonly<Record<EnterpriseSize, string>> = { large: '大型', medium: '中型', small: '小型', micro: '微型' };

export const CERTIFICATIONS = ['specialized', 'little_giant', 'single_champion', 'high_tech', 'tech_sme', 'smart_workshop', 'smart_factory'] as const;
export const certificationSchema = z.enum(CERTIFICATIONS, '资质认定不在可选范围内');
export type Certification = z.infer<typeof certificationSchema>;
export const certificationLabels: Readonly<Record<Certification, string>> = {
  specialized: '专精特新',
  little_giant: '专精特新“小巨人”',
  single_champion: '制造业单项冠军',
  high_tech: '高新技术企业',
  tech_sme: '科技型中小企业',
  smart_workshop: '智能车间',
  smart_factory: '智能工厂',
};

/** GB/T 4754-2017 sections (门类). */
export const INDUSTRY_SECTIONS = {
  A: '农、林、牧、渔业',
  B: '采矿业',
  C: '制造业',
  D: '电力、热力、燃气及水生产和供应业',
  E: '建筑业',
  F: '批发和零售业',
  G: '交通运输、仓储和邮政业',
  H: '住宿和餐饮业',
  I: '信息传输、软件和信息技术服务业',
  J: '金融业',
  K: '房地产业',
  L: '租赁和商务服务业',
  M: '科学研究和技术服务业',
  N: '水利、环境和公共设施管理业',
  O: '居民服务、修理和其他服务业',
  P: '教育',
  Q: '卫生和社会工作',
  R: '文化、体育和娱乐业',
  S: '公共管理、社会保障和社会组织',
  T: '国际组织',
} as const;
export type IndustrySection = keyof typeof INDUSTRY_SECTIONS;
export const industrySchema = z.enum(Object.keys(INDUSTRY_SECTIONS) as [IndustrySection, ...IndustrySection[]], '行业须为国民经济行业分类门类代码 A–T');

const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{5,20}$/, '联系电话格式有误')
  .nullable()
  .optional()
  .or(z.literal('').transform(() => null));

const enterpriseFields = {
  uscc: usccSchema,
  name: requiredText(100, '企业名称'),
  industry: industrySchema,
  size: enterpriseSizeSchema,
  aboveThreshold: z.boolean('是否规上须为 true 或 false').optional(),
  headcount: count('从业人数').nullable().optional(),
  insuredHeadcount: count('参保人数').nullable().optional(),
  revenue: moneySchema.nullable().optional(),
  tax: moneySchema.nullable().optional(),
  rdSpending: moneySchema.nullable().optional(),
  certifications: z.array(certificationSchema).max(10, '资质认定最多 10 项').optional(),
  foundedOn: isoDateSchema.nullable().optional(),
  address: optionalText(200, '地址'),
  parkId: uuid('所在园区编号').nullable().optional(),
  contactName: optionalText(30, '联系人'),
  contactPhone: phone,
};

export const createEnterpriseRequest = z.object(enterpriseFields).strict().meta({ id: 'CreateEnterpriseRequest' });
export type CreateEnterpriseRequest = z.input<typeof createEnterpriseRequest>;

export const updateEnterpriseRequest = z
  .object(Object.fromEntries(Object.entries(enterpriseFields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof enterpriseFields]: z.ZodOptional<(typeof enterpriseFields)[K]>;
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, '请至少修改一项')
  .meta({ id: 'UpdateEnterpriseRequest' });
export type UpdateEnterpriseRequest = z.input<typeof updateEnterpriseRequest>;

export const enterpriseSchema = z
  .object({
    id: z.uuid(),
    uscc: z.string(),
    name: z.string(),
    industry: z.string(),
    size: enterpriseSizeSchema,
    aboveThreshold: z.boolean(),
    headcount: z.number().int().nullable(),
    insuredHeadcount: z.number().int().nullable(),
    revenue: moneyOut.nullable(),
    tax: moneyOut.nullable(),
    rdSpending: moneyOut.nullable(),
    /** R&D spending ÷ revenue, a fraction; null without both. */
    rdRatio: rate,
    certifications: z.array(certificationSchema),
    foundedOn: z.string().nullable(),
    address: z.string().nullable(),
    parkId: z.uuid().nullable(),
    parkName: z.string().nullable(),
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable(),
    registeredOn: z.string(),
    /** The cadres covering it today. */
    cadres: z.array(z.object({ userId: z.uuid(), name: z.string() })),
    openAppeals: z.number().int(),
    /** Warnings the USCC check raised (allowlisted pilot code, unknown first character). */
    usccWarnings: z.array(z.string()),
    version: z.number().int(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Enterprise' });
export type Enterprise = z.infer<typeof enterpriseSchema>;

export const ENTERPRISE_SORTS = ['createdAt', 'name', 'revenue'] as const;
export const enterpriseListQuery = z.object({
  limit: limitQuery,
  cursor: z.string().max(400, '翻页游标无效').optional(),
  /** Matches name or USCC. */
  q: z.string().trim().max(50, '关键词不能超过 50 个字').optional(),
  industry: industrySchema.optional(),
  size: enterpriseSizeSchema.optional(),
  aboveThreshold: z.enum(['true', 'false'], '取值须为 true 或 false').optional(),
  certification: certificationSchema.optional(),
  parkId: uuid('园区编号').optional(),
  cadreUserId: uuid('包联干部编号').optional(),
  sort: z
    .string()
    .regex(new RegExp(`^-?(${ENTERPRISE_SORTS.join('|')})$`), `排序字段须为 ${ENTERPRISE_SORTS.join('、')} 之一，前加 - 表示倒序`)
    .default('-createdAt'),
});
export type EnterpriseListQuery = z.output<typeof enterpriseListQuery>;

export const enterprisePage = z
  .object({ items: z.array(enterpriseSchema), nextCursor: z.string().nullable(), total: z.number().int() })
  .meta({ id: 'EnterprisePage' });

export const usccCheckRequest = z.object({ uscc: z.string().max(40, '统一社会信用代码过长') }).strict().meta({ id: 'UsccCheckRequest' });
export const usccCheckResult = z
  .object({
    code: z.string(),
    valid: z.boolean(),
    failed: z.enum(['length', 'charset', 'check_digit']).optional(),
    message: z.string().optional(),
    allowlisted: z.boolean(),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'UsccCheckResult' });

// ---------------------------------------------------------------------------------------------------------------
// Pairing and visits

export const createPairingRequest = z
  .object({
    enterpriseId: uuid('企业编号'),
    cadreUserId: uuid('包联干部编号'),
    startDate: isoDateSchema.optional(),
    note: optionalText(200, '备注'),
  })
  .strict()
  .meta({ id: 'CreatePairingRequest' });
export type CreatePairingRequest = z.input<typeof createPairingRequest>;

export const endPairingRequest = z.object({ endDate: isoDateSchema.optional() }).strict().meta({ id: 'EndPairingRequest' });

export const pairingSchema = z
  .object({
    id: z.uuid(),
    enterpriseId: z.uuid(),
    enterpriseName: z.string(),
    cadreUserId: z.uuid(),
    cadreName: z.string(),
    startDate: z.string(),
    endDate: z.string().nullable(),
    active: z.boolean(),
    note: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Pairing' });
export type Pairing = z.infer<typeof pairingSchema>;

/** A cadre who can be paired: a staff member of the caller's tenant, from identity's published directory. */
export const cadreSchema = z
  .object({ id: z.uuid(), displayName: z.string(), departmentId: z.uuid().nullable(), departmentName: z.string().nullable() })
  .meta({ id: 'Cadre' });
export type Cadre = z.infer<typeof cadreSchema>;
export const cadreListQuery = z.object({
  q: z.string().trim().max(30, '搜索词不能超过 30 个字').optional(),
  limit: z.coerce.number('每页条数须为数字').int('每页条数须为整数').min(1, '每页至少 1 条').max(100, '每页最多 100 条').default(50),
});
export const cadreList = z.object({ items: z.array(cadreSchema) }).meta({ id: 'CadreList' });

export const pairingListQuery = z.object({
  enterpriseId: uuid('企业编号').optional(),
  cadreUserId: uuid('包联干部编号').optional(),
  active: z.enum(['true', 'false'], '取值须为 true 或 false').optional(),
});
export const pairingList = z.object({ items: z.array(pairingSchema) }).meta({ id: 'PairingList' });

export const VISIT_METHODS = ['onsite', 'phone', 'online'] as const;
export const visitMethodSchema = z.enum(VISIT_METHODS, '走访方式须为实地、电话或线上');
export const visitMethodLabels: Readonly<Record<(typeof VISIT_METHODS)[number], string>> = { onsite: '实地走访', phone: '电话', online: '线上' };

export const createVisitRequest = z
  .object({
    enterpriseId: uuid('企业编号'),
    visitedOn: isoDateSchema.optional(),
    method: visitMethodSchema.optional(),
    notes: requiredText(2000, '走访记录'),
  })
  .strict()
  .meta({ id: 'CreateVisitRequest' });
export type CreateVisitRequest = z.input<typeof createVisitRequest>;

export const visitSchema = z
  .object({
    id: z.uuid(),
    enterpriseId: z.uuid(),
    enterpriseName: z.string(),
    cadreUserId: z.uuid().nullable(),
    cadreName: z.string(),
    visitedOn: z.string(),
    method: visitMethodSchema,
    notes: z.string(),
    appealIds: z.array(z.uuid()),
    createdAt: instant,
  })
  .meta({ id: 'Visit' });
export type Visit = z.infer<typeof visitSchema>;

export const visitListQuery = z.object({
  limit: limitQuery,
  cursor: z.string().max(400, '翻页游标无效').optional(),
  enterpriseId: uuid('企业编号').optional(),
  cadreUserId: uuid('包联干部编号').optional(),
});
export const visitPage = z.object({ items: z.array(visitSchema), nextCursor: z.string().nullable() }).meta({ id: 'VisitPage' });

// ---------------------------------------------------------------------------------------------------------------
// Appeals: enumerations

export const APPEAL_CATEGORIES = ['financing', 'labour', 'land', 'approval', 'policy', 'logistics', 'utilities', 'legal', 'other'] as const;
export const appealCategorySchema = z.enum(APPEAL_CATEGORIES, '诉求类别不在可选范围内');
export type AppealCategory = z.infer<typeof appealCategorySchema>;
export const appealCategoryLabels: Readonly<Record<AppealCategory, string>> = {
  financing: '融资',
  labour: '用工',
  land: '用地',
  approval: '审批',
  policy: '政策兑现',
  logistics: '物流',
  utilities: '水电气暖',
  legal: '法律',
  other: '其他',
};

export const APPEAL_SOURCES = ['enterprise', 'visit', 'hotline'] as const;
export const appealSourceSchema = z.enum(APPEAL_SOURCES, '诉求来源须为企业自主提交、走访收集或热线转办');
export type AppealSource = z.infer<typeof appealSourceSchema>;
export const appealSourceLabels: Readonly<Record<AppealSource, string>> = { enterprise: '企业自主提交', visit: '走访收集', hotline: '热线转办' };

export const APPEAL_STATUSES = ['registered', 'assigned', 'objected', 'in_progress', 'resolution_reported', 'rated', 'closed'] as const;
export const appealStatusSchema = z.enum(APPEAL_STATUSES, '诉求状态不在可选范围内');
export type AppealStatus = z.infer<typeof appealStatusSchema>;
export const appealStatusLabels: Readonly<Record<AppealStatus, string>> = {
  registered: '登记',
  assigned: '交办',
  objected: '异议退回',
  in_progress: '办理中',
  resolution_reported: '申请办结',
  rated: '回访评价',
  closed: '销号',
};
export const appealStatusTags: Readonly<Record<AppealStatus, 'primary' | 'success' | 'warning' | 'danger' | 'info'>> = {
  registered: 'info',
  assigned: 'primary',
  objected: 'warning',
  in_progress: 'primary',
  resolution_reported: 'warning',
  rated: 'success',
  closed: 'success',
};

/** The national five levels, best first. */
export const SATISFACTION_LEVELS = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'] as const;
export const satisfactionSchema = z.enum(SATISFACTION_LEVELS, '满意度须为非常满意、满意、基本满意、不满意或非常不满意');
export type Satisfaction = z.infer<typeof satisfactionSchema>;
export const satisfactionLabels: Readonly<Record<Satisfaction, string>> = {
  very_satisfied: '非常满意',
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
  very_dissatisfied: '非常不满意',
};
/** 满意率 counts these; 不满意 or worse reopens the appeal (重办). */
export const isSatisfied = (level: Satisfaction): boolean => SATISFACTION_LEVELS.indexOf(level) <= 2;

export const ESCALATION_TARGETS = ['city_office', 'joint_consultation'] as const;
export const escalationTargetSchema = z.enum(ESCALATION_TARGETS, '升级去向须为市营商办或联席会商');
export type EscalationTarget = z.infer<typeof escalationTargetSchema>;
export const escalationTargetLabels: Readonly<Record<EscalationTarget, string>> = { city_office: '提级市营商办', joint_consultation: '联席会商' };

export const FOLLOW_UP_METHODS = ['call', 'visit'] as const;
export const followUpMethodSchema = z.enum(FOLLOW_UP_METHODS, '回访方式须为电话或上门');
export const followUpMethodLabels: Readonly<Record<(typeof FOLLOW_UP_METHODS)[number], string>> = { call: '电话回访', visit: '上门回访' };

// ---------------------------------------------------------------------------------------------------------------
// Appeals: the state machine

export const APPEAL_ACTIONS = [
  'assign',
  'object',
  'reroute',
  'accept',
  'report_progress',
  'request_extension',
  'approve_extension',
  'reject_extension',
  'report_resolution',
  'follow_up',
  'rate',
  'close',
  'escalate',
] as const;
export const appealActionSchema = z.enum(APPEAL_ACTIONS);
export type AppealAction = z.infer<typeof appealActionSchema>;
export const appealActionLabels: Readonly<Record<AppealAction, string>> = {
  assign: '交办',
  object: '异议退回',
  reroute: '重新交办',
  accept: '签收办理',
  report_progress: '反馈进展',
  request_extension: '申请延期',
  approve_extension: '同意延期',
  reject_extension: '驳回延期',
  report_resolution: '申请办结',
  follow_up: '回访',
  rate: '评价',
  close: '销号',
  escalate: '升级',
};

export interface AppealTransition {
  /** States it may be taken from. */
  readonly from: readonly AppealStatus[];
  /** The state it leads to; `null` keeps the state (an event on the timeline only). `rate` depends on the level. */
  readonly to: AppealStatus | null;
  readonly permission: Permission;
  /** Only a user of the appeal's own enterprise may take it. */
  readonly enterpriseOnly?: boolean;
}

/**
 * DOMAIN.md's appeal life cycle as data: 登记 → 交办 → 办理中 → 申请办结 → 回访评价 → 销号, with 异议退回 (object within
 * the objection window, then re-route), 延期 (request before the deadline, then approve or reject), 重办 (a rating of
 * 不满意 or worse sends it back to 办理中) and 升级. Overdue is flagged by the scheduler, not an action.
 */
export const APPEAL_TRANSITIONS: Readonly<Record<AppealAction, AppealTransition>> = {
  assign: { from: ['registered'], to: 'assigned', permission: 'enterprise:appeal:assign' },
  object: { from: ['assigned'], to: 'objected', permission: 'enterprise:appeal:handle' },
  reroute: { from: ['objected'], to: 'assigned', permission: 'enterprise:appeal:assign' },
  accept: { from: ['assigned'], to: 'in_progress', permission: 'enterprise:appeal:handle' },
  report_progress: { from: ['in_progress'], to: null, permission: 'enterprise:appeal:handle' },
  request_extension: { from: ['in_progress'], to: null, permission: 'enterprise:appeal:handle' },
  approve_extension: { from: ['in_progress'], to: null, permission: 'enterprise:appeal:extend' },
  reject_extension: { from: ['in_progress'], to: null, permission: 'enterprise:appeal:extend' },
  report_resolution: { from: ['in_progress'], to: 'resolution_reported', permission: 'enterprise:appeal:handle' },
  follow_up: { from: ['resolution_reported', 'rated'], to: null, permission: 'enterprise:appeal:follow_up' },
  rate: { from: ['resolution_reported'], to: 'rated', permission: 'enterprise:appeal:rate', enterpriseOnly: true },
  close: { from: ['rated'], to: 'closed', permission: 'enterprise:appeal:close' },
  escalate: {
    from: ['registered', 'assigned', 'objected', 'in_progress', 'resolution_reported'],
    to: null,
    permission: 'enterprise:appeal:escalate',
  },
};

/** What the state machine needs to know beyond the state; the service fills the date windows from the calendar. */
export interface AppealActionContext {
  status: AppealStatus;
  permissions: ReadonlySet<string> | readonly string[];
  /** The caller is a user of this appeal's enterprise. */
  ownEnterprise: boolean;
  extensionPending: boolean;
  escalated: boolean;
  followedUp: boolean;
  /** Today is within the objection window after assignment. */
  objectionOpen: boolean;
  /** Today is at least one working day before the deadline. */
  extensionOpen: boolean;
}

export type ActionRefusal = 'state' | 'permission' | 'not_own_enterprise' | 'window' | 'pending' | 'done';

/** Why an action is refused now, or null when it is allowed. */
export function appealActionRefusal(action: AppealAction, ctx: AppealActionContext): ActionRefusal | null {
  const t = APPEAL_TRANSITIONS[action];
  const has = (p: string) => (Array.isArray(ctx.permissions) ? ctx.permissions.includes(p) : (ctx.permissions as ReadonlySet<string>).has(p));
  if (!t.from.includes(ctx.status)) return 'state';
  if (!has(t.permission)) return 'permission';
  if (t.enterpriseOnly && !ctx.ownEnterprise) return 'not_own_enterprise';
  switch (action) {
    case 'object':
      return ctx.objectionOpen ? null : 'window';
    case 'request_extension':
      if (ctx.extensionPending) return 'pending';
      return ctx.extensionOpen ? null : 'window';
    case 'approve_extension':
    case 'reject_extension':
      return ctx.extensionPending ? null : 'pending';
    case 'escalate':
      return ctx.escalated ? 'done' : null;
    case 'follow_up':
      return ctx.followedUp ? 'done' : null;
    default:
      return null;
  }
}

export function allowedAppealActions(ctx: AppealActionContext): AppealAction[] {
  return APPEAL_ACTIONS.filter((a) => appealActionRefusal(a, ctx) === null);
}

// ---------------------------------------------------------------------------------------------------------------
// Time limits

export const timeLimitGradeSchema = z.object({
  code: z.string().trim().regex(/^[A-Za-z0-9_]{1,20}$/, '等级代码只能包含字母、数字和下划线'),
  label: requiredText(20, '等级名称'),
  days: z.number('时限须为数字').int('时限须为整数').min(1, '时限至少 1 个工作日').max(365, '时限不超过 365 个工作日'),
});
export type TimeLimitGrade = z.infer<typeof timeLimitGradeSchema>;

export const timeLimitSettingsSchema = z
  .object({
    preset: z.string().trim().min(1).max(40),
    /** 交办 within this many working days of registration. */
    assignDays: z.number().int().min(0).max(30),
    /** The unit may object within this many working days of assignment. */
    objectDays: z.number().int().min(0).max(30),
    /** The first progress report is due this many working days after acceptance. */
    progressDays: z.number().int().min(0).max(30),
    grades: z
      .array(timeLimitGradeSchema)
      .min(1, '至少一个时限等级')
      .max(10, '时限等级最多 10 个')
      .refine((g) => new Set(g.map((x) => x.code)).size === g.length, '时限等级代码不能重复'),
    /** Overdue this many working days → escalated automatically; null: never automatically. */
    escalateAfterDays: z.number().int().min(0).max(60).nullable(),
    escalateTo: escalationTargetSchema,
  })
  .meta({ id: 'TimeLimitSettings' });
export type TimeLimitSettings = z.infer<typeof timeLimitSettingsSchema>;

/** Presets from the cities that publish theirs. Jiaozuo's 13710 and Xuchang's C/B/A grades. */
export const TIME_LIMIT_PRESETS: Readonly<Record<'jiaozuo_13710' | 'xuchang_cba', TimeLimitSettings>> = {
  jiaozuo_13710: {
    preset: 'jiaozuo_13710',
    assignDays: 1,
    objectDays: 1,
    progressDays: 3,
    grades: [
      { code: 'general', label: '一般诉求（7个工作日）', days: 7 },
      { code: 'complex', label: '复杂诉求（30个工作日）', days: 30 },
    ],
    escalateAfterDays: 3,
    escalateTo: 'city_office',
  },
  xuchang_cba: {
    preset: 'xuchang_cba',
    assignDays: 1,
    objectDays: 1,
    progressDays: 3,
    grades: [
      { code: 'C', label: 'C类（5个工作日）', days: 5 },
      { code: 'B', label: 'B类（15个工作日）', days: 15 },
      { code: 'A', label: 'A类（30个工作日）', days: 30 },
    ],
    escalateAfterDays: 5,
    escalateTo: 'joint_consultation',
  },
};
export const DEFAULT_TIME_LIMITS = TIME_LIMIT_PRESETS.jiaozuo_13710;

export const updateTimeLimitsRequest = timeLimitSettingsSchema.strict().meta({ id: 'UpdateTimeLimitsRequest' });

// ---------------------------------------------------------------------------------------------------------------
// Appeals: requests and records

export const createAppealRequest = z
  .object({
    /** Enterprise users may leave it out: their own enterprise is taken. */
    enterpriseId: uuid('企业编号').optional(),
    category: appealCategorySchema,
    title: requiredText(100, '诉求标题'),
    description: requiredText(4000, '诉求内容'),
    source: appealSourceSchema.optional(),
    visitId: uuid('走访记录编号').nullable().optional(),
    /** A grade of the tenant's time-limit settings; defaults to the first (shortest) one. */
    grade: z.string().trim().max(20, '时限等级代码过长').optional(),
  })
  .strict()
  .meta({ id: 'CreateAppealRequest' });
export type CreateAppealRequest = z.input<typeof createAppealRequest>;

const note = optionalText(2000, '说明');

export const appealActionRequests = {
  assign: z
    .object({
      assignedUnit: requiredText(100, '责任单位'),
      assignedDepartmentId: uuid('责任单位编号').nullable().optional(),
      coUnits: z.array(requiredText(100, '协办单位')).max(10, '协办单位最多 10 个').optional(),
      grade: z.string().trim().max(20, '时限等级代码过长').optional(),
      note,
    })
    .strict(),
  object: z.object({ reason: requiredText(1000, '退回理由') }).strict(),
  reroute: z
    .object({
      assignedUnit: requiredText(100, '责任单位'),
      assignedDepartmentId: uuid('责任单位编号').nullable().optional(),
      coUnits: z.array(requiredText(100, '协办单位')).max(10, '协办单位最多 10 个').optional(),
      note,
    })
    .strict(),
  accept: z.object({ note }).strict(),
  report_progress: z.object({ progress: requiredText(2000, '办理进展') }).strict(),
  request_extension: z
    .object({
      days: z.number('延期天数须为数字').int('延期天数须为整数').min(1, '延期至少 1 个工作日').max(90, '延期不超过 90 个工作日'),
      reason: requiredText(1000, '延期理由'),
    })
    .strict(),
  approve_extension: z.object({ note }).strict(),
  reject_extension: z.object({ reason: requiredText(1000, '驳回理由') }).strict(),
  report_resolution: z
    .object({
      resolution: requiredText(4000, '办理结果'),
      /** 已解决, or only explained (政策解释、依法不能解决). */
      solved: z.boolean('是否解决须为 true 或 false'),
    })
    .strict(),
  follow_up: z.object({ method: followUpMethodSchema, note }).strict(),
  rate: z.object({ rating: satisfactionSchema, comment: optionalText(1000, '评价意见') }).strict(),
  close: z.object({ note }).strict(),
  escalate: z.object({ to: escalationTargetSchema, reason: requiredText(1000, '升级理由') }).strict(),
} as const satisfies Record<AppealAction, z.ZodType>;
export type AppealActionRequest<A extends AppealAction> = z.input<(typeof appealActionRequests)[A]>;

export const appealEventSchema = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    label: z.string(),
    fromStatus: appealStatusSchema.nullable(),
    toStatus: appealStatusSchema.nullable(),
    onDate: z.string(),
    at: instant,
    actorName: z.string().nullable(),
    note: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'AppealEvent' });
export type AppealEvent = z.infer<typeof appealEventSchema>;

/** Timeline event kinds: the actions, plus what the system records. */
export const appealEventLabels: Readonly<Record<string, string>> = {
  register: '登记',
  ...appealActionLabels,
  redo: '不满意重办',
  overdue: '逾期',
  auto_escalate: '逾期自动升级',
};

export const extensionSchema = z.object({
  id: z.uuid(),
  days: z.number().int(),
  reason: z.string(),
  requestedOn: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  decidedOn: z.string().nullable(),
  decisionNote: z.string().nullable(),
  previousDeadline: z.string(),
  newDeadline: z.string().nullable(),
});

export const appealSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    enterpriseId: z.uuid(),
    enterpriseName: z.string(),
    category: appealCategorySchema,
    title: z.string(),
    description: z.string(),
    source: appealSourceSchema,
    visitId: z.uuid().nullable(),
    grade: z.string(),
    gradeLabel: z.string(),
    timeLimitDays: z.number().int(),
    status: appealStatusSchema,
    registeredOn: z.string(),
    assignedDepartmentId: z.uuid().nullable(),
    assignedUnit: z.string().nullable(),
    coUnits: z.array(z.string()),
    assignedOn: z.string().nullable(),
    /** Before assignment: the day it must be assigned by; after: the day it must be solved by. */
    deadline: z.string(),
    /** Working days left to the deadline (negative once past); null when closed. */
    workdaysLeft: z.number().int().nullable(),
    acceptedOn: z.string().nullable(),
    resolvedOn: z.string().nullable(),
    resolution: z.string().nullable(),
    solved: z.boolean().nullable(),
    followedUpOn: z.string().nullable(),
    followUpMethod: followUpMethodSchema.nullable(),
    rating: satisfactionSchema.nullable(),
    ratedOn: z.string().nullable(),
    redoCount: z.number().int(),
    closedOn: z.string().nullable(),
    closedOnTime: z.boolean().nullable(),
    closeWorkdays: z.number().int().nullable(),
    overdue: z.boolean(),
    overdueSince: z.string().nullable(),
    escalated: z.boolean(),
    escalatedTo: escalationTargetSchema.nullable(),
    extensionPending: z.boolean(),
    /** What the caller may do now: the UI shows these actions and no others. */
    allowedActions: z.array(appealActionSchema),
    createdByName: z.string().nullable(),
    version: z.number().int(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Appeal' });
export type Appeal = z.infer<typeof appealSchema>;

export const appealDetailSchema = appealSchema
  .extend({ timeline: z.array(appealEventSchema), extensions: z.array(extensionSchema) })
  .meta({ id: 'AppealDetail' });
export type AppealDetail = z.infer<typeof appealDetailSchema>;

const bool = z.enum(['true', 'false'], '取值须为 true 或 false').optional();
export const appealListQuery = z.object({
  limit: limitQuery,
  cursor: z.string().max(400, '翻页游标无效').optional(),
  q: z.string().trim().max(50, '关键词不能超过 50 个字').optional(),
  status: appealStatusSchema.optional(),
  /** `open`: anything not closed. */
  state: z.enum(['open', 'closed'], '取值须为 open 或 closed').optional(),
  category: appealCategorySchema.optional(),
  enterpriseId: uuid('企业编号').optional(),
  assignedUnit: z.string().trim().max(100).optional(),
  overdue: bool,
  escalated: bool,
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export type AppealListQuery = z.output<typeof appealListQuery>;

export const appealPage = z
  .object({ items: z.array(appealSchema), nextCursor: z.string().nullable(), total: z.number().int() })
  .meta({ id: 'AppealPage' });

/** The appeal ledger's column headings (Excel export). */
export const APPEAL_LEDGER_COLUMNS = {
  code: '诉求编号',
  enterprise: '企业名称',
  uscc: '统一社会信用代码',
  category: '诉求类别',
  title: '诉求标题',
  description: '诉求内容',
  source: '诉求来源',
  grade: '时限等级',
  registeredOn: '登记日期',
  assignedUnit: '责任单位',
  coUnits: '协办单位',
  assignedOn: '交办日期',
  deadline: '办结时限',
  status: '办理状态',
  overdue: '是否逾期',
  escalated: '是否升级',
  resolvedOn: '申请办结日期',
  resolution: '办理结果',
  solved: '是否解决',
  followedUpOn: '回访日期',
  rating: '满意度',
  closedOn: '销号日期',
  closedOnTime: '是否按时办结',
  closeWorkdays: '办理用时（工作日）',
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Figures

export const appealFiguresSchema = z.object({
  received: z.number().int(),
  closed: z.number().int(),
  closedOnTime: z.number().int(),
  solved: z.number().int(),
  rated: z.number().int(),
  satisfied: z.number().int(),
  followedUp: z.number().int(),
  overdue: z.number().int(),
  open: z.number().int(),
  /** 办结率 = closed ÷ received. */
  closeRate: rate,
  /** 按时办结率 = closed on time ÷ closed. */
  onTimeRate: rate,
  /** 解决率 = solved ÷ closed. */
  solveRate: rate,
  /** 满意率 = (非常满意 + 满意 + 基本满意) ÷ rated. */
  satisfactionRate: rate,
  /** 回访率 = followed up ÷ closed. */
  followUpRate: rate,
  /** Average working days from registration to closure. */
  avgCloseWorkdays: z.number().nullable(),
});
export type AppealFigures = z.infer<typeof appealFiguresSchema>;

export const appealStatisticsQuery = z.object({
  from: monthSchema.optional(),
  to: monthSchema.optional(),
});
export const appealStatistics = z
  .object({
    from: z.string(),
    to: z.string(),
    totals: appealFiguresSchema,
    byUnit: z.array(appealFiguresSchema.extend({ key: z.string(), label: z.string() })),
    byCategory: z.array(appealFiguresSchema.extend({ key: z.string(), label: z.string() })),
    byMonth: z.array(appealFiguresSchema.extend({ key: z.string(), label: z.string() })),
    enterprises: z.number().int(),
    visits: z.number().int(),
    benefits: z.object({ matched: z.number().int(), confirmed: z.number().int(), paid: z.number().int() }),
  })
  .meta({ id: 'AppealStatistics' });
export type AppealStatistics = z.infer<typeof appealStatistics>;

// ---------------------------------------------------------------------------------------------------------------
// Policies and criteria (免申即享)

export type CriterionFieldKind = 'number' | 'money' | 'percent' | 'boolean' | 'set' | 'tags' | 'declaration';
export interface CriterionFieldInfo {
  readonly label: string;
  readonly kind: CriterionFieldKind;
  readonly unit?: string;
  /** The allowed values of set and tag fields. */
  readonly values?: readonly string[];
}

/** The enterprise data a criterion may test. Anything else is refused, naming the field. */
export const CRITERION_FIELDS = {
  division: { label: '所在区县', kind: 'set' },
  industry: { label: '所属行业', kind: 'set', values: Object.keys(INDUSTRY_SECTIONS) },
  size: { label: '企业规模', kind: 'set', values: ENTERPRISE_SIZES },
  aboveThreshold: { label: '规上企业', kind: 'boolean' },
  certifications: { label: '资质认定', kind: 'tags', values: CERTIFICATIONS },
  revenue: { label: '营业收入', kind: 'money', unit: '万元' },
  tax: { label: '纳税额', kind: 'money', unit: '万元' },
  rdSpending: { label: '研发投入', kind: 'money', unit: '万元' },
  rdRatio: { label: '研发投入占比', kind: 'percent', unit: '%' },
  headcount: { label: '从业人数', kind: 'number', unit: '人' },
  insuredHeadcount: { label: '参保人数', kind: 'number', unit: '人' },
  yearsSinceFounding: { label: '成立年限', kind: 'number', unit: '年' },
  /** Something only the enterprise can state (无重大安全事故 …): never decided by data → 快申快享. */
  declaration: { label: '企业承诺事项', kind: 'declaration' },
} as const satisfies Record<string, CriterionFieldInfo>;
export type CriterionField = keyof typeof CRITERION_FIELDS;

export const CRITERION_OPS = {
  number: ['gte', 'gt', 'lte', 'lt', 'eq', 'between'],
  money: ['gte', 'gt', 'lte', 'lt', 'eq', 'between'],
  percent: ['gte', 'gt', 'lte', 'lt', 'between'],
  boolean: ['is'],
  set: ['in', 'not_in'],
  tags: ['has', 'has_any', 'has_all'],
  declaration: ['declared'],
} as const satisfies Record<CriterionFieldKind, readonly string[]>;
export const criterionOpLabels: Readonly<Record<string, string>> = {
  gte: '≥',
  gt: '>',
  lte: '≤',
  lt: '<',
  eq: '=',
  between: '介于',
  is: '为',
  in: '属于',
  not_in: '不属于',
  has: '具有',
  has_any: '具有其一',
  has_all: '全部具有',
  declared: '企业承诺',
};

export interface Criterion {
  field: string;
  op: string;
  value?: unknown;
  /** Shown instead of the generated wording. */
  label?: string;
}
export interface CriterionGroup {
  /** Any one of these holds. */
  any: Criterion[];
  label?: string;
}
export type CriteriaItem = Criterion | CriterionGroup;

/** Problems with a criterion, each naming where it is (`criteria.2.field`) and what is wrong. */
export function criterionProblems(item: unknown, path: string): { field: string; message: string }[] {
  if (typeof item !== 'object' || item === null) return [{ field: path, message: '条件须为对象' }];
  const record = item as Record<string, unknown>;
  if ('any' in record) {
    if (!Array.isArray(record.any) || record.any.length === 0) return [{ field: `${path}.any`, message: '“满足其一”须至少包含一个条件' }];
    return record.any.flatMap((sub, i) => ('any' in (sub as object) ? [{ field: `${path}.any.${i}`, message: '条件组不能再嵌套' }] : criterionProblems(sub, `${path}.any.${i}`)));
  }
  const field = record.field;
  if (typeof field !== 'string' || !(field in CRITERION_FIELDS)) {
    return [{ field: `${path}.field`, message: `未知的条件字段“${String(field)}”，可用字段：${Object.keys(CRITERION_FIELDS).join('、')}` }];
  }
  const info: CriterionFieldInfo = CRITERION_FIELDS[field as CriterionField];
  const ops = CRITERION_OPS[info.kind] as readonly string[];
  if (typeof record.op !== 'string' || !ops.includes(record.op)) {
    return [{ field: `${path}.op`, message: `字段“${info.label}”不支持比较方式“${String(record.op)}”，可用：${ops.join('、')}` }];
  }
  const value = record.value;
  const at = `${path}.value`;
  const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  switch (info.kind) {
    case 'number':
    case 'money':
    case 'percent':
      if (record.op === 'between') {
        if (!Array.isArray(value) || value.length !== 2 || !value.every(isNum) || (value[0] as number) > (value[1] as number)) {
          return [{ field: at, message: `“${info.label}”介于条件须为 [下限, 上限] 两个非负数` }];
        }
      } else if (!isNum(value)) return [{ field: at, message: `“${info.label}”的比较值须为非负数` }];
      return [];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [{ field: at, message: `“${info.label}”的取值须为 true 或 false` }];
    case 'set':
    case 'tags': {
      const list = record.op === 'has' ? [value] : value;
      if (!Array.isArray(list) || list.length === 0 || !list.every((v) => typeof v === 'string')) {
        return [{ field: at, message: `“${info.label}”的取值须为非空的代码列表` }];
      }
      const unknown = info.values ? list.filter((v) => !info.values!.includes(v as string)) : [];
      return unknown.length ? [{ field: at, message: `“${info.label}”没有取值：${unknown.join('、')}` }] : [];
    }
    case 'declaration':
      return typeof value === 'string' && value.trim().length > 0 && value.length <= 200
        ? []
        : [{ field: at, message: '企业承诺事项须为不超过 200 字的文字' }];
  }
}

/** The criteria of a policy: every item must hold; an item may be a group of which any one holds. */
export const criteriaSchema = z
  .array(z.record(z.string(), z.unknown()), '准入条件须为条件列表')
  .max(30, '准入条件最多 30 条')
  .superRefine((items, ctx) => {
    items.forEach((item, i) => {
      for (const p of criterionProblems(item, String(i))) {
        ctx.addIssue({ code: 'custom', message: p.message, path: p.field.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)) });
      }
    });
  })
  .transform((items) => items as unknown as CriteriaItem[])
  .meta({
    description: '准入条件（全部满足）；{"any": [...]} 为满足其一的条件组',
    examples: [[{ field: 'aboveThreshold', op: 'is', value: true }, { field: 'rdRatio', op: 'gte', value: 5 }]],
  });

export const POLICY_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export const policyStatusSchema = z.enum(POLICY_STATUSES);
export const policyStatusLabels: Readonly<Record<(typeof POLICY_STATUSES)[number], string>> = { draft: '草稿', published: '已发布', withdrawn: '已撤回' };

const policyFields = {
  title: requiredText(200, '政策名称'),
  issuer: requiredText(100, '发文单位'),
  docNumber: requiredText(60, '文号'),
  benefit: requiredText(2000, '支持内容'),
  benefitAmount: moneySchema.nullable().optional(),
  paymentDeadline: isoDateSchema.nullable().optional(),
  criteria: criteriaSchema,
};
export const createPolicyRequest = z.object(policyFields).strict().meta({ id: 'CreatePolicyRequest' });
export type CreatePolicyRequest = z.input<typeof createPolicyRequest>;
export const updatePolicyRequest = z
  .object(Object.fromEntries(Object.entries(policyFields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof policyFields]: z.ZodOptional<(typeof policyFields)[K]>;
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, '请至少修改一项')
  .meta({ id: 'UpdatePolicyRequest' });
export const previewCriteriaRequest = z.object({ criteria: criteriaSchema }).strict().meta({ id: 'PreviewCriteriaRequest' });

export const policySchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    issuer: z.string(),
    docNumber: z.string(),
    benefit: z.string(),
    benefitAmount: moneyOut.nullable(),
    paymentDeadline: z.string().nullable(),
    criteria: z.array(z.record(z.string(), z.unknown())),
    /** The criteria in words, one line each. */
    criteriaText: z.array(z.string()),
    status: policyStatusSchema,
    publishedOn: z.string().nullable(),
    matches: z.object({ matched: z.number().int(), notified: z.number().int(), confirmed: z.number().int(), paid: z.number().int() }),
    version: z.number().int(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Policy' });
export type Policy = z.infer<typeof policySchema>;
export const policyList = z.object({ items: z.array(policySchema) }).meta({ id: 'PolicyList' });

export const CRITERION_OUTCOMES = ['pass', 'fail', 'unknown'] as const;
export type CriterionOutcome = (typeof CRITERION_OUTCOMES)[number];
export const criterionResultSchema = z.object({
  field: z.string(),
  label: z.string(),
  outcome: z.enum(CRITERION_OUTCOMES),
  /** e.g. "研发投入占比 6.1% ≥ 5% ✓". */
  text: z.string(),
});
export type CriterionResult = z.infer<typeof criterionResultSchema>;

export const VERDICTS = ['eligible', 'ineligible', 'undecided'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const verdictLabels: Readonly<Record<Verdict, string>> = { eligible: '符合（免申即享）', ineligible: '不符合', undecided: '待企业确认（快申快享）' };
export const evaluationSchema = z.object({
  verdict: z.enum(VERDICTS),
  results: z.array(criterionResultSchema),
  /** One line: "符合：规上 ✓，专精特新 ✓，研发投入占比 6.1% ≥ 5% ✓". */
  summary: z.string(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const matchPreview = z
  .object({
    evaluated: z.number().int(),
    eligible: z.number().int(),
    undecided: z.number().int(),
    items: z.array(z.object({ enterpriseId: z.uuid(), enterpriseName: z.string(), uscc: z.string(), evaluation: evaluationSchema })),
  })
  .meta({ id: 'MatchPreview' });
export type MatchPreview = z.infer<typeof matchPreview>;

export const MATCH_STATUSES = ['matched', 'notified', 'confirmed', 'paid'] as const;
export const matchStatusSchema = z.enum(MATCH_STATUSES, '兑现状态须为已匹配、已通知、已确认或已兑付');
export type MatchStatus = z.infer<typeof matchStatusSchema>;
export const matchStatusLabels: Readonly<Record<MatchStatus, string>> = { matched: '已匹配', notified: '已通知', confirmed: '企业已确认', paid: '已兑付' };
export const matchModeLabels = { automatic: '免申即享', quick_application: '快申快享' } as const;

export const matchSchema = z
  .object({
    id: z.uuid(),
    policyId: z.uuid(),
    policyTitle: z.string(),
    docNumber: z.string(),
    benefit: z.string(),
    enterpriseId: z.uuid(),
    enterpriseName: z.string(),
    mode: z.enum(['automatic', 'quick_application']),
    status: matchStatusSchema,
    evaluation: evaluationSchema,
    amount: moneyOut.nullable(),
    paymentDeadline: z.string().nullable(),
    matchedOn: z.string(),
    notifiedOn: z.string().nullable(),
    confirmedOn: z.string().nullable(),
    paidOn: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'PolicyMatch' });
export type PolicyMatch = z.infer<typeof matchSchema>;
export const matchListQuery = z.object({
  policyId: uuid('政策编号').optional(),
  enterpriseId: uuid('企业编号').optional(),
  status: matchStatusSchema.optional(),
});
export const matchList = z.object({ items: z.array(matchSchema) }).meta({ id: 'PolicyMatchList' });
export const publishResult = z
  .object({ policy: policySchema, created: z.number().int(), automatic: z.number().int(), quickApplication: z.number().int() })
  .meta({ id: 'PublishPolicyResult' });
export const advanceMatchRequest = z.object({ to: z.enum(['notified', 'paid'], '只能推进到已通知或已兑付') }).strict().meta({ id: 'AdvanceMatchRequest' });

// ---------------------------------------------------------------------------------------------------------------
// Enterprise file (一企一档)

export const enterpriseFileSchema = z
  .object({
    enterprise: enterpriseSchema,
    pairings: z.array(pairingSchema),
    visits: z.array(visitSchema),
    appeals: z.array(appealSchema),
    matches: z.array(matchSchema),
  })
  .meta({ id: 'EnterpriseFile' });
export type EnterpriseFile = z.infer<typeof enterpriseFileSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Parks (小微企业园)

export const PARK_STAGES = ['planning', 'constructing', 'operating'] as const;
export const parkStageSchema = z.enum(PARK_STAGES, '园区阶段须为规划、在建或运营');
export type ParkStage = z.infer<typeof parkStageSchema>;
export const parkStageLabels: Readonly<Record<ParkStage, string>> = { planning: '规划', constructing: '在建', operating: '运营' };

const areaSchema = moneySchema.meta({ description: '面积（平方米），非负，最多两位小数' });
const parkFields = {
  name: requiredText(100, '园区名称'),
  address: optionalText(200, '地址'),
  operator: optionalText(100, '运营主体'),
  plannedArea: areaSchema,
  builtArea: areaSchema.optional(),
  occupiedArea: areaSchema.optional(),
  investment: moneySchema.optional(),
  stage: parkStageSchema,
  enterprisesSettled: count('入驻企业数').optional(),
};
export const createParkRequest = z.object(parkFields).strict().meta({ id: 'CreateParkRequest' });
export type CreateParkRequest = z.input<typeof createParkRequest>;
export const updateParkRequest = z
  .object(Object.fromEntries(Object.entries(parkFields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof parkFields]: z.ZodOptional<(typeof parkFields)[K]>;
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, '请至少修改一项')
  .meta({ id: 'UpdateParkRequest' });

export const parkSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    address: z.string().nullable(),
    operator: z.string().nullable(),
    plannedArea: moneyOut,
    builtArea: moneyOut,
    occupiedArea: moneyOut,
    investment: moneyOut,
    stage: parkStageSchema,
    enterprisesSettled: z.number().int(),
    /** Enterprises with a file here that name this park. */
    enterprisesOnFile: z.number().int(),
    /** 入驻率 = occupied ÷ built floor area. */
    occupancyRate: rate,
    /** 建成率 = built ÷ planned floor area. */
    completionRate: rate,
    version: z.number().int(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Park' });
export type Park = z.infer<typeof parkSchema>;
export const parkList = z
  .object({
    items: z.array(parkSchema),
    totals: z.object({
      parks: z.number().int(),
      plannedArea: moneyOut,
      builtArea: moneyOut,
      occupiedArea: moneyOut,
      investment: moneyOut,
      enterprisesSettled: z.number().int(),
      occupancyRate: rate,
    }),
  })
  .meta({ id: 'ParkList' });

// ---------------------------------------------------------------------------------------------------------------
// Me (the enterprise user's own view)

export const meSchema = z
  .object({
    /** The enterprise the caller speaks for, when they are an enterprise user. */
    enterpriseId: z.uuid().nullable(),
    enterpriseName: z.string().nullable(),
    timeLimits: timeLimitSettingsSchema,
  })
  .meta({ id: 'EnterpriseMe' });

// ---------------------------------------------------------------------------------------------------------------
// The rules engine

/**
 * The one rules engine of 免申即享: a policy's criteria are data (validated by the contracts' criteria schema), and
 * this evaluates them against an enterprise's file and says why for each one. Pure: no I/O, no clock but the one
 * handed in. A criterion the data cannot decide (a missing figure, a declaration only the enterprise can make) is
 * `unknown`, and a policy with unknowns and no failures falls back to a quick application (快申快享).
 */

export interface EnterpriseFacts {
  /** The tenant's statistical division code. */
  division: string | null;
  industry: string;
  size: string;
  aboveThreshold: boolean;
  certifications: readonly string[];
  /** 万元 as decimal strings, as the database gives them. */
  revenue: string | null;
  tax: string | null;
  rdSpending: string | null;
  headcount: number | null;
  insuredHeadcount: number | null;
  foundedOn: string | null;
}

const valueLabel = (field: CriterionField, v: unknown): string => {
  const s = String(v);
  if (field === 'industry') return `${s}（${INDUSTRY_SECTIONS[s as keyof typeof INDUSTRY_SECTIONS] ?? s}）`;
  if (field === 'size') return enterpriseSizeLabels[s as keyof typeof enterpriseSizeLabels] ?? s;
  if (field === 'certifications') return certificationLabels[s as keyof typeof certificationLabels] ?? s;
  return s;
};

const fmt = (n: number, digits = 2) => {
  const fixed = n.toFixed(digits);
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
};

/** Whole years from founding to `today` (a birthday rule: the anniversary day completes the year). */
export function yearsBetween(from: string, today: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}

function actual(field: CriterionField, facts: EnterpriseFacts, today: string): number | string | boolean | readonly string[] | null {
  switch (field) {
    case 'division':
      return facts.division;
    case 'industry':
      return facts.industry;
    case 'size':
      return facts.size;
    case 'aboveThreshold':
      return facts.aboveThreshold;
    case 'certifications':
      return facts.certifications;
    case 'revenue':
    case 'tax':
    case 'rdSpending': {
      const v = facts[field];
      return v === null ? null : Number(v);
    }
    case 'rdRatio': {
      if (facts.rdSpending === null || facts.revenue === null || Number(facts.revenue) <= 0) return null;
      return (Number(facts.rdSpending) / Number(facts.revenue)) * 100;
    }
    case 'headcount':
    case 'insuredHeadcount':
      return facts[field];
    case 'yearsSinceFounding':
      return facts.foundedOn === null ? null : yearsBetween(facts.foundedOn, today);
    case 'declaration':
      return null;
  }
}

const NUMERIC: Record<string, (a: number, b: number) => boolean> = {
  gte: (a, b) => a >= b,
  gt: (a, b) => a > b,
  lte: (a, b) => a <= b,
  lt: (a, b) => a < b,
  eq: (a, b) => Math.abs(a - b) < 1e-9,
};

const mark = (outcome: CriterionResult['outcome']) => (outcome === 'pass' ? '✓' : outcome === 'fail' ? '✗' : '？');

/** The criterion in words, without a verdict: "研发投入占比 ≥ 5%". */
export function describeCriterion(c: Criterion): string {
  if (c.label) return c.label;
  const info = CRITERION_FIELDS[c.field as CriterionField];
  const unit = info && 'unit' in info ? info.unit : '';
  const op = criterionOpLabels[c.op] ?? c.op;
  switch (info?.kind) {
    case 'boolean':
      return c.value ? info.label : `非${info.label}`;
    case 'declaration':
      return `企业承诺：${String(c.value)}`;
    case 'set':
    case 'tags': {
      const list = (Array.isArray(c.value) ? c.value : [c.value]).map((v) => valueLabel(c.field as CriterionField, v));
      if (c.field === 'certifications' && c.op === 'has') return list[0]!;
      return `${info.label}${op} ${list.join('、')}`;
    }
    default: {
      if (c.op === 'between' && Array.isArray(c.value)) return `${info?.label ?? c.field} ${c.value[0]}–${c.value[1]}${unit}`;
      return `${info?.label ?? c.field} ${op} ${String(c.value)}${unit}`;
    }
  }
}

function evaluateOne(c: Criterion, facts: EnterpriseFacts, today: string): CriterionResult {
  const field = c.field as CriterionField;
  const info = CRITERION_FIELDS[field];
  const label = info.label;
  const a = actual(field, facts, today);
  const unit = 'unit' in info ? info.unit : '';
  const done = (outcome: CriterionResult['outcome'], text: string): CriterionResult => ({ field, label, outcome, text: `${text} ${mark(outcome)}` });

  if (info.kind === 'declaration') return done('unknown', `${describeCriterion(c)}（需企业确认）`);
  if (a === null || a === undefined) return done('unknown', `${describeCriterion(c)}（缺少${label}数据，需企业补充）`);

  switch (info.kind) {
    case 'boolean': {
      const ok = a === c.value;
      if (c.label) return done(ok ? 'pass' : 'fail', c.label);
      return done(ok ? 'pass' : 'fail', a ? label : `非${label}`);
    }
    case 'set': {
      const list = c.value as string[];
      const inList = list.includes(String(a));
      const ok = c.op === 'in' ? inList : !inList;
      return done(ok ? 'pass' : 'fail', `${label} ${valueLabel(field, a)} ${ok === (c.op === 'in') ? '属于' : '不属于'} ${list.map((v) => valueLabel(field, v)).join('、')}`);
    }
    case 'tags': {
      const held = a as readonly string[];
      const wanted = c.op === 'has' ? [String(c.value)] : (c.value as string[]);
      const hits = wanted.filter((w) => held.includes(w));
      const ok = c.op === 'has_all' ? hits.length === wanted.length : hits.length > 0;
      if (ok) return done('pass', (c.op === 'has_all' ? wanted : hits).map((v) => valueLabel(field, v)).join('、'));
      const missing = wanted.filter((w) => !held.includes(w)).map((v) => valueLabel(field, v));
      return done('fail', `${c.op === 'has_all' ? '缺少' : '不具有'} ${missing.join(c.op === 'has_all' ? '、' : '或')}`);
    }
    default: {
      const n = a as number;
      const shown = info.kind === 'percent' ? `${fmt(n, 1)}%` : `${fmt(n)}${unit}`;
      if (c.op === 'between') {
        const [lo, hi] = c.value as [number, number];
        const ok = n >= lo && n <= hi;
        return done(ok ? 'pass' : 'fail', `${label} ${shown} ${ok ? '在' : '不在'} ${lo}–${hi}${unit} 之间`);
      }
      const ok = NUMERIC[c.op]!(n, c.value as number);
      const op = criterionOpLabels[c.op] ?? c.op;
      const negated: Record<string, string> = { '≥': '<', '>': '≤', '≤': '>', '<': '≥', '=': '≠' };
      return done(ok ? 'pass' : 'fail', `${label} ${shown} ${ok ? op : negated[op] ?? op} ${String(c.value)}${unit}`);
    }
  }
}

function evaluateItem(item: CriteriaItem, facts: EnterpriseFacts, today: string): CriterionResult {
  if ('any' in item) {
    const parts = item.any.map((c) => evaluateOne(c, facts, today));
    const outcome = parts.some((p) => p.outcome === 'pass') ? 'pass' : parts.some((p) => p.outcome === 'unknown') ? 'unknown' : 'fail';
    const shown = outcome === 'pass' ? parts.filter((p) => p.outcome === 'pass') : parts;
    const text = shown.map((p) => p.text).join(outcome === 'pass' ? '，' : ' 或 ');
    return { field: 'any', label: item.label ?? '满足其一', outcome, text: outcome === 'pass' ? text : `（${text}）` };
  }
  return evaluateOne(item, facts, today);
}

export function evaluate(criteria: readonly CriteriaItem[], facts: EnterpriseFacts, today: string): Evaluation {
  const results = criteria.map((item) => evaluateItem(item, facts, today));
  const verdict = results.some((r) => r.outcome === 'fail') ? 'ineligible' : results.some((r) => r.outcome === 'unknown') ? 'undecided' : 'eligible';
  const head = verdict === 'eligible' ? '符合' : verdict === 'ineligible' ? '不符合' : '待确认';
  const summary = results.length === 0 ? `${head}：无限制条件` : `${head}：${results.map((r) => r.text).join('，')}`;
  return { verdict, results, summary };
}

/** The criteria in words, one line each, for the policy page. */
export function criteriaText(criteria: readonly CriteriaItem[]): string[] {
  return criteria.map((item) => ('any' in item ? item.label ?? `满足其一：${item.any.map(describeCriterion).join(' 或 ')}` : describeCriterion(item)));
}
