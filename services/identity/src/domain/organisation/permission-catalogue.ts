import type { PermissionCatalogueView } from '@yingshang/contracts/organisation';
import {
  ALWAYS_ENABLED_MODULES,
  DATA_SCOPES,
  assignablePermissions,
  dataScopeLabels,
  permissionGroups,
} from '@yingshang/contracts/permissions';
import type { CallerTenant } from './tenant.ts';

/**
 * What the role editor offers: only permissions this tenant may grant (a district never sees the city office's),
 * and only for the modules it has turned on — a permission of a disabled module would have no effect.
 */
export function catalogueFor(tenant: Pick<CallerTenant, 'tier' | 'modules'>): PermissionCatalogueView {
  const assignable = new Set<string>(assignablePermissions(tenant.tier));
  const enabled = new Set<string>([...ALWAYS_ENABLED_MODULES, ...tenant.modules]);
  const groups = permissionGroups
    .filter((group) => enabled.has(group.module))
    .map((group) => {
      const entities = new Map<string, PermissionCatalogueView['groups'][number]['entities'][number]>();
      for (const p of group.permissions) {
        if (!assignable.has(p.name)) continue;
        let entity = entities.get(p.entity);
        if (!entity) {
          entity = { entity: p.entity, label: p.entityLabel, permissions: [] };
          entities.set(p.entity, entity);
        }
        entity.permissions.push({ name: p.name, action: p.action, label: p.label });
      }
      return { module: group.module, label: group.label, entities: [...entities.values()] };
    })
    .filter((group) => group.entities.length > 0);
  return { dataScopes: DATA_SCOPES.map((value) => ({ value, label: dataScopeLabels[value] })), groups };
}
