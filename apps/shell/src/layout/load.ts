import { ELEMENT_PLUS_CSS, loadStylesheet } from '@yingshang/ui';
import { getShellApp } from '../services/app.ts';

let installed: Promise<void> | null = null;

/** Element Plus (through the import map), its locale and stylesheet: the part of the page that waits for sign-in. */
function installElementPlus(): Promise<void> {
  installed ??= Promise.all([
    import('element-plus'),
    import('element-plus/es/locale/lang/zh-cn'),
    loadStylesheet(ELEMENT_PLUS_CSS, 'element-plus-css'),
  ]).then(([ElementPlus, zhCn]) => {
    getShellApp().use(ElementPlus.default, { locale: zhCn.default });
  });
  return installed;
}

/** Started while the sign-in request is in flight, so the layout is ready when it answers. */
export function preloadLayout(): void {
  void installElementPlus().catch(() => {
    installed = null;
  });
  void import('./AppLayout.vue');
}

export async function loadLayout() {
  const [layout] = await Promise.all([import('./AppLayout.vue'), installElementPlus()]);
  return layout;
}

/** A full page outside the layout that uses Element Plus (password change, onboarding): loads both together. */
export async function withElementPlus<T>(page: () => Promise<T>): Promise<T> {
  const [loaded] = await Promise.all([page(), installElementPlus()]);
  return loaded;
}
