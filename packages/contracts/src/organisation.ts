import { z } from 'zod';
import { isoDateSchema } from './calendar.ts';
import { DATA_SCOPES, isPermission } from './permissions.ts';
import { passwordSchema, usernameSchema } from './tenancy.ts';

/**
 * A tenant's own organisation: departments, users, roles, audit and sign-in logs, notices and dictionaries. The
 * identity service validates with these schemas and the admin micro-frontend builds its forms from them.
 */

// ---------------------------------------------------------------------------------------------------------------
// Shared pieces

const uuid = (what: string) => z.uuid(`${what}格式有误`);
const instant = z.iso.datetime({ offset: true });

/** A request body: unknown fields are refused by name, in the UI's language. */
const requestBody = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `不支持的字段：${issue.keys.join('、')}`
        : issue.code === 'invalid_type'
          ? '请求体须为 JSON 对象'
          : undefined,
  });

export const PAGE_SIZE_DEFAULT = 20;
export const PAGE_SIZE_MAX = 100;

/** `?limit=&cursor=`: the cursor is opaque, taken from the previous page's `nextCursor`. */
export const pageQuery = z.object({
  limit: z.coerce
    .number('每页条数须为数字')
    .int('每页条数须为整数')
    .min(1, '每页至少 1 条')
    .max(PAGE_SIZE_MAX, `每页最多 ${PAGE_SIZE_MAX} 条`)
    .default(PAGE_SIZE_DEFAULT),
  cursor: z.string().max(200, '翻页游标无效').optional(),
});

/** Query flags arrive as text; `z.coerce.boolean()` would read "false" as true. */
export const queryFlag = z.enum(['true', 'false'], '取值须为 true 或 false');

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    /** Pass back as `cursor` for the next page; null on the last page. */
    nextCursor: z.string().nullable(),
    /** Rows matching the filters, where counting them is cheap. */
    total: z.number().int().optional(),
  });

/** Either a day (Asia/Shanghai, whole day) or an instant with its offset. */
const timeBound = z.union([isoDateSchema, instant], '时间须为 YYYY-MM-DD 或带时区的 ISO 8601 时间');

const timeRange = {
  from: timeBound.optional(),
  to: timeBound.optional(),
};

const checkRange = (v: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) => {
  if (v.from && v.to && rangeStart(v.from) >= rangeEnd(v.to)) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: '结束时间须晚于开始时间' });
  }
};

const SHANGHAI = '+08:00';
/** The first instant a `from` bound admits. */
export function rangeStart(bound: string): Date {
  return new Date(bound.length === 10 ? `${bound}T00:00:00${SHANGHAI}` : bound);
}
/** The first instant a `to` bound no longer admits: a day is inclusive, an instant exclusive. */
export function rangeEnd(bound: string): Date {
  if (bound.length !== 10) return new Date(bound);
  const start = new Date(`${bound}T00:00:00${SHANGHAI}`);
  return new Date(start.getTime() + 86_400_000);
}

// ---------------------------------------------------------------------------------------------------------------
// Departments

const departmentCode = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, '部门编码须为 1–32 位小写字母、数字、下划线或连字符');
const departmentName = z.string().trim().min(1, '请填写部门名称').max(50, '部门名称不能超过 50 个字');
const sortOrder = z.number('排序须为数字').int('排序须为整数').min(0, '排序不能为负').max(9999, '排序不能超过 9999');

export const department = z
  .object({
    id: z.uuid(),
    parentId: z.uuid().nullable(),
    code: z.string(),
    name: z.string(),
    sortOrder: z.number().int(),
    /** Users directly in this department (not its sub-departments). */
    userCount: z.number().int(),
    version: z.number().int(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Department' });
export type Department = z.infer<typeof department>;

export interface DepartmentNode extends Department {
  children: DepartmentNode[];
}
export const departmentNode: z.ZodType<DepartmentNode> = department
  .extend({
    get children() {
      return z.array(departmentNode);
    },
  })
  .meta({ id: 'DepartmentNode' });

/** The whole list in one answer: a tenant has tens of departments, and a tree cannot be cut into pages. */
export const departmentList = z
  .object({ items: z.array(department), nextCursor: z.null(), total: z.number().int() })
  .meta({ id: 'DepartmentList' });
export const departmentTree = z
  .object({ items: z.array(departmentNode), total: z.number().int() })
  .meta({ id: 'DepartmentTree' });

export const createDepartmentRequest = requestBody({
  code: departmentCode,
  name: departmentName,
  parentId: uuid('上级部门编号').nullable().optional(),
  sortOrder: sortOrder.optional(),
}).meta({ id: 'CreateDepartmentRequest' });
export type CreateDepartmentRequest = z.infer<typeof createDepartmentRequest>;

export const updateDepartmentRequest = requestBody({
  code: departmentCode.optional(),
  name: departmentName.optional(),
  parentId: uuid('上级部门编号').nullable().optional(),
  sortOrder: sortOrder.optional(),
})
  .refine((v) => Object.keys(v).length > 0, '请至少修改一项')
  .meta({ id: 'UpdateDepartmentRequest' });
export type UpdateDepartmentRequest = z.infer<typeof updateDepartmentRequest>;

// ---------------------------------------------------------------------------------------------------------------
// Users

export const USER_STATUSES = ['active', 'disabled'] as const;
export const userStatus = z.enum(USER_STATUSES, '状态须为 active 或 disabled');

const displayName = z.string().trim().min(2, '姓名至少 2 个字').max(20, '姓名不能超过 20 个字');
/** A mainland mobile number, or a landline with its area code (0371-12345678). */
const phone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/, '电话须为 11 位手机号或带区号的座机号');

/** The password rules, including the one that needs the username; returns the message or null. */
export function passwordProblem(password: string, username: string): string | null {
  const result = passwordSchema.safeParse(password);
  if (!result.success) return result.error.issues[0]?.message ?? '密码不符合要求';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}

export const user = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    phone: z.string().nullable(),
    departmentId: z.uuid().nullable(),
    departmentName: z.string().nullable(),
    role: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
    status: userStatus,
    mustChangePassword: z.boolean(),
    /** Set while the account is locked after repeated wrong passwords. */
    lockedUntil: instant.nullable(),
    lastSignInAt: instant.nullable(),
    version: z.number().int(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof user>;

export const userListQuery = pageQuery
  .extend({
    keyword: z.string().trim().max(50, '关键字不能超过 50 个字').optional(),
    departmentId: uuid('部门编号').optional(),
    /** With `departmentId`: also the users of every department below it. */
    includeSubDepartments: queryFlag.optional(),
    roleId: uuid('角色编号').optional(),
    status: userStatus.optional(),
  })
  .meta({ id: 'UserListQuery' });
export type UserListQuery = z.infer<typeof userListQuery>;

export const userPage = pageOf(user).meta({ id: 'UserPage' });

export const createUserRequest = requestBody({
  username: usernameSchema,
  displayName,
  password: passwordSchema,
  phone: phone.nullable().optional(),
  departmentId: uuid('部门编号').nullable().optional(),
  roleId: uuid('角色编号'),
  /** New accounts change the password an administrator chose at their first sign-in, unless told otherwise. */
  mustChangePassword: z.boolean().optional(),
})
  .superRefine((v, ctx) => {
    if (v.password.toLowerCase().includes(v.username.toLowerCase())) {
      ctx.addIssue({ code: 'custom', path: ['password'], message: '密码不能包含用户名' });
    }
  })
  .meta({ id: 'CreateUserRequest' });
export type CreateUserRequest = z.infer<typeof createUserRequest>;

export const updateUserRequest = requestBody({
  displayName: displayName.optional(),
  phone: phone.nullable().optional(),
  departmentId: uuid('部门编号').nullable().optional(),
  roleId: uuid('角色编号').optional(),
  status: userStatus.optional(),
})
  .refine((v) => Object.keys(v).length > 0, '请至少修改一项')
  .meta({ id: 'UpdateUserRequest' });
export type UpdateUserRequest = z.infer<typeof updateUserRequest>;

export const resetPasswordRequest = requestBody({ newPassword: passwordSchema })
  .meta({ id: 'ResetPasswordRequest' });

// ---------------------------------------------------------------------------------------------------------------
// Roles and the permission catalogue

export const roleDataScope = z.enum(DATA_SCOPES, '数据范围须为 all、department_tree、department 或 self');

const roleCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,31}$/, '角色编码须为 2–32 位小写字母、数字或下划线，以字母开头');
const roleName = z.string().trim().min(2, '角色名称至少 2 个字').max(30, '角色名称不能超过 30 个字');
/** Names the catalogue knows; whether this tenant may grant them is the service's check (it knows the tenant). */
const permissionList = z
  .array(z.string().refine(isPermission, { error: (issue) => `未知权限 ${String(issue.input)}` }), '权限须为数组')
  .max(200, '权限过多')
  .refine((p) => new Set(p).size === p.length, '权限不能重复');

export const role = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    permissions: z.array(z.string()),
    dataScope: roleDataScope,
    builtIn: z.boolean(),
    userCount: z.number().int(),
    version: z.number().int(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Role' });
export type Role = z.infer<typeof role>;

export const roleListQuery = pageQuery.meta({ id: 'RoleListQuery' });
export const rolePage = pageOf(role).meta({ id: 'RolePage' });

export const createRoleRequest = requestBody({ code: roleCode, name: roleName, permissions: permissionList, dataScope: roleDataScope })
  .meta({ id: 'CreateRoleRequest' });
export type CreateRoleRequest = z.infer<typeof createRoleRequest>;

export const updateRoleRequest = requestBody({
  code: roleCode.optional(),
  name: roleName.optional(),
  permissions: permissionList.optional(),
  dataScope: roleDataScope.optional(),
})
  .refine((v) => Object.keys(v).length > 0, '请至少修改一项')
  .meta({ id: 'UpdateRoleRequest' });
export type UpdateRoleRequest = z.infer<typeof updateRoleRequest>;

export const permissionCatalogueView = z
  .object({
    dataScopes: z.array(z.object({ value: roleDataScope, label: z.string() })),
    groups: z.array(
      z.object({
        module: z.string(),
        label: z.string(),
        entities: z.array(
          z.object({
            entity: z.string(),
            label: z.string(),
            permissions: z.array(z.object({ name: z.string(), action: z.string(), label: z.string() })),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'PermissionCatalogue' });
export type PermissionCatalogueView = z.infer<typeof permissionCatalogueView>;

// ---------------------------------------------------------------------------------------------------------------
// Audit: operation log and sign-in log

export const AUDITED_SERVICES = ['identity', 'projects', 'enterprise', 'assessments'] as const;
const filterText = (what: string) => z.string().trim().min(1, `${what}不能为空`).max(100, `${what}过长`);

export const operationLogEntry = z
  .object({
    id: z.uuid(),
    tenantId: z.uuid(),
    /** Filled in the city's all-tenant view. */
    tenantName: z.string().optional(),
    at: instant,
    service: z.string(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    actorId: z.uuid().nullable(),
    actorName: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'OperationLogEntry' });
export type OperationLogEntry = z.infer<typeof operationLogEntry>;

const operationLogFilters = pageQuery.extend({
  ...timeRange,
  actorId: uuid('操作人编号').optional(),
  action: filterText('操作').optional(),
  entity: filterText('对象类型').optional(),
  entityId: filterText('对象编号').optional(),
  service: z.enum(AUDITED_SERVICES, '服务须为 identity、projects、enterprise 或 assessments').optional(),
});

export const operationLogQuery = operationLogFilters.superRefine(checkRange).meta({ id: 'OperationLogQuery' });
export type OperationLogQuery = z.infer<typeof operationLogQuery>;
export const allTenantsOperationLogQuery = operationLogFilters
  .extend({ tenantId: uuid('单位编号').optional() })
  .superRefine(checkRange)
  .meta({ id: 'AllTenantsOperationLogQuery' });
export type AllTenantsOperationLogQuery = z.infer<typeof allTenantsOperationLogQuery>;
export const operationLogPage = pageOf(operationLogEntry).meta({ id: 'OperationLogPage' });

export const signInLogEntry = z
  .object({
    id: z.uuid(),
    tenantId: z.uuid(),
    tenantName: z.string().optional(),
    at: instant,
    username: z.string(),
    userId: z.uuid().nullable(),
    success: z.boolean(),
    /** Why a sign-in failed: unknown-user, wrong-password, locked, locked-now, disabled. */
    reason: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
  })
  .meta({ id: 'SignInLogEntry' });
export type SignInLogEntry = z.infer<typeof signInLogEntry>;

const signInLogFilters = pageQuery.extend({
  ...timeRange,
  username: filterText('用户名').optional(),
  userId: uuid('用户编号').optional(),
  success: queryFlag.optional(),
});
export const signInLogQuery = signInLogFilters.superRefine(checkRange).meta({ id: 'SignInLogQuery' });
export type SignInLogQuery = z.infer<typeof signInLogQuery>;
export const allTenantsSignInLogQuery = signInLogFilters
  .extend({ tenantId: uuid('单位编号').optional() })
  .superRefine(checkRange)
  .meta({ id: 'AllTenantsSignInLogQuery' });
export type AllTenantsSignInLogQuery = z.infer<typeof allTenantsSignInLogQuery>;
export const signInLogPage = pageOf(signInLogEntry).meta({ id: 'SignInLogPage' });

// ---------------------------------------------------------------------------------------------------------------
// Notices (通知公告)

export const NOTICE_LEVELS = ['normal', 'important', 'urgent'] as const;
export const noticeLevel = z.enum(NOTICE_LEVELS, '级别须为 normal、important 或 urgent');
export const noticeAudience = z.enum(['all', 'tenants'], '发送范围须为 all 或 tenants');

const noticeTitle = z.string().trim().min(2, '标题至少 2 个字').max(100, '标题不能超过 100 个字');
const noticeBody = z.string().trim().min(1, '请填写正文').max(20_000, '正文不能超过 20000 个字');
const targetTenantIds = z
  .array(uuid('单位编号'), '接收单位须为数组')
  .max(200, '接收单位过多')
  .refine((ids) => new Set(ids).size === ids.length, '接收单位不能重复');

const checkAudience = (v: { audience?: string | undefined; tenantIds?: string[] | undefined }, ctx: z.RefinementCtx) => {
  if (v.audience === 'tenants' && (!v.tenantIds || v.tenantIds.length === 0)) {
    ctx.addIssue({ code: 'custom', path: ['tenantIds'], message: '请选择接收单位' });
  }
  if (v.audience === 'all' && v.tenantIds && v.tenantIds.length > 0) {
    ctx.addIssue({ code: 'custom', path: ['tenantIds'], message: '发送给全部单位时不能再指定接收单位' });
  }
};

export const createNoticeRequest = requestBody({
  title: noticeTitle,
  body: noticeBody,
  level: noticeLevel.optional(),
  audience: noticeAudience,
  /** With `audience: 'tenants'`: districts of this city. */
  tenantIds: targetTenantIds.optional(),
  /** False keeps it as a draft that only the city office sees; publishing later delivers it. */
  publish: z.boolean().optional(),
})
  .superRefine(checkAudience)
  .meta({ id: 'CreateNoticeRequest' });
export type CreateNoticeRequest = z.infer<typeof createNoticeRequest>;

export const updateNoticeRequest = requestBody({
  title: noticeTitle.optional(),
  body: noticeBody.optional(),
  level: noticeLevel.optional(),
  audience: noticeAudience.optional(),
  tenantIds: targetTenantIds.optional(),
})
  .refine((v) => Object.keys(v).length > 0, '请至少修改一项')
  .superRefine(checkAudience)
  .meta({ id: 'UpdateNoticeRequest' });
export type UpdateNoticeRequest = z.infer<typeof updateNoticeRequest>;

export const sentNotice = z
  .object({
    id: z.uuid(),
    title: z.string(),
    body: z.string(),
    level: noticeLevel,
    audience: noticeAudience,
    targets: z.array(z.object({ tenantId: z.uuid(), tenantName: z.string() })),
    publishedAt: instant.nullable(),
    createdByName: z.string().nullable(),
    version: z.number().int(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'SentNotice' });
export type SentNotice = z.infer<typeof sentNotice>;
export const sentNoticeQuery = pageQuery
  .extend({ state: z.enum(['draft', 'published'], '状态须为 draft 或 published').optional() })
  .meta({ id: 'SentNoticeQuery' });
export const sentNoticePage = pageOf(sentNotice).meta({ id: 'SentNoticePage' });

/** A notice as a receiving tenant's user sees it: its tenant's copy and whether this user has read it. */
export const receivedNoticeSummary = z
  .object({
    id: z.uuid(),
    noticeId: z.uuid(),
    title: z.string(),
    level: noticeLevel,
    publishedAt: instant,
    publisherName: z.string().nullable(),
    read: z.boolean(),
    readAt: instant.nullable(),
  })
  .meta({ id: 'ReceivedNoticeSummary' });
export const receivedNotice = receivedNoticeSummary.extend({ body: z.string() }).meta({ id: 'ReceivedNotice' });
export type ReceivedNotice = z.infer<typeof receivedNotice>;
export const receivedNoticeQuery = pageQuery
  .extend({ unread: queryFlag.optional(), level: noticeLevel.optional() })
  .meta({ id: 'ReceivedNoticeQuery' });
export const receivedNoticePage = pageOf(receivedNoticeSummary).meta({ id: 'ReceivedNoticePage' });
export const unreadNoticeCount = z.object({ count: z.number().int() }).meta({ id: 'UnreadNoticeCount' });

// ---------------------------------------------------------------------------------------------------------------
// Dictionaries

export const TAG_TYPES = ['primary', 'success', 'warning', 'danger', 'info'] as const;
export const tagType = z.enum(TAG_TYPES);

/** The enumerations every module shows; values are stable English codes, labels Chinese. */
export const DICTIONARY_CODES = [
  'project_stage',
  'project_category',
  'project_level',
  'appeal_state',
  'appeal_category',
  'appeal_grade',
  'appeal_source',
  'satisfaction',
  'enterprise_size',
  'park_stage',
  'tenant_status',
  'tenant_kind',
  'notice_level',
  'user_status',
  'data_scope',
] as const;
export type DictionaryCode = (typeof DICTIONARY_CODES)[number];

export const dictionaryItem = z
  .object({ value: z.string(), label: z.string(), tagType, sortOrder: z.number().int() })
  .meta({ id: 'DictionaryItem' });
export type DictionaryItem = z.infer<typeof dictionaryItem>;

const dictCode = /^[a-z][a-z0-9_]{1,39}$/;
export const dictionaryQuery = z.object({
  /** Comma-separated dictionary codes; all dictionaries when absent. */
  codes: z
    .string()
    .trim()
    .max(800, '字典编码过多')
    .refine((s) => s.split(',').every((code) => dictCode.test(code.trim())), '字典编码须为逗号分隔的小写字母、数字或下划线')
    .optional(),
});

export const dictionaries = z
  .object({ dictionaries: z.record(z.string(), z.array(dictionaryItem)) })
  .meta({ id: 'Dictionaries' });
export type Dictionaries = z.infer<typeof dictionaries>;
