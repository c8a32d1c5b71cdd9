import type { Principal } from '@yingshang/service-kit';
import { type SQL, sql } from 'drizzle-orm';

export type Viewer = Pick<Principal, 'userId' | 'tenantId' | 'displayName' | 'dataScope' | 'departmentId'>;

/**
 * Which projects the caller's data scope reaches, as a predicate on the projects alias `p`. The department tree
 * comes from `identity.department_tree_v` at query time (identity publishes it; the projects service never reads
 * identity's tables), so moving a department moves what its people see at once, with nothing stored to go stale.
 * Whoever registered a project, or is named its responsible person, always sees it.
 */
export function scopePredicate(viewer: Viewer): SQL {
  const own = sql`(p.created_by = ${viewer.userId}::uuid or p.responsible_user_id = ${viewer.userId}::uuid)`;
  switch (viewer.dataScope) {
    case 'all':
      return sql`true`;
    case 'self':
      return own;
    case 'department':
      return viewer.departmentId ? sql`(p.department_id = ${viewer.departmentId}::uuid or ${own})` : own;
    case 'department_tree':
      return viewer.departmentId
        ? sql`(p.department_id in (select d.id from identity.department_tree_v d where ${viewer.departmentId}::uuid = any(d.path)) or ${own})`
        : own;
  }
}

/** The departments a caller may assign projects to: those their scope reaches (any, for `all` and `self`). */
export function assignableDepartments(viewer: Viewer): SQL {
  switch (viewer.dataScope) {
    case 'department':
      return viewer.departmentId ? sql`d.id = ${viewer.departmentId}::uuid` : sql`false`;
    case 'department_tree':
      return viewer.departmentId ? sql`${viewer.departmentId}::uuid = any(d.path)` : sql`false`;
    default:
      return sql`true`;
  }
}
