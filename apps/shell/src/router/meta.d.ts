import type { ModuleCode } from '@yingshang/ui';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
    /** i18n key of the page title, for pages that are not in a module menu. */
    titleKey?: string;
    /** The business module whose micro-frontend renders this route. */
    module?: ModuleCode;
  }
}
