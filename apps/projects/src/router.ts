import { createRouter, createWebHistory, type RouteComponent, type RouteRecordRaw, type Router } from 'vue-router';
import type { LoadSections, Section } from './i18n/index.ts';
// The ledger is the module's first view (/projects lands there): it is part of the entry, not a chunk of its own.
import LedgerPage from './pages/ledger/LedgerPage.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title; the shell shows it in its tabs and breadcrumbs. */
    titleKey?: string;
    /** Any one of these opens the page (the shell's menu asks the same: see apps/shell/src/modules/menu.ts). */
    permission?: string | readonly string[];
  }
}

/** Renders nothing: the URL has left /projects and single-spa is about to unmount us. */
const Outside = { render: () => null };

type Loader = () => Promise<RouteComponent | { default: RouteComponent }>;

/**
 * The projects pages under the shell's base path (/projects). Each menu entry the shell shows for the module has a
 * route here with the same permission; a project's pages sit under /projects/ledger so the menu keeps 项目台账 lit.
 *
 * The history has no base on purpose: the shell's router and this one share `history.state`, and vue-router writes
 * the entry's `current` path there; with different bases each would read the other's paths wrongly.
 */
export function createProjectsRouter(basePath: string, loadSections: LoadSections): Router {
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
          { path: '', redirect: { name: 'ledger' } },
          page('ledger', 'ledger', () => Promise.resolve(LedgerPage), [], 'projects.ledger.title', 'projects:project:read'),
          page('ledger/:id', 'project', () => import('./pages/detail/ProjectDetailPage.vue'), ['record', 'detail', 'charts', 'report', 'blockers'], 'projects.detail.title', 'projects:project:read'),
          page('ledger/:id/report', 'report', () => import('./pages/report/ReportPage.vue'), ['record', 'report', 'detail'], 'projects.report.title', 'projects:investment:report'),
          page('investment', 'investment', () => import('./pages/investment/InvestmentPage.vue'), ['record', 'investment', 'report', 'detail', 'stats'], 'projects.investment.title', 'projects:investment:read'),
          page('blockers', 'blockers', () => import('./pages/blockers/BlockersPage.vue'), ['record', 'blockers'], 'projects.blockers.title', 'projects:blocker:read'),
          page('batches', 'batches', () => import('./pages/batches/BatchesPage.vue'), ['record', 'batches'], 'projects.batches.title', 'projects:batch:read'),
          page('stats', 'stats', () => import('./pages/stats/StatsPage.vue'), ['record', 'stats', 'charts', 'report'], 'projects.stats.title', 'projects:stats:read'),
          { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue') },
        ],
      },
      { path: '/:outside(.*)*', name: 'outside', component: Outside },
    ],
  });
}
