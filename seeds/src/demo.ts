import { roleTemplatesFor, tenantTier, type RoleTemplate } from '@yingshang/contracts';
import { schema, uuidv7 } from '@yingshang/db';
import { TENANTS, type TenantKind, type TenantSeed } from './tenants-data.ts';

/** Every demo account's password. Demo data only: a real tenant's users are created by its administrator. */
export const DEMO_PASSWORD = 'Yingshang@2026';

interface DepartmentPlan {
  readonly code: string;
  readonly name: string;
  /** Code of the parent; the root has none. */
  readonly parent?: string;
}

interface UserPlan {
  readonly username: string;
  readonly roleCode: string;
  /** Enterprise users belong to an enterprise, not to a government department. */
  readonly departmentCode: string | null;
}

export interface DemoLogin {
  readonly tenantSlug: string;
  readonly tenantName: string;
  readonly username: string;
  readonly displayName: string;
  readonly roleCode: string;
  readonly roleName: string;
}

/** The government office at the top of a district's tree goes by the kind of district. */
const rootOfficeName: Readonly<Record<Exclude<TenantKind, 'city'>, string>> = {
  district: '区政府办',
  county: '县政府办',
  county_city: '市政府办',
  devzone: '管委会办公室',
};

function departmentPlan(tenant: TenantSeed): readonly DepartmentPlan[] {
  if (tenant.kind === 'city') {
    return [
      { code: 'zfb', name: '市政府办公厅' },
      { code: 'ysb', name: '市营商办', parent: 'zfb' },
      { code: 'dcs', name: '市督查室', parent: 'zfb' },
      { code: 'fgw', name: '市发改委', parent: 'zfb' },
    ];
  }
  return [
    { code: 'zfb', name: rootOfficeName[tenant.kind] },
    // Development zones have an economic development bureau where a district has its NDRC.
    { code: 'fgw', name: tenant.kind === 'devzone' ? '经济发展局' : '发展和改革委员会', parent: 'zfb' },
    { code: 'gxj', name: '工业和信息化局', parent: 'zfb' },
    { code: 'ysb', name: '营商环境办公室', parent: 'zfb' },
    { code: 'dcs', name: '督查室', parent: 'zfb' },
  ];
}

const districtUsers: readonly UserPlan[] = [
  { username: 'admin', roleCode: 'tenant_admin', departmentCode: 'zfb' },
  { username: 'fgw', roleCode: 'ndrc', departmentCode: 'fgw' },
  { username: 'yingshang', roleCode: 'enterprise_service', departmentCode: 'ysb' },
  { username: 'ducha', roleCode: 'supervision', departmentCode: 'dcs' },
  { username: 'ganbu', roleCode: 'cadre', departmentCode: 'gxj' },
  { username: 'qiye', roleCode: 'enterprise_user', departmentCode: null },
];

const cityUsers: readonly UserPlan[] = [
  { username: 'admin', roleCode: 'city_admin', departmentCode: 'ysb' },
  { username: 'ducha', roleCode: 'city_supervisor', departmentCode: 'dcs' },
];

const userPlan = (tenant: TenantSeed): readonly UserPlan[] => (tenant.kind === 'city' ? cityUsers : districtUsers);

// 31 surnames and 37 given names: the lengths are coprime, so the n-th person gets a name no one before the
// 1,147th shares, and every tenant's demo staff have different names.
const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭'];
const GIVEN_NAMES = [
  '建国', '志强', '秀英', '海燕', '国华', '丽娟', '晓东', '文静', '振宇', '雪梅', '红军', '春花', '明辉',
  '玉兰', '永刚', '慧敏', '立新', '凤霞', '宏伟', '淑芬', '俊杰', '桂英', '建军', '晓燕', '德明', '丽华',
  '新民', '亚楠', '学军', '翠萍', '卫东', '静怡', '鹏飞', '婉清', '海涛', '佳怡', '向阳',
];

function personName(sequence: number): string {
  return SURNAMES[sequence % SURNAMES.length]! + GIVEN_NAMES[sequence % GIVEN_NAMES.length]!;
}

interface PlannedUser extends UserPlan {
  readonly displayName: string;
  readonly role: RoleTemplate;
}

/** The demo staff of every tenant, in tenant order: the single source for both the rows and the login table. */
function plannedUsers(): ReadonlyArray<{ tenant: TenantSeed; users: readonly PlannedUser[] }> {
  let sequence = 0;
  return TENANTS.map((tenant) => {
    const templates = roleTemplatesFor(tenantTier(tenant.kind));
    const users = userPlan(tenant).map((plan): PlannedUser => {
      const role = templates.find((t) => t.code === plan.roleCode);
      if (!role) throw new Error(`no built-in role ${plan.roleCode} for ${tenant.slug}`);
      return { ...plan, role, displayName: personName(sequence++) };
    });
    return { tenant, users };
  });
}

/** Who can sign in where, for the start script's table. */
export function demoLogins(): DemoLogin[] {
  return plannedUsers().flatMap(({ tenant, users }) =>
    users.map((user) => ({
      tenantSlug: tenant.slug,
      tenantName: tenant.name,
      username: user.username,
      displayName: user.displayName,
      roleCode: user.role.code,
      roleName: user.role.name,
    })),
  );
}

export interface DemoRows {
  readonly departments: (typeof schema.departments.$inferInsert)[];
  readonly roles: (typeof schema.roles.$inferInsert)[];
  readonly users: (typeof schema.users.$inferInsert)[];
}

/**
 * Departments, built-in roles and demo users for every tenant, ready for one bulk insert per table. Parents come
 * before children. `passwordHash` is the PHC string of `DEMO_PASSWORD`, hashed once by the caller.
 */
export function buildDemoRows(passwordHash: string): DemoRows {
  const rows: DemoRows = { departments: [], roles: [], users: [] };
  for (const { tenant, users } of plannedUsers()) {
    const departmentIds = new Map<string, string>();
    departmentPlan(tenant).forEach((department, index) => {
      const id = uuidv7();
      departmentIds.set(department.code, id);
      rows.departments.push({
        tenantId: tenant.id,
        id,
        parentId: department.parent ? departmentIds.get(department.parent)! : null,
        code: department.code,
        name: department.name,
        sortOrder: index,
      });
    });

    const roleIds = new Map<string, string>();
    for (const template of roleTemplatesFor(tenantTier(tenant.kind))) {
      const id = uuidv7();
      roleIds.set(template.code, id);
      rows.roles.push({
        tenantId: tenant.id,
        id,
        code: template.code,
        name: template.name,
        permissions: [...template.permissions],
        dataScope: template.dataScope,
        builtIn: true,
      });
    }

    for (const user of users) {
      rows.users.push({
        tenantId: tenant.id,
        id: uuidv7(),
        username: user.username,
        displayName: user.displayName,
        passwordHash,
        departmentId: user.departmentCode === null ? null : departmentIds.get(user.departmentCode)!,
        roleId: roleIds.get(user.role.code)!,
        status: 'active',
        mustChangePassword: false,
      });
    }
  }
  return rows;
}
