import { createRouter, createWebHistory, type RouteRecordRaw, type Router } from 'vue-router';
import { session } from '../services/api.ts';
import { useSessionStore } from '../stores/session.ts';
import { useTabsStore } from '../stores/tabs.ts';
import { useTenantStore, type ShellMode } from '../stores/tenant.ts';
import { MODULE_CODES } from '../modules/manifest.ts';
import { loadPageMessages, t } from '../i18n/index.ts';
import { safeRedirect } from './redirect.ts';
import { titleOf } from './titles.ts';

/** Everything behind sign-in (Element Plus, its CSS, the layout) arrives in one lazy step. */
const layout = () => import('../layout/load.ts').then((m) => m.loadLayout());
/** Lazy too, so a reload inside the layout does not pay for it; main.ts prefetches it when no session is likely. */
export const loadSignInPage = () => import('../pages/SignInPage.vue');
/** Full pages with Element Plus but without the layout. */
const changePasswordPage = () =>
  import('../layout/load.ts').then((m) => m.withElementPlus(() => loadPageMessages('password').then(() => import('../pages/ChangePasswordPage.vue'))));
const onboardingPage = () =>
  import('../layout/load.ts').then((m) => m.withElementPlus(() => loadPageMessages('onboarding').then(() => import('../pages/onboarding/OnboardingPage.vue'))));

function tenantRoutes(): RouteRecordRaw[] {
  return [
    { path: '/login', name: 'sign-in', component: loadSignInPage, meta: { public: true, titleKey: 'signIn.pageTitle' } },
    { path: '/password', name: 'change-password', component: changePasswordPage, meta: { standalone: true, titleKey: 'password.pageTitle' } },
    {
      path: '/',
      component: layout,
      children: [
        { path: '', name: 'home', component: () => import('../layout/pages/HomePage.vue') },
        ...MODULE_CODES.map(
          (code): RouteRecordRaw => ({
            path: `/${code}/:rest(.*)*`,
            name: `module-${code}`,
            component: () => import('../layout/ModuleHost.vue'),
            props: { code },
            meta: { module: code },
          }),
        ),
        {
          path: '/:pathMatch(.*)*',
          name: 'not-found',
          component: () => import('../layout/pages/NotFoundPage.vue'),
          meta: { titleKey: 'states.notFound' },
        },
      ],
    },
  ];
}

function portalRoutes(): RouteRecordRaw[] {
  return [
    // The invitation link (`/onboarding#<token>`) lands on the bare host: the tenant has no host of its own yet.
    { path: '/onboarding', name: 'onboarding', component: onboardingPage, meta: { public: true, titleKey: 'onboarding.pageTitle' } },
    { path: '/:pathMatch(.*)*', name: 'portal', component: () => import('../pages/PortalPage.vue'), meta: { public: true, titleKey: 'portal.pageTitle' } },
  ];
}

function failedRoutes(): RouteRecordRaw[] {
  return [{ path: '/:pathMatch(.*)*', name: 'boot-failed', component: () => import('../pages/BootFailedPage.vue'), meta: { public: true } }];
}

export function createShellRouter(mode: ShellMode): Router {
  const routes = mode === 'tenant' ? tenantRoutes() : mode === 'portal' ? portalRoutes() : failedRoutes();
  const router = createRouter({
    history: createWebHistory(),
    routes,
    scrollBehavior: () => ({ top: 0 }),
  });

  router.beforeEach(async (to) => {
    if (mode !== 'tenant') return true;
    const store = useSessionStore();
    await store.ready();
    if (to.name === 'sign-in') return store.authenticated ? safeRedirect(to.query.redirect) : true;
    if (to.meta.public) return true;
    if (!store.authenticated) return { name: 'sign-in', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
    // An initial or reset password is changed before anything else opens.
    if (store.mustChangePassword && to.name !== 'change-password') {
      return { name: 'change-password', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
    }
    return true;
  });

  router.afterEach((to, _from, failure) => {
    if (failure) return;
    const tenant = useTenantStore();
    const title = (to.meta.public || to.meta.standalone) && to.meta.titleKey ? t(to.meta.titleKey) : titleOf(to);
    document.title = `${title} - ${tenant.siteTitle}`;
    if (!to.meta.public && !to.meta.standalone && mode === 'tenant') useTabsStore().visit(to.fullPath, titleOf(to));
  });

  // A refresh that fails mid-session (cookie revoked, signed out in another tab) lands on the sign-in page.
  session.subscribe((event) => {
    if (event !== 'expired') return;
    const current = router.currentRoute.value;
    if (current.meta.public) return;
    useTabsStore().reset();
    void router.replace({ name: 'sign-in', query: { redirect: current.fullPath, reason: 'expired' } });
  });

  return router;
}
