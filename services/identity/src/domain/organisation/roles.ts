import type { CreateRoleRequest, Role, UpdateRoleRequest } from '@yingshang/contracts/organisation';
import { assignablePermissions } from '@yingshang/contracts/permissions';
import { type Tx, schema, uuidv7 } from '@yingshang/db';
import { problems, staleVersion } from '@yingshang/service-kit';
import { and, asc, count, eq, gt, inArray } from 'drizzle-orm';
import { type Page, decodeCursor, toPage } from './pagination.ts';
import { fieldProblem, refused, selfLockout } from './problems.ts';
import type { CallerTenant } from './tenant.ts';

const r = schema.roles;
type RoleRow = typeof r.$inferSelect;

export const roleUniques = {
  roles_code_key: { field: 'json.code', message: '角色编码已存在，请换一个' },
};

/** Without these on their own role, an administrator could no longer repair what they just broke. */
const KEEP_ON_OWN_ROLE = ['admin:role:read', 'admin:role:update'] as const;

function toView(row: RoleRow, userCount: number): Role {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    permissions: row.permissions,
    dataScope: row.dataScope,
    builtIn: row.builtIn,
    userCount,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function usersPerRole(tx: Tx, tenantId: string, roleIds: string[]): Promise<Map<string, number>> {
  if (roleIds.length === 0) return new Map();
  const rows = await tx
    .select({ roleId: schema.users.roleId, n: count() })
    .from(schema.users)
    .where(and(eq(schema.users.tenantId, tenantId), inArray(schema.users.roleId, roleIds)))
    .groupBy(schema.users.roleId);
  return new Map(rows.map((row) => [row.roleId, row.n]));
}

export async function listRoles(
  tx: Tx,
  tenantId: string,
  query: { limit: number; cursor?: string | undefined },
): Promise<Page<Role> & { total: number }> {
  const after = decodeCursor(query.cursor);
  const rows = await tx
    .select()
    .from(r)
    .where(and(eq(r.tenantId, tenantId), after ? gt(r.id, after) : undefined))
    .orderBy(asc(r.id))
    .limit(query.limit + 1);
  const counts = await usersPerRole(tx, tenantId, rows.map((row) => row.id));
  const [total] = await tx.select({ n: count() }).from(r).where(eq(r.tenantId, tenantId));
  return { ...toPage(rows.map((row) => toView(row, counts.get(row.id) ?? 0)), query.limit), total: total?.n ?? 0 };
}

async function findRow(tx: Tx, tenantId: string, id: string, lock = false): Promise<RoleRow> {
  const query = tx.select().from(r).where(and(eq(r.tenantId, tenantId), eq(r.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw problems.notFound('角色');
  return row;
}

export async function getRole(tx: Tx, tenantId: string, id: string): Promise<Role> {
  const row = await findRow(tx, tenantId, id);
  return toView(row, (await usersPerRole(tx, tenantId, [id])).get(id) ?? 0);
}

/** A district cannot hand out the city office's powers, whatever the request says: 400 naming the permission. */
function assertAssignable(tenant: CallerTenant, permissions: readonly string[]): void {
  const allowed = new Set<string>(assignablePermissions(tenant.tier));
  const index = permissions.findIndex((p) => !allowed.has(p));
  if (index >= 0) {
    throw fieldProblem(`json.permissions.${index}`, `权限 ${permissions[index]} 仅限市级单位，本单位不能授予`);
  }
}

export async function createRole(tx: Tx, tenant: CallerTenant, input: CreateRoleRequest): Promise<Role> {
  assertAssignable(tenant, input.permissions);
  const [row] = await tx
    .insert(r)
    .values({
      tenantId: tenant.id,
      id: uuidv7(),
      code: input.code,
      name: input.name,
      permissions: input.permissions,
      dataScope: input.dataScope,
      builtIn: false,
    })
    .returning();
  return toView(row!, 0);
}

export async function updateRole(
  tx: Tx,
  tenant: CallerTenant,
  callerRoleCode: string,
  id: string,
  expectedVersion: number,
  input: UpdateRoleRequest,
): Promise<{ before: Role; after: Role }> {
  const current = await findRow(tx, tenant.id, id, true);
  if (current.version !== expectedVersion) throw staleVersion(current.version);
  // Built-in roles are matched by code (seeds, templates, the token's `role` claim): the code stays.
  if (current.builtIn && input.code !== undefined && input.code !== current.code) {
    throw fieldProblem('json.code', '内置角色的编码不能修改');
  }
  if (input.permissions) {
    assertAssignable(tenant, input.permissions);
    if (current.code === callerRoleCode) {
      const missing = KEEP_ON_OWN_ROLE.find((p) => !input.permissions!.includes(p));
      if (missing) throw selfLockout('json.permissions', `不能从自己所属的角色中移除权限 ${missing}`);
    }
  }
  const [row] = await tx
    .update(r)
    .set({
      ...(input.code !== undefined ? { code: input.code } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.permissions !== undefined ? { permissions: input.permissions } : {}),
      ...(input.dataScope !== undefined ? { dataScope: input.dataScope } : {}),
      version: current.version + 1,
      updatedAt: new Date(),
    })
    .where(and(eq(r.tenantId, tenant.id), eq(r.id, id), eq(r.version, expectedVersion)))
    .returning();
  const users = (await usersPerRole(tx, tenant.id, [id])).get(id) ?? 0;
  return { before: toView(current, users), after: toView(row!, users) };
}

export async function deleteRole(tx: Tx, tenantId: string, id: string, expectedVersion: number | undefined): Promise<Role> {
  const current = await findRow(tx, tenantId, id, true);
  if (expectedVersion !== undefined && current.version !== expectedVersion) throw staleVersion(current.version);
  if (current.builtIn) throw refused('role-built-in', '内置角色不能删除', `「${current.name}」是内置角色，可以修改但不能删除`);
  const users = (await usersPerRole(tx, tenantId, [id])).get(id) ?? 0;
  if (users > 0) {
    throw refused('role-in-use', '角色仍在使用', `还有 ${users} 名用户属于「${current.name}」，请先为他们更换角色`, { users });
  }
  await tx.delete(r).where(and(eq(r.tenantId, tenantId), eq(r.id, id)));
  return toView(current, 0);
}
