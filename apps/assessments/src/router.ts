import { createRouter, createWebHistory, type RouteComponent, type RouteRecordRaw, type Router } from 'vue-router';
import type { LoadSections, Section } from './i18n/index.ts';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title; the shell shows it in its tabs and breadcrumbs. */
    titleKey?: string;
    /** Any one of these opens the page (the shell's menu asks the same: see apps/shell/src/modules/menu.ts). */
    permission?: string | readonly string[];
  }
}

/** Renders nothing: the URL has left /assessments and single-spa is about to unmount us. */
const Outside = { render: () => null };

type Loader = () => Promise<RouteComponent | { default: RouteComponent }>;

/**
 * The assessments pages under the shell's base path (/assessments). Each menu entry the shell shows for the module
 * has a route here with the same permission. 赛马排名 is the city office's dashboard in the city tenant and the
 * district's own page in a district: a district never gets the city's screens offered (the API refuses them anyway).
 *
 * The history has no base on purpose (see apps/projects/src/router.ts): the shell's router shares `history.state`.
 */
export function createAssessmentsRouter(basePath: string, loadSections: LoadSections, isCity: boolean): Router {
  const page = (path: string, name: string, component: Loader, sections: Section[], titleKey: string, permission?: string | readonly string[]): RouteRecordRaw => ({
    path,
    name,
    component: () => Promise.all([component(), loadSections(...sections)]).then(([loaded]) => loaded),
    meta: { titleKey, ...(permission ? { permission } : {}) },
  });
  const cityOnly = (route: RouteRecordRaw): RouteRecordRaw[] => (isCity ? [route] : []);
  return createRouter({
    history: createWebHistory(),
    routes: [
      {
        path: basePath,
        children: [
          { path: '', redirect: { name: 'rankings' } },
          isCity
            ? page('rankings', 'rankings', () => import('./pages/dashboard/DashboardPage.vue'), ['dashboard'], 'assessments.dashboard.title', 'assessments:ranking:read')
            : page('rankings', 'rankings', () => import('./pages/district/DistrictPage.vue'), ['district', 'dashboard'], 'assessments.district.title', 'assessments:ranking:read'),
          ...cityOnly(
            page('rankings/publish', 'publish', () => import('./pages/publish/PublishPage.vue'), ['publish', 'dashboard', 'enums'], 'assessments.publish.title', [
              'assessments:ranking:compute',
              'assessments:ranking:review',
              'assessments:ranking:publish',
            ]),
          ),
          page('targets', 'targets', () => import('./pages/targets/TargetsPage.vue'), ['targets', 'enums'], 'assessments.targets.title', 'assessments:target:read'),
          page('targets/mid-year', 'mid-year', () => import('./pages/targets/MidYearPage.vue'), ['targets', 'enums'], 'assessments.midYear.title', 'assessments:target:read'),
          page('indicators', 'indicators', () => import('./pages/indicators/IndicatorsPage.vue'), ['indicators', 'enums'], 'assessments.indicators.title', 'assessments:indicator:read'),
          page('values', 'values', () => import('./pages/values/ValuesPage.vue'), ['values', 'indicators', 'enums'], 'assessments.values.title', 'assessments:value:read'),
          page('observations', 'observations', () => import('./pages/observations/ToursPage.vue'), ['observations', 'enums'], 'assessments.observations.title', 'assessments:observation:read'),
          ...cityOnly(
            page('observations/:tourId/score', 'scoring', () => import('./pages/observations/ScoringPage.vue'), ['observations', 'enums'], 'assessments.scoring.title', 'assessments:observation:score'),
          ),
          page('supervision', 'supervision', () => import('./pages/supervision/SupervisionPage.vue'), ['supervision', 'enums'], 'assessments.supervision.title', 'assessments:supervision:read'),
          { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue') },
        ],
      },
      { path: '/:outside(.*)*', name: 'outside', component: Outside },
    ],
  });
}
