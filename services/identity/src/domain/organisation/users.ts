import {
  type CreateUserRequest,
  type UpdateUserRequest,
  type User,
  type UserListQuery,
  passwordProblem,
} from '@yingshang/contracts/organisation';
import { type Tx, schema, uuidv7 } from '@yingshang/db';
import { type Principal, problems, staleVersion } from '@yingshang/service-kit';
import { type SQL, and, asc, count, eq, gt, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import { departmentSubtree } from './departments.ts';
import { type Page, containsPattern, decodeCursor, toPage } from './pagination.ts';
import { fieldProblem, selfLockout } from './problems.ts';

const u = schema.users;
const r = schema.roles;
const dep = schema.departments;

export const userUniques = {
  users_username_key: { field: 'json.username', message: '用户名已被使用，请换一个' },
};

export type Viewer = Pick<Principal, 'userId' | 'tenantId' | 'dataScope' | 'departmentId'>;

// Every column but the password hash and the lockout counter: the hash never leaves this module.
const userColumns = {
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  phone: u.phone,
  departmentId: u.departmentId,
  departmentName: dep.name,
  roleId: r.id,
  roleCode: r.code,
  roleName: r.name,
  status: u.status,
  mustChangePassword: u.mustChangePassword,
  lockedUntil: u.lockedUntil,
  lastSignInAt: u.lastSignInAt,
  version: u.version,
  createdAt: u.createdAt,
  updatedAt: u.updatedAt,
};

const selectUsers = (tx: Tx) =>
  tx
    .select(userColumns)
    .from(u)
    .innerJoin(r, and(eq(r.tenantId, u.tenantId), eq(r.id, u.roleId)))
    .leftJoin(dep, and(eq(dep.tenantId, u.tenantId), eq(dep.id, u.departmentId)));

type UserRow = Awaited<ReturnType<typeof selectUsers>>[number];

function toView(row: UserRow, now = new Date()): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    phone: row.phone,
    departmentId: row.departmentId,
    departmentName: row.departmentName,
    role: { id: row.roleId, code: row.roleCode, name: row.roleName },
    status: row.status,
    mustChangePassword: row.mustChangePassword,
    lockedUntil: row.lockedUntil && row.lockedUntil > now ? row.lockedUntil.toISOString() : null,
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Which users the caller's role reaches: its data scope applies to the user list as to every module's data. The
 * caller always sees their own account.
 */
async function reach(tx: Tx, viewer: Viewer): Promise<SQL | undefined> {
  const self = eq(u.id, viewer.userId);
  switch (viewer.dataScope) {
    case 'all':
      return undefined;
    case 'self':
      return self;
    case 'department':
      return viewer.departmentId ? or(self, eq(u.departmentId, viewer.departmentId)) : self;
    case 'department_tree': {
      if (!viewer.departmentId) return self;
      const ids = await departmentSubtree(tx, viewer.tenantId, viewer.departmentId);
      return ids.length > 0 ? or(self, inArray(u.departmentId, ids)) : self;
    }
  }
}

export async function listUsers(tx: Tx, viewer: Viewer, query: UserListQuery): Promise<Page<User> & { total: number }> {
  const after = decodeCursor(query.cursor);
  const filters: (SQL | undefined)[] = [eq(u.tenantId, viewer.tenantId), await reach(tx, viewer)];
  if (query.keyword) {
    const pattern = containsPattern(query.keyword);
    filters.push(or(ilike(u.username, pattern), ilike(u.displayName, pattern)));
  }
  if (query.departmentId) {
    const ids =
      query.includeSubDepartments === 'true'
        ? await departmentSubtree(tx, viewer.tenantId, query.departmentId)
        : [query.departmentId];
    filters.push(ids.length > 0 ? inArray(u.departmentId, ids) : sql`false`);
  }
  if (query.roleId) filters.push(eq(u.roleId, query.roleId));
  if (query.status) filters.push(eq(u.status, query.status));

  const where = and(...filters);
  const rows = await selectUsers(tx)
    .where(after ? and(where, gt(u.id, after)) : where)
    .orderBy(asc(u.id))
    .limit(query.limit + 1);
  const [total] = await tx.select({ n: count() }).from(u).where(where);
  const now = new Date();
  return { ...toPage(rows.map((row) => toView(row, now)), query.limit), total: total?.n ?? 0 };
}

async function findUser(tx: Tx, viewer: Viewer, id: string): Promise<User> {
  const [row] = await selectUsers(tx).where(and(eq(u.tenantId, viewer.tenantId), eq(u.id, id), await reach(tx, viewer)));
  if (!row) throw problems.notFound('用户');
  return toView(row);
}

export const getUser = findUser;

/** Locks the row for the rest of the transaction and checks the version the client last saw. */
async function lockUser(tx: Tx, viewer: Viewer, id: string, expectedVersion: number | undefined): Promise<User> {
  // Lock first, then read: the "before" written to the operation log is the row this change really replaces.
  const [locked] = await tx
    .select({ version: u.version })
    .from(u)
    .where(and(eq(u.tenantId, viewer.tenantId), eq(u.id, id)))
    .for('update');
  if (!locked) throw problems.notFound('用户');
  const before = await findUser(tx, viewer, id);
  if (expectedVersion !== undefined && before.version !== expectedVersion) throw staleVersion(before.version);
  return before;
}

async function assertRole(tx: Tx, tenantId: string, roleId: string): Promise<void> {
  const [role] = await tx.select({ id: r.id }).from(r).where(and(eq(r.tenantId, tenantId), eq(r.id, roleId)));
  if (!role) throw fieldProblem('json.roleId', '角色不存在');
}

async function assertDepartment(tx: Tx, tenantId: string, departmentId: string): Promise<void> {
  const [found] = await tx.select({ id: dep.id }).from(dep).where(and(eq(dep.tenantId, tenantId), eq(dep.id, departmentId)));
  if (!found) throw fieldProblem('json.departmentId', '部门不存在');
}

export async function createUser(tx: Tx, viewer: Viewer, input: CreateUserRequest, passwordHash: string): Promise<User> {
  await assertRole(tx, viewer.tenantId, input.roleId);
  if (input.departmentId) await assertDepartment(tx, viewer.tenantId, input.departmentId);
  const id = uuidv7();
  await tx.insert(u).values({
    tenantId: viewer.tenantId,
    id,
    username: input.username,
    displayName: input.displayName,
    passwordHash,
    phone: input.phone ?? null,
    departmentId: input.departmentId ?? null,
    roleId: input.roleId,
    mustChangePassword: input.mustChangePassword ?? true,
  });
  // Read back as an administrator would see it, whatever the creator's own data scope.
  return findUser(tx, { ...viewer, dataScope: 'all' }, id);
}

/** Ends every session of the user: a disabled account or a reset password must not keep a live refresh token. */
async function revokeSessions(tx: Tx, tenantId: string, userId: string): Promise<void> {
  await tx
    .update(schema.refreshTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(schema.refreshTokens.tenantId, tenantId),
        eq(schema.refreshTokens.userId, userId),
        isNull(schema.refreshTokens.revokedAt),
      ),
    );
}

export interface UpdateUserOptions {
  /** Changing the status is the `admin:user:disable` permission's, not every editor's. */
  mayChangeStatus: boolean;
}

export async function updateUser(
  tx: Tx,
  viewer: Viewer,
  id: string,
  expectedVersion: number,
  input: UpdateUserRequest,
  opts: UpdateUserOptions,
): Promise<{ before: User; after: User }> {
  const before = await lockUser(tx, viewer, id, expectedVersion);
  const statusChanges = input.status !== undefined && input.status !== before.status;
  if (statusChanges && !opts.mayChangeStatus) throw problems.forbidden('当前账号没有停用或启用用户的权限');
  if (id === viewer.userId) {
    if (statusChanges && input.status === 'disabled') throw selfLockout('json.status', '不能停用自己的账号');
    if (input.roleId !== undefined && input.roleId !== before.role.id) {
      throw selfLockout('json.roleId', '不能修改自己的角色，请由其他管理员修改');
    }
  }
  if (input.roleId !== undefined) await assertRole(tx, viewer.tenantId, input.roleId);
  if (input.departmentId) await assertDepartment(tx, viewer.tenantId, input.departmentId);
  await tx
    .update(u)
    .set({
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
      ...(input.departmentId !== undefined ? { departmentId: input.departmentId } : {}),
      ...(input.roleId !== undefined ? { roleId: input.roleId } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      version: before.version + 1,
      updatedAt: new Date(),
    })
    .where(and(eq(u.tenantId, viewer.tenantId), eq(u.id, id)));
  if (statusChanges && input.status === 'disabled') await revokeSessions(tx, viewer.tenantId, id);
  return { before, after: await findUser(tx, { ...viewer, dataScope: 'all' }, id) };
}

/**
 * Sets a password the administrator chose and tells the user to change it at the next sign-in; clears a lockout,
 * since the reset is usually why someone called the administrator.
 */
export async function resetPassword(
  tx: Tx,
  viewer: Viewer,
  id: string,
  expectedVersion: number | undefined,
  newPassword: string,
  hash: (password: string) => string,
): Promise<{ before: User; after: User }> {
  const before = await lockUser(tx, viewer, id, expectedVersion);
  const weak = passwordProblem(newPassword, before.username);
  if (weak) throw fieldProblem('json.newPassword', weak);
  const now = new Date();
  await tx
    .update(u)
    .set({
      passwordHash: hash(newPassword),
      mustChangePassword: true,
      failedAttempts: 0,
      lockedUntil: null,
      passwordChangedAt: now,
      version: before.version + 1,
      updatedAt: now,
    })
    .where(and(eq(u.tenantId, viewer.tenantId), eq(u.id, id)));
  await revokeSessions(tx, viewer.tenantId, id);
  return { before, after: await findUser(tx, { ...viewer, dataScope: 'all' }, id) };
}

export async function setUserStatus(
  tx: Tx,
  viewer: Viewer,
  id: string,
  expectedVersion: number | undefined,
  status: User['status'],
): Promise<{ before: User; after: User; changed: boolean }> {
  const before = await lockUser(tx, viewer, id, expectedVersion);
  if (id === viewer.userId && status === 'disabled') throw selfLockout('id', '不能停用自己的账号');
  // Asking again for the state the account is already in changes nothing and bumps no version.
  if (before.status === status) return { before, after: before, changed: false };
  await tx
    .update(u)
    .set({ status, version: before.version + 1, updatedAt: new Date() })
    .where(and(eq(u.tenantId, viewer.tenantId), eq(u.id, id)));
  if (status === 'disabled') await revokeSessions(tx, viewer.tenantId, id);
  return { before, after: await findUser(tx, { ...viewer, dataScope: 'all' }, id), changed: true };
}
