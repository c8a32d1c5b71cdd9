import { describe, expect, it } from 'vitest';
import {
  MODULES,
  PERMISSIONS,
  assignablePermissions,
  cityRoleTemplates,
  districtRoleTemplates,
  effectivePermissions,
  isPermission,
  moduleLabels,
  permissionCatalogue,
  permissionGroups,
  permissionLabel,
  permissionSchema,
  roleTemplatesFor,
  type Permission,
  type RoleTemplate,
} from '../src/permissions.ts';

const template = (templates: readonly RoleTemplate[], code: string): RoleTemplate => {
  const found = templates.find((t) => t.code === code);
  if (!found) throw new Error(`no role template ${code}`);
  return found;
};
const inModule = (module: string) => PERMISSIONS.filter((p) => p.startsWith(`${module}:`));
const cityOnly = new Set(permissionCatalogue.filter((p) => p.cityOnly).map((p) => p.name));

describe('permission catalogue', () => {
  it('names every permission module:entity:action, once, with a Chinese label', () => {
    for (const p of permissionCatalogue) {
      expect(p.name).toMatch(/^(admin|projects|enterprise|assessments):[a-z_]+:[a-z_]+$/);
      expect(p.name).toBe(`${p.module}:${p.entity}:${p.action}`);
      expect(p.label).toMatch(/\p{Script=Han}/u);
      expect(p.entityLabel).toMatch(/\p{Script=Han}/u);
    }
    expect(new Set(PERMISSIONS).size).toBe(PERMISSIONS.length);
  });

  it('groups the catalogue per module, covering every permission exactly once', () => {
    expect(permissionGroups.map((g) => g.module).toSorted()).toEqual(MODULES.toSorted());
    expect(permissionGroups.flatMap((g) => g.permissions.map((p) => p.name)).toSorted()).toEqual(PERMISSIONS.toSorted());
    for (const group of permissionGroups) {
      expect(group.label).toBe(moduleLabels[group.module]);
      expect(group.permissions.length).toBeGreaterThan(0);
    }
  });

  it('labels the modules as the product names them', () => {
    expect(moduleLabels).toEqual({
      projects: '三个一批项目',
      enterprise: '万人助万企',
      assessments: '三标赛马',
      admin: '系统管理',
    });
  });

  it('validates names through zod and the type guard alike', () => {
    expect(permissionSchema.parse('assessments:ranking:publish')).toBe('assessments:ranking:publish');
    expect(permissionSchema.safeParse('assessments:ranking:delete').success).toBe(false);
    expect(isPermission('admin:tenant:create')).toBe(true);
    expect(isPermission('admin:tenant')).toBe(false);
    expect(permissionLabel('assessments:ranking:publish')).toBe('发布排名通报');
  });

  it('keeps the city office powers out of what a district may grant', () => {
    const district = new Set(assignablePermissions('district'));
    for (const name of ['admin:tenant:create', 'admin:audit:read_all', 'admin:calendar:update', 'assessments:ranking:publish'] as const) {
      expect(cityOnly.has(name)).toBe(true);
      expect(district.has(name)).toBe(false);
    }
    expect(district.has('admin:user:create')).toBe(true);
    expect(assignablePermissions('city')).toEqual(PERMISSIONS);
  });
});

describe('built-in role templates', () => {
  it('gives districts the six roles and the city its two', () => {
    expect(roleTemplatesFor('district').map((t) => t.code)).toEqual([
      'tenant_admin',
      'ndrc',
      'enterprise_service',
      'supervision',
      'cadre',
      'enterprise_user',
    ]);
    expect(roleTemplatesFor('city').map((t) => t.code)).toEqual(['city_admin', 'city_supervisor']);
    for (const t of [...districtRoleTemplates, ...cityRoleTemplates]) {
      expect(new Set(t.permissions).size).toBe(t.permissions.length);
      expect(t.permissions.every(isPermission)).toBe(true);
      expect(t.name).toMatch(/\p{Script=Han}/u);
    }
  });

  it('never hands a district role a city-only permission', () => {
    for (const t of districtRoleTemplates) expect(t.permissions.filter((p) => cityOnly.has(p))).toEqual([]);
  });

  it('makes the district administrator manage the tenant and read every module', () => {
    const admin = template(districtRoleTemplates, 'tenant_admin');
    expect(admin.name).toBe('系统管理员');
    expect(admin.dataScope).toBe('all');
    for (const p of inModule('admin').filter((p) => !cityOnly.has(p))) expect(admin.permissions).toContain(p);
    for (const p of ['projects:project:read', 'enterprise:appeal:read', 'assessments:ranking:read'] as const) {
      expect(admin.permissions).toContain(p);
    }
    expect(admin.permissions).not.toContain('projects:project:update');
    expect(admin.permissions).not.toContain('enterprise:appeal:assign');
  });

  it('gives each department role its module', () => {
    const ndrc = template(districtRoleTemplates, 'ndrc');
    expect(ndrc.dataScope).toBe('department_tree');
    expect(inModule('projects').every((p) => ndrc.permissions.includes(p))).toBe(true);
    expect(ndrc.permissions.some((p) => p.startsWith('enterprise:'))).toBe(false);

    const service = template(districtRoleTemplates, 'enterprise_service');
    expect(inModule('enterprise').every((p) => service.permissions.includes(p))).toBe(true);

    const supervision = template(districtRoleTemplates, 'supervision');
    expect(supervision.permissions).toEqual(
      expect.arrayContaining<Permission>(['assessments:ranking:read', 'assessments:supervision:report', 'assessments:value:report']),
    );
    expect(supervision.permissions).not.toContain('assessments:ranking:publish');
  });

  it('limits the cadre and the enterprise user to their own records', () => {
    const cadre = template(districtRoleTemplates, 'cadre');
    expect(cadre.dataScope).toBe('self');
    expect(cadre.permissions).toEqual(
      expect.arrayContaining<Permission>(['enterprise:enterprise:read', 'enterprise:visit:create', 'enterprise:appeal:create']),
    );
    expect(cadre.permissions).not.toContain('enterprise:appeal:assign');

    const enterprise = template(districtRoleTemplates, 'enterprise_user');
    expect(enterprise.dataScope).toBe('self');
    expect(enterprise.permissions).toEqual(
      expect.arrayContaining<Permission>(['enterprise:appeal:create', 'enterprise:appeal:rate', 'enterprise:benefit:confirm']),
    );
    expect(enterprise.permissions.some((p) => p.startsWith('admin:') || p.startsWith('projects:'))).toBe(false);
  });

  it('lets the city office run the registry and publish rankings, and its 督查室 prepare them', () => {
    const cityAdmin = template(cityRoleTemplates, 'city_admin');
    expect(cityAdmin.name).toBe('市营商办管理员');
    expect(cityAdmin.permissions).toEqual(
      expect.arrayContaining<Permission>([
        ...PERMISSIONS.filter((p) => p.startsWith('admin:tenant:')),
        'admin:audit:read_all',
        'admin:notice:publish',
        'admin:calendar:update',
        'assessments:indicator:update',
        'assessments:ranking:publish',
      ]),
    );

    const supervisor = template(cityRoleTemplates, 'city_supervisor');
    expect(supervisor.name).toBe('市督查室');
    expect(supervisor.permissions).toEqual(
      expect.arrayContaining<Permission>(['assessments:supervision:assign', 'assessments:ranking:compute']),
    );
    expect(supervisor.permissions).not.toContain('assessments:ranking:publish');
    expect(supervisor.permissions).not.toContain('admin:tenant:create');
  });
});

describe('effectivePermissions', () => {
  const mixed = ['projects:project:read', 'enterprise:appeal:read', 'admin:user:read', 'assessments:ranking:read'];

  it('drops the permissions of modules the tenant has not enabled', () => {
    expect(effectivePermissions(mixed, ['projects'])).toEqual(['admin:user:read', 'projects:project:read']);
  });

  it('always keeps admin, even with no module enabled', () => {
    expect(effectivePermissions(mixed, [])).toEqual(['admin:user:read']);
  });

  it('keeps everything when every module is on, in catalogue order', () => {
    expect(effectivePermissions(mixed.toReversed(), MODULES)).toEqual([
      'admin:user:read',
      'projects:project:read',
      'enterprise:appeal:read',
      'assessments:ranking:read',
    ]);
  });

  it('fails closed on names the catalogue does not know and de-duplicates', () => {
    expect(
      effectivePermissions(['admin:user:read', 'admin:user:read', 'admin:everything:do', 'projects:*', ''], MODULES),
    ).toEqual(['admin:user:read']);
  });

  it('ignores unknown module names in the tenant list', () => {
    expect(effectivePermissions(['projects:project:read'], ['bogus', 'Projects'])).toEqual([]);
  });

  it('applies to a whole template', () => {
    const admin = template(districtRoleTemplates, 'tenant_admin');
    const withoutProjects = effectivePermissions(admin.permissions, ['enterprise', 'assessments']);
    expect(withoutProjects.some((p) => p.startsWith('projects:'))).toBe(false);
    expect(withoutProjects).toContain('admin:role:update');
    expect(withoutProjects).toContain('enterprise:stats:read');
  });
});
