import { computed } from 'vue';
import type { ModuleCode } from '@yingshang/ui';
import { MODULE_CODES, MODULE_MENUS, type MenuLeaf } from '../modules/menu.ts';
import { useSessionStore } from '../stores/session.ts';

export interface VisibleModule {
  code: ModuleCode;
  items: readonly MenuLeaf[];
}

/** The modules and entries this user sees: modules the tenant enabled and the role reaches, entries it may read. */
export function useVisibleModules() {
  const session = useSessionStore();
  return computed<VisibleModule[]>(() =>
    MODULE_CODES.filter((code) => session.mayOpen(code))
      .map((code) => ({ code, items: MODULE_MENUS[code].filter((leaf) => session.can(leaf.permission)) }))
      .filter((module) => module.items.length > 0),
  );
}
