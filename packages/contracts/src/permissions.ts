import { z } from 'zod';

/**
 * Modules a tenant can enable. `admin` (users, departments, roles, branding) cannot be switched off: without it
 * nobody could switch the others back on.
 */
export const MODULES = ['projects', 'enterprise', 'assessments', 'admin'] as const;
export const moduleSchema = z.enum(MODULES);
export type ModuleCode = z.infer<typeof moduleSchema>;

export const ALWAYS_ENABLED_MODULES: readonly ModuleCode[] = ['admin'];

export const moduleLabels: Readonly<Record<ModuleCode, string>> = {
  projects: '三个一批项目',
  enterprise: '万人助万企',
  assessments: '三标赛马',
  admin: '系统管理',
};

/** How far a role reaches inside its tenant's data (the department tree is `identity.departments`). */
export const DATA_SCOPES = ['all', 'department_tree', 'department', 'self'] as const;
export const dataScopeSchema = z.enum(DATA_SCOPES);
export type DataScope = z.infer<typeof dataScopeSchema>;

export const dataScopeLabels: Readonly<Record<DataScope, string>> = {
  all: '本租户全部数据',
  department_tree: '本部门及下级部门',
  department: '本部门',
  self: '仅本人',
};

type ActionDefinition = string | { readonly label: string; readonly cityOnly: true };

interface EntityDefinition {
  readonly label: string;
  /**
   * Only the city office may hold these (tenant registry, indicator catalogue, publishing rankings …): a district
   * administrator cannot grant them in a custom role. Set on the entity when every action is the city's.
   */
  readonly cityOnly?: boolean;
  readonly actions: Readonly<Record<string, ActionDefinition>>;
}

const cityOnly = (label: string) => ({ label, cityOnly: true }) as const;

/**
 * The catalogue, `module → entity → action → label`. Permission names are `module:entity:action`; services check
 * exact names, so a new action is added here first and then to the role templates that need it.
 */
const catalogue = {
  admin: {
    tenant: {
      label: '租户',
      cityOnly: true,
      actions: { read: '查看租户', create: '登记租户', update: '修改租户', invite: '邀请租户管理员', suspend: '停用租户' },
    },
    settings: { label: '租户设置', actions: { read: '查看租户设置', update: '修改品牌与模块' } },
    department: {
      label: '部门',
      actions: { read: '查看部门', create: '新增部门', update: '修改部门', delete: '删除部门' },
    },
    user: {
      label: '用户',
      actions: {
        read: '查看用户',
        create: '新增用户',
        update: '修改用户',
        disable: '停用用户',
        reset_password: '重置密码',
      },
    },
    role: { label: '角色', actions: { read: '查看角色', create: '新增角色', update: '修改角色', delete: '删除角色' } },
    audit: { label: '操作日志', actions: { read: '查看本租户操作日志', read_all: cityOnly('查看各租户操作日志') } },
    notice: { label: '通知公告', actions: { read: '查看通知公告', publish: cityOnly('发布通知公告') } },
    calendar: { label: '工作日历', cityOnly: true, actions: { update: '维护工作日历' } },
  },
  projects: {
    project: {
      label: '项目',
      actions: {
        read: '查看项目',
        create: '新增项目',
        update: '修改项目',
        delete: '删除项目',
        advance: '推进项目阶段',
        import: '导入项目台账',
        export: '导出项目台账',
      },
    },
    investment: { label: '投资月报', actions: { read: '查看投资月报', report: '填报投资月报' } },
    blocker: {
      label: '问题台账',
      actions: { read: '查看问题台账', create: '登记问题', update: '跟进问题', close: '问题销号' },
    },
    batch: { label: '三个一批批次', actions: { read: '查看批次', update: '维护批次' } },
    stats: { label: '项目统计', actions: { read: '查看项目统计' } },
  },
  enterprise: {
    enterprise: {
      label: '企业档案',
      actions: {
        read: '查看企业档案',
        create: '新增企业',
        update: '修改企业档案',
        delete: '删除企业档案',
        import: '导入企业',
        export: '导出企业',
      },
    },
    pairing: { label: '包联关系', actions: { read: '查看包联关系', update: '调整包联关系' } },
    visit: { label: '走访记录', actions: { read: '查看走访记录', create: '记录走访' } },
    appeal: {
      label: '企业诉求',
      actions: {
        read: '查看诉求',
        create: '登记诉求',
        assign: '交办诉求',
        handle: '办理诉求',
        extend: '审批延期',
        escalate: '升级诉求',
        follow_up: '回访诉求',
        rate: '评价诉求办理',
        close: '诉求销号',
      },
    },
    policy: { label: '惠企政策', actions: { read: '查看惠企政策', update: '维护惠企政策' } },
    benefit: {
      label: '免申即享',
      actions: { read: '查看政策匹配', confirm: '确认政策匹配', update: '办理政策兑现' },
    },
    park: { label: '小微企业园', actions: { read: '查看小微企业园', update: '维护小微企业园' } },
    stats: { label: '助企统计', actions: { read: '查看助企统计' } },
  },
  assessments: {
    indicator: { label: '考核指标', actions: { read: '查看指标体系', update: cityOnly('维护指标、周期与权重') } },
    target: { label: '三标', actions: { read: '查看三标', update: '填报三标' } },
    value: { label: '指标数据', actions: { read: '查看指标数据', report: '填报指标数据' } },
    observation: {
      label: '观摩评价',
      actions: { read: '查看观摩评价', update: cityOnly('组织观摩活动'), score: cityOnly('观摩打分') },
    },
    supervision: {
      label: '督查任务',
      actions: { read: '查看督查任务', report: '报送督查进展', assign: cityOnly('交办督查任务') },
    },
    ranking: {
      label: '赛马排名',
      actions: {
        read: '查看赛马排名',
        compute: cityOnly('计算排名'),
        review: cityOnly('审核排名'),
        publish: cityOnly('发布排名通报'),
      },
    },
  },
} as const satisfies Record<ModuleCode, Record<string, EntityDefinition>>;

type Catalogue = typeof catalogue;
type ActionsOf<T> = T extends EntityDefinition ? keyof T['actions'] & string : never;
export type Permission = {
  [M in keyof Catalogue]: { [E in keyof Catalogue[M]]: `${M}:${E & string}:${ActionsOf<Catalogue[M][E]>}` }[keyof Catalogue[M]];
}[keyof Catalogue];

export interface PermissionInfo {
  readonly name: Permission;
  readonly module: ModuleCode;
  readonly entity: string;
  readonly action: string;
  readonly label: string;
  readonly entityLabel: string;
  readonly cityOnly: boolean;
}

export interface PermissionGroup {
  readonly module: ModuleCode;
  readonly label: string;
  readonly permissions: readonly PermissionInfo[];
}

/** Every permission in catalogue order, which is also the order the role editor shows them in. */
export const permissionCatalogue: readonly PermissionInfo[] = Object.entries(catalogue).flatMap(([module, entities]) =>
  Object.entries(entities as Record<string, EntityDefinition>).flatMap(([entity, definition]) =>
    Object.entries(definition.actions).map(
      ([action, actionDefinition]): PermissionInfo => ({
        name: `${module}:${entity}:${action}` as Permission,
        module: module as ModuleCode,
        entity,
        action,
        label: typeof actionDefinition === 'string' ? actionDefinition : actionDefinition.label,
        entityLabel: definition.label,
        cityOnly: (definition.cityOnly ?? false) || (typeof actionDefinition !== 'string' && actionDefinition.cityOnly),
      }),
    ),
  ),
);

export const PERMISSIONS = permissionCatalogue.map((p) => p.name) as [Permission, ...Permission[]];
export const permissionSchema = z.enum(PERMISSIONS);

const byName = new Map<string, PermissionInfo>(permissionCatalogue.map((p) => [p.name, p]));
const catalogueOrder = new Map<string, number>(PERMISSIONS.map((name, index) => [name, index]));

export function isPermission(name: string): name is Permission {
  return byName.has(name);
}

export function permissionInfo(name: Permission): PermissionInfo {
  return byName.get(name)!;
}

export function permissionLabel(name: Permission): string {
  return permissionInfo(name).label;
}

/** The catalogue grouped per module, for the role editor. */
export const permissionGroups: readonly PermissionGroup[] = (['admin', 'projects', 'enterprise', 'assessments'] as const).map(
  (module) => ({
    module,
    label: moduleLabels[module],
    permissions: permissionCatalogue.filter((p) => p.module === module),
  }),
);

/** Permissions a role in this kind of tenant may carry: districts never get the city office's powers. */
export function assignablePermissions(tier: TenantTier): Permission[] {
  return permissionCatalogue.filter((p) => tier === 'city' || !p.cityOnly).map((p) => p.name);
}

/**
 * What a role's permissions amount to in a tenant: permissions of modules the tenant has not enabled fall away
 * (`admin` is always on), and so do names the catalogue no longer knows — a stale grant fails closed. The result
 * is de-duplicated and in catalogue order.
 */
export function effectivePermissions(
  rolePermissions: readonly string[],
  tenantModules: readonly string[],
): Permission[] {
  const enabled = new Set<string>([...ALWAYS_ENABLED_MODULES, ...tenantModules]);
  const kept = new Set<Permission>();
  for (const name of rolePermissions) {
    const info = byName.get(name);
    if (info && enabled.has(info.module)) kept.add(info.name);
  }
  return [...kept].sort((a, b) => catalogueOrder.get(a)! - catalogueOrder.get(b)!);
}

// ---------------------------------------------------------------------------------------------------------------
// Built-in role templates

/** The city tenant holds the city office; every other kind (区, 县级市, 县, 开发区) is a district for roles. */
export type TenantTier = 'city' | 'district';

export function tenantTier(tenantKind: string): TenantTier {
  return tenantKind === 'city' ? 'city' : 'district';
}

export interface RoleTemplate {
  readonly code: string;
  readonly name: string;
  readonly description: string;
  readonly dataScope: DataScope;
  readonly permissions: readonly Permission[];
}

const where = (test: (p: PermissionInfo) => boolean): Permission[] =>
  permissionCatalogue.filter(test).map((p) => p.name);
const inModule = (module: ModuleCode) => (p: PermissionInfo) => p.module === module;
const isRead = (p: PermissionInfo) => p.action === 'read';
const named = (...names: Permission[]): Permission[] => names;

export const districtRoleTemplates: readonly RoleTemplate[] = [
  {
    code: 'tenant_admin',
    name: '系统管理员',
    description: '管理本租户的部门、用户、角色和品牌，可查看各业务模块',
    dataScope: 'all',
    permissions: where((p) => !p.cityOnly && (p.module === 'admin' || isRead(p))),
  },
  {
    code: 'ndrc',
    name: '发改委项目专员',
    description: '维护三个一批项目台账、投资月报和问题台账',
    dataScope: 'department_tree',
    permissions: [...where(inModule('projects')), ...named('admin:notice:read')],
  },
  {
    code: 'enterprise_service',
    name: '营商办专员',
    description: '统筹万人助万企：企业档案、包联、诉求交办与销号、惠企政策',
    dataScope: 'all',
    permissions: [...where(inModule('enterprise')), ...named('admin:notice:read')],
  },
  {
    code: 'supervision',
    name: '督查室专员',
    description: '查看本区考核与排名，填报三标、指标数据和督查进展',
    dataScope: 'all',
    permissions: [
      ...where((p) => p.module === 'assessments' && !p.cityOnly),
      ...named('admin:notice:read'),
    ],
  },
  {
    code: 'cadre',
    name: '包联干部',
    description: '走访包联企业，代企业登记诉求',
    dataScope: 'self',
    permissions: named(
      'enterprise:enterprise:read',
      'enterprise:pairing:read',
      'enterprise:visit:read',
      'enterprise:visit:create',
      'enterprise:appeal:read',
      'enterprise:appeal:create',
      'enterprise:policy:read',
      'admin:notice:read',
    ),
  },
  {
    code: 'enterprise_user',
    name: '企业用户',
    description: '提交和跟踪本企业诉求并评价办理，查看和确认惠企政策',
    dataScope: 'self',
    permissions: named(
      'enterprise:enterprise:read',
      'enterprise:appeal:read',
      'enterprise:appeal:create',
      'enterprise:appeal:rate',
      'enterprise:policy:read',
      'enterprise:benefit:read',
      'enterprise:benefit:confirm',
    ),
  },
];

export const cityRoleTemplates: readonly RoleTemplate[] = [
  {
    code: 'city_admin',
    name: '市营商办管理员',
    description: '租户登记与邀请、全市操作日志、通知公告、工作日历，组织考核并发布赛马排名',
    dataScope: 'all',
    permissions: where(
      (p) => p.module === 'admin' || isRead(p) || (p.module === 'assessments' && p.cityOnly),
    ),
  },
  {
    code: 'city_supervisor',
    name: '市督查室',
    description: '交办督查任务，组织观摩打分，计算和审核赛马排名',
    dataScope: 'all',
    permissions: [
      ...where((p) => p.module === 'assessments' && isRead(p)),
      ...named(
        'assessments:supervision:assign',
        'assessments:observation:update',
        'assessments:observation:score',
        'assessments:ranking:compute',
        'assessments:ranking:review',
        'admin:tenant:read',
        'admin:notice:read',
      ),
    ],
  },
];

export function roleTemplatesFor(tier: TenantTier): readonly RoleTemplate[] {
  return tier === 'city' ? cityRoleTemplates : districtRoleTemplates;
}
