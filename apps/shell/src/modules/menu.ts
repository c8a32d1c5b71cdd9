import type { ModuleCode, Permission } from '@yingshang/ui';
import { MODULE_CODES } from './manifest.ts';

export interface MenuLeaf {
  path: string;
  /** i18n key under `menu.` */
  titleKey: string;
  /** Shown when the user holds it (or any of them); none = anyone who may open the module. */
  permission?: Permission | readonly Permission[];
}

/**
 * The shell draws every module's menu before the module's code loads, so the entries live here. A module's own
 * router must answer each of these paths (a page, or its own "coming soon" page).
 */
export const MODULE_MENUS: Record<ModuleCode, readonly MenuLeaf[]> = {
  projects: [
    { path: '/projects/ledger', titleKey: 'menu.projects.ledger', permission: 'projects:project:read' },
    { path: '/projects/investment', titleKey: 'menu.projects.investment', permission: 'projects:investment:read' },
    { path: '/projects/blockers', titleKey: 'menu.projects.blockers', permission: 'projects:blocker:read' },
    { path: '/projects/batches', titleKey: 'menu.projects.batches', permission: 'projects:batch:read' },
    { path: '/projects/stats', titleKey: 'menu.projects.stats', permission: 'projects:stats:read' },
  ],
  enterprise: [
    { path: '/enterprise/enterprises', titleKey: 'menu.enterprise.enterprises', permission: 'enterprise:enterprise:read' },
    { path: '/enterprise/pairings', titleKey: 'menu.enterprise.pairings', permission: 'enterprise:pairing:read' },
    { path: '/enterprise/appeals', titleKey: 'menu.enterprise.appeals', permission: 'enterprise:appeal:read' },
    { path: '/enterprise/policies', titleKey: 'menu.enterprise.policies', permission: 'enterprise:policy:read' },
    { path: '/enterprise/benefits', titleKey: 'menu.enterprise.benefits', permission: 'enterprise:benefit:read' },
    { path: '/enterprise/parks', titleKey: 'menu.enterprise.parks', permission: 'enterprise:park:read' },
    { path: '/enterprise/stats', titleKey: 'menu.enterprise.stats', permission: 'enterprise:stats:read' },
  ],
  assessments: [
    { path: '/assessments/rankings', titleKey: 'menu.assessments.rankings', permission: 'assessments:ranking:read' },
    { path: '/assessments/targets', titleKey: 'menu.assessments.targets', permission: 'assessments:target:read' },
    { path: '/assessments/indicators', titleKey: 'menu.assessments.indicators', permission: 'assessments:indicator:read' },
    { path: '/assessments/values', titleKey: 'menu.assessments.values', permission: 'assessments:value:read' },
    { path: '/assessments/observations', titleKey: 'menu.assessments.observations', permission: 'assessments:observation:read' },
    { path: '/assessments/supervision', titleKey: 'menu.assessments.supervision', permission: 'assessments:supervision:read' },
  ],
  admin: [
    { path: '/admin/overview', titleKey: 'menu.admin.overview' },
    // The city office's registry of districts: `admin:tenant:*` is city-only, so districts never see it.
    { path: '/admin/tenants', titleKey: 'menu.admin.tenants', permission: 'admin:tenant:read' },
    { path: '/admin/settings', titleKey: 'menu.admin.settings', permission: 'admin:settings:read' },
    { path: '/admin/departments', titleKey: 'menu.admin.departments', permission: 'admin:department:read' },
    { path: '/admin/users', titleKey: 'menu.admin.users', permission: 'admin:user:read' },
    { path: '/admin/roles', titleKey: 'menu.admin.roles', permission: 'admin:role:read' },
    { path: '/admin/notices', titleKey: 'menu.admin.notices', permission: 'admin:notice:read' },
    { path: '/admin/audit', titleKey: 'menu.admin.audit', permission: 'admin:audit:read' },
    { path: '/admin/sign-in-logs', titleKey: 'menu.admin.signInLogs', permission: 'admin:audit:read' },
    { path: '/admin/audit-all', titleKey: 'menu.admin.auditAll', permission: 'admin:audit:read_all' },
    { path: '/admin/calendar', titleKey: 'menu.admin.calendar', permission: 'admin:calendar:update' },
  ],
};

export { MODULE_CODES };

export function moduleOfPath(path: string): ModuleCode | undefined {
  return MODULE_CODES.find((code) => path === `/${code}` || path.startsWith(`/${code}/`));
}

/** The menu entry a path belongs to: the longest entry path that is a prefix of it. */
export function menuLeafOfPath(path: string): { module: ModuleCode; leaf: MenuLeaf } | undefined {
  const module = moduleOfPath(path);
  if (!module) return undefined;
  let best: MenuLeaf | undefined;
  for (const leaf of MODULE_MENUS[module]) {
    if ((path === leaf.path || path.startsWith(`${leaf.path}/`)) && (!best || leaf.path.length > best.path.length)) best = leaf;
  }
  return best ? { module, leaf: best } : undefined;
}
