import type { ModuleCode } from '@yingshang/ui';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
    /** Signed in, but a full page of its own: no layout, no tab. */
    standalone?: boolean;
    /** i18n key of the page title, for pages that are not in a module menu. */
    titleKey?: string;
    /** The business module whose micro-frontend renders this route. */
    module?: ModuleCode;
  }
}
