import { createRouter, createWebHistory, type RouteComponent, type RouteRecordRaw, type Router } from 'vue-router';
import type { ShellSession } from '@yingshang/ui';
import { isEnterpriseUser } from './audience.ts';
import type { LoadSections, Section } from './i18n/index.ts';
// The appeal ledger is the first view of most users (/enterprise lands there): part of the entry, not a chunk.
import AppealsPage from './pages/appeals/AppealsPage.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title; the shell shows it in its tabs and breadcrumbs. */
    titleKey?: string;
    /** Any one of these opens the page (the shell's menu asks the same: see apps/shell/src/modules/menu.ts). */
    permission?: string | readonly string[];
  }
}

/** Renders nothing: the URL has left /enterprise and single-spa is about to unmount us. */
const Outside = { render: () => null };

type Loader = () => Promise<RouteComponent | { default: RouteComponent }>;

/**
 * The enterprise pages under the shell's base path (/enterprise), one per menu entry of the shell (same permission).
 * An enterprise's own user gets their own pages behind the same entries: 企业档案 is their file, 企业诉求 their
 * appeals with 提交诉求, 免申即享 their matched benefits.
 *
 * The history has no base on purpose: the shell's router and this one share `history.state` (see apps/projects).
 */
export function createEnterpriseRouter(basePath: string, session: Pick<ShellSession, 'user' | 'hasPermission'>, loadSections: LoadSections): Router {
  const own = isEnterpriseUser(session);
  /** A page whose component and message sections load together; `permission` as in the shell's menu. */
  const page = (path: string, name: string, component: Loader, sections: Section[], titleKey: string, permission?: string | readonly string[]): RouteRecordRaw => ({
    path,
    name,
    component: sections.length ? () => Promise.all([component(), loadSections(...sections)]).then(([loaded]) => loaded) : component,
    meta: { titleKey, ...(permission ? { permission } : {}) },
  });
  return createRouter({
    history: createWebHistory(),
    routes: [
      {
        path: basePath,
        children: [
          { path: '', redirect: { name: own ? 'mine' : 'appeals' } },
          own
            ? page('enterprises', 'mine', () => import('./pages/mine/MinePage.vue'), ['benefits', 'registry', 'appeal'], 'enterprise.mine.title', 'enterprise:enterprise:read')
            : page('enterprises', 'enterprises', () => import('./pages/registry/RegistryPage.vue'), ['registry'], 'enterprise.registry.title', 'enterprise:enterprise:read'),
          page('enterprises/:id', 'enterprise', () => import('./pages/registry/EnterpriseFilePage.vue'), ['registry', 'people', 'benefits', 'appeal'], 'enterprise.file.title', 'enterprise:enterprise:read'),
          page('pairings', 'pairings', () => import('./pages/pairings/PairingsPage.vue'), ['people', 'registry', 'appeal'], 'enterprise.pairings.title', 'enterprise:pairing:read'),
          page('appeals', 'appeals', () => Promise.resolve(AppealsPage), [], own ? 'enterprise.appeals.mineTitle' : 'enterprise.appeals.title', 'enterprise:appeal:read'),
          page('appeals/:id', 'appeal', () => import('./pages/appeals/AppealDetailPage.vue'), ['appeal'], 'enterprise.appeal.title', 'enterprise:appeal:read'),
          page('policies', 'policies', () => import('./pages/policies/PoliciesPage.vue'), ['policies'], 'enterprise.policies.title', 'enterprise:policy:read'),
          page('policies/new', 'policy-new', () => import('./pages/policies/PolicyEditorPage.vue'), ['policies', 'registry'], 'enterprise.policy.newTitle', 'enterprise:policy:update'),
          page('policies/:id', 'policy', () => import('./pages/policies/PolicyEditorPage.vue'), ['policies', 'registry'], 'enterprise.policy.title', 'enterprise:policy:read'),
          page('benefits', 'benefits', () => import('./pages/benefits/BenefitsPage.vue'), ['benefits'], 'enterprise.benefits.title', 'enterprise:benefit:read'),
          page('parks', 'parks', () => import('./pages/parks/ParksPage.vue'), ['parks', 'registry'], 'enterprise.parks.title', 'enterprise:park:read'),
          page('stats', 'stats', () => import('./pages/stats/StatsPage.vue'), ['stats'], 'enterprise.stats.title', 'enterprise:stats:read'),
          { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue') },
        ],
      },
      { path: '/:outside(.*)*', name: 'outside', component: Outside },
    ],
  });
}
