import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { createPermissionDirective } from '@yingshang/ui';
import App from './App.vue';
import { i18n } from './i18n/index.ts';
import { startMicroFrontends } from './micro-frontends/register.ts';
import { createShellRouter, loadSignInPage } from './router/index.ts';
import { setShellApp } from './services/app.ts';
import { hostInfo } from './services/host.ts';
import { probablySignedIn, trackSessionHint } from './services/session-hint.ts';
import { useSessionStore } from './stores/session.ts';
import { useTenantStore } from './stores/tenant.ts';

async function boot() {
  // Fetch the sign-in page alongside the tenant lookup, unless this is the portal or the browser is probably
  // signed in already.
  if (!hostInfo().bare && !probablySignedIn()) void loadSignInPage();
  trackSessionHint();

  const app = createApp(App);
  setShellApp(app);
  const pinia = createPinia();
  app.use(pinia).use(i18n);
  const session = useSessionStore(pinia);
  app.directive('permission', createPermissionDirective(() => session.permissions));

  // The host decides everything else: a tenant's sign-in and layout, or the portal on the bare host.
  const tenant = useTenantStore(pinia);
  await tenant.load();

  const router = createShellRouter(tenant.mode);
  app.use(router);
  if (tenant.mode === 'tenant') startMicroFrontends(router);
  await router.isReady();
  app.mount('#app');
}

void boot();
