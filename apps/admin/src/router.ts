import { createRouter, createWebHistory, type RouteComponent, type RouteRecordRaw, type Router } from 'vue-router';
import type { PageMessages } from './i18n/index.ts';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title; the shell shows it in its tabs and breadcrumbs. */
    titleKey?: string;
    /** Any one of these opens the page (the shell's menu asks the same: see apps/shell/src/modules/menu.ts). */
    permission?: string | readonly string[];
  }
}

/** Renders nothing: the URL has left /admin and single-spa is about to unmount us. */
const Outside = { render: () => null };

type Loader = () => Promise<RouteComponent | { default: RouteComponent }>;
type LoadMessages = (...names: PageMessages[]) => Promise<void>;

/**
 * The admin pages, under the shell's base path (/admin). Each menu entry the shell shows for admin (its
 * modules/menu.ts) has a route here with the same permission.
 *
 * The history has no base on purpose: the shell's router and this one share `history.state`, and vue-router writes
 * the entry's `current` path there and reuses it on the next push. With different bases the two would read each
 * other's paths wrongly (the shell would replace /admin/users with /users), so both use full paths.
 */
export function createAdminRouter(basePath: string, loadMessages: LoadMessages): Router {
  /** A page whose component and messages load together; `permission` as in the shell's menu. */
  const page = (path: string, component: Loader, messages: PageMessages | null, titleKey: string, permission?: string | readonly string[]): RouteRecordRaw => ({
    path,
    name: path,
    component: messages ? () => Promise.all([component(), loadMessages(messages)]).then(([loaded]) => loaded) : component,
    meta: { titleKey, ...(permission ? { permission } : {}) },
  });
  return createRouter({
    history: createWebHistory(),
    routes: [
      {
        path: basePath,
        children: [
          { path: '', redirect: { name: 'overview' } },
          page('overview', () => import('./pages/OverviewPage.vue'), null, 'admin.overview.title'),
          page('tenants', () => import('./pages/tenants/TenantsPage.vue'), 'tenants', 'admin.tenants.title', 'admin:tenant:read'),
          page('settings', () => import('./pages/settings/SettingsPage.vue'), 'settings', 'admin.settings.title', 'admin:settings:read'),
          page('departments', () => import('./pages/departments/DepartmentsPage.vue'), 'departments', 'admin.departments.title', 'admin:department:read'),
          page('users', () => import('./pages/users/UsersPage.vue'), 'users', 'admin.users.title', 'admin:user:read'),
          page('roles', () => import('./pages/roles/RolesPage.vue'), 'roles', 'admin.roles.title', 'admin:role:read'),
          page('notices', () => import('./pages/notices/NoticesPage.vue'), 'notices', 'admin.notices.title', 'admin:notice:read'),
          page('audit', () => import('./pages/audit/OperationLogPage.vue'), 'audit', 'admin.audit.operationsTitle', 'admin:audit:read'),
          page('sign-in-logs', () => import('./pages/audit/SignInLogPage.vue'), 'audit', 'admin.audit.signInsTitle', 'admin:audit:read'),
          page('audit-all', () => import('./pages/audit/AllTenantsLogPage.vue'), 'audit', 'admin.audit.allTitle', 'admin:audit:read_all'),
          { path: ':pathMatch(.*)*', name: 'coming-soon', component: () => import('./pages/ComingSoonPage.vue') },
        ],
      },
      { path: '/:outside(.*)*', name: 'outside', component: Outside },
    ],
  });
}
