import type { RouteLocationNormalizedLoaded } from 'vue-router';
import { t } from '../i18n/index.ts';
import { menuLeafOfPath, moduleOfPath } from '../modules/menu.ts';

/** The trail above a page: [module, page] for module routes, the route's own title otherwise. */
export function breadcrumbOf(route: Pick<RouteLocationNormalizedLoaded, 'path' | 'meta' | 'name'>): string[] {
  if (route.name === 'home') return [];
  const module = moduleOfPath(route.path);
  if (module) {
    const found = menuLeafOfPath(route.path);
    return found ? [t(`modules.${module}`), t(found.leaf.titleKey)] : [t(`modules.${module}`)];
  }
  return route.meta.titleKey ? [t(route.meta.titleKey)] : [];
}

export function titleOf(route: Pick<RouteLocationNormalizedLoaded, 'path' | 'meta' | 'name'>): string {
  if (route.name === 'home') return t('menu.home');
  const trail = breadcrumbOf(route);
  return trail[trail.length - 1] ?? t('app.name');
}
