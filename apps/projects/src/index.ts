/**
 * 三个一批项目 (projects) micro-frontend: single-spa lifecycles. The shell's import map names this file
 * `@yingshang/app-projects`; Vue, Vue Router, Pinia, vue-i18n and Element Plus come from the shell's /vendor.
 * ECharts is this module's own and only the chart pages load it (see @yingshang/ui/charts/echarts.ts).
 */
import ElementPlus from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import { createPinia } from 'pinia';
import { createApp, type App as VueApp } from 'vue';
import type { Router } from 'vue-router';
import { createPermissionDirective, ELEMENT_PLUS_CSS, loadStylesheet, removeStylesheet, type MicroFrontendProps } from '@yingshang/ui';
import App from './App.vue';
import { projectsKey, shellKey } from './context.ts';
import { setFeedbackContext } from './feedback.ts';
import { createProjectsI18n, sectionLoader, sectionsKey } from './i18n/index.ts';
import { createProjectsRouter } from './router.ts';
import { projectsApi } from './services/projects.ts';

const CSS_ID = 'yingshang-app-projects-css';
// Lib mode does not inject CSS: our stylesheet sits next to this file (a variable, so Vite leaves the URL alone).
const cssFile = 'index.css';

let app: VueApp | null = null;
let router: Router | null = null;

export async function bootstrap(): Promise<void> {}

export async function mount(props: MicroFrontendProps): Promise<void> {
  await Promise.all([
    loadStylesheet(new URL(cssFile, import.meta.url).href, CSS_ID),
    loadStylesheet(ELEMENT_PLUS_CSS, 'element-plus-css'),
  ]);
  const i18n = createProjectsI18n();
  const loadSections = sectionLoader(i18n);
  router = createProjectsRouter(props.basePath, loadSections);
  router.afterEach((to, _from, failure) => {
    if (!failure && to.meta.titleKey) props.setPageTitle(i18n.global.t(to.meta.titleKey));
  });
  app = createApp(App);
  app.provide(shellKey, props);
  app.provide(projectsKey, projectsApi(props.api));
  app.provide(sectionsKey, loadSections);
  app.directive('permission', createPermissionDirective(() => props.session.permissions));
  app.use(createPinia()).use(i18n).use(router).use(ElementPlus, { locale: zhCn });
  await router.isReady().catch(() => undefined);
  app.mount(props.domElementGetter());
}

export async function unmount(): Promise<void> {
  app?.unmount();
  // Stop listening to popstate: the shell's router owns the URL again.
  router?.options.history.destroy();
  setFeedbackContext(null, null);
  app = null;
  router = null;
  removeStylesheet(CSS_ID);
}
