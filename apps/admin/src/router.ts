import { createRouter, createWebHistory, type Router } from 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title; the shell shows it in its tabs and breadcrumbs. */
    titleKey?: string;
  }
}

/** Renders nothing: the URL has left /admin and single-spa is about to unmount us. */
const Outside = { render: () => null };

/**
 * The admin pages, under the shell's base path (/admin). Each menu entry the shell shows for admin (its
 * modules/menu.ts) gets a child route here as its page is built; until then the catch-all says it is coming.
 *
 * The history has no base on purpose: the shell's router and this one share `history.state`, and vue-router writes
 * the entry's `current` path there and reuses it on the next push. With different bases the two would read each
 * other's paths wrongly (the shell would replace /admin/users with /users), so both use full paths.
 */
export function createAdminRouter(basePath: string): Router {
  return createRouter({
    history: createWebHistory(),
    routes: [
      {
        path: basePath,
        children: [
          { path: '', redirect: { name: 'overview' } },
          {
            path: 'overview',
            name: 'overview',
            component: () => import('./pages/OverviewPage.vue'),
            meta: { titleKey: 'admin.overview.title' },
          },
          { path: ':pathMatch(.*)*', name: 'coming-soon', component: () => import('./pages/ComingSoonPage.vue') },
        ],
      },
      { path: '/:outside(.*)*', name: 'outside', component: Outside },
    ],
  });
}
