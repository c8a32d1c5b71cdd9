import type { Directive, DirectiveBinding } from 'vue';

/** Services check exact names; a `*` grant (reserved for tooling) opens everything. */
export function hasPermission(granted: readonly string[], required: string | readonly string[] | undefined): boolean {
  if (required === undefined) return true;
  const needed = typeof required === 'string' ? [required] : required;
  if (needed.length === 0) return true;
  if (granted.includes('*')) return true;
  return needed.some((p) => granted.includes(p));
}

export type PermissionValue = string | readonly string[];

/**
 * `v-permission="'admin:user:create'"` (or a list: any of them) hides what the user may not use. The element is
 * hidden, not removed: Vue keeps patching its own nodes, and a removed anchor would break the next patch. Hiding is
 * a courtesy, never the check: the services refuse the call either way.
 */
export function createPermissionDirective(granted: () => readonly string[]): Directive<HTMLElement, PermissionValue> {
  const apply = (el: HTMLElement, binding: DirectiveBinding<PermissionValue>) => {
    if (hasPermission(granted(), binding.value)) {
      if (el.dataset.permissionHidden) {
        el.style.removeProperty('display');
        delete el.dataset.permissionHidden;
      }
    } else {
      // Element Plus buttons set `display` in their own CSS, which the `hidden` attribute would lose to.
      el.style.setProperty('display', 'none', 'important');
      el.dataset.permissionHidden = '1';
    }
  };
  return { mounted: apply, updated: apply };
}

declare module 'vue' {
  interface GlobalDirectives {
    /** Registered by every app at mount: `app.directive('permission', createPermissionDirective(...))`. */
    vPermission: Directive<HTMLElement, PermissionValue>;
  }
}
