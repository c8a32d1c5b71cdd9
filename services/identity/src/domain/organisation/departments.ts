import type {
  CreateDepartmentRequest,
  Department,
  DepartmentNode,
  UpdateDepartmentRequest,
} from '@yingshang/contracts/organisation';
import { type Tx, queryRows, schema, uuidv7 } from '@yingshang/db';
import { problems, staleVersion } from '@yingshang/service-kit';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { fieldProblem, refused } from './problems.ts';

const d = schema.departments;
type DepartmentRow = typeof d.$inferSelect;

export const departmentUniques = {
  departments_code_key: { field: 'json.code', message: '部门编码已存在，请换一个' },
};

function toView(row: DepartmentRow, userCount: number): Department {
  return {
    id: row.id,
    parentId: row.parentId,
    code: row.code,
    name: row.name,
    sortOrder: row.sortOrder,
    userCount,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function userCounts(tx: Tx, tenantId: string): Promise<Map<string, number>> {
  const rows = await tx
    .select({ departmentId: schema.users.departmentId, n: count() })
    .from(schema.users)
    .where(eq(schema.users.tenantId, tenantId))
    .groupBy(schema.users.departmentId);
  return new Map(rows.filter((r) => r.departmentId !== null).map((r) => [r.departmentId!, r.n]));
}

/** Every department, siblings in their display order; parents are not guaranteed to come first. */
export async function listDepartments(tx: Tx, tenantId: string): Promise<Department[]> {
  const rows = await tx.select().from(d).where(eq(d.tenantId, tenantId)).orderBy(asc(d.sortOrder), asc(d.code));
  const counts = await userCounts(tx, tenantId);
  return rows.map((row) => toView(row, counts.get(row.id) ?? 0));
}

/** Nests the flat list; a department whose parent is missing (cannot happen with the foreign key) becomes a root. */
export function buildTree(items: readonly Department[]): DepartmentNode[] {
  const nodes = new Map<string, DepartmentNode>(items.map((item) => [item.id, { ...item, children: [] }]));
  const roots: DepartmentNode[] = [];
  for (const item of items) {
    const node = nodes.get(item.id)!;
    const parent = item.parentId ? nodes.get(item.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

async function findRow(tx: Tx, tenantId: string, id: string, lock = false): Promise<DepartmentRow> {
  const query = tx.select().from(d).where(and(eq(d.tenantId, tenantId), eq(d.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw problems.notFound('部门');
  return row;
}

export async function getDepartment(tx: Tx, tenantId: string, id: string): Promise<Department> {
  const row = await findRow(tx, tenantId, id);
  const [users] = await tx
    .select({ n: count() })
    .from(schema.users)
    .where(and(eq(schema.users.tenantId, tenantId), eq(schema.users.departmentId, id)));
  return toView(row, users?.n ?? 0);
}

/** The department and every department below it. */
export async function departmentSubtree(tx: Tx, tenantId: string, rootId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`with recursive sub(id) as (
          select id from identity.departments where tenant_id = ${tenantId} and id = ${rootId}
          union
          select c.id from identity.departments c join sub on c.parent_id = sub.id where c.tenant_id = ${tenantId}
        )
        select id from sub`,
  );
  return rows.map((r) => r.id);
}

async function assertParentExists(tx: Tx, tenantId: string, parentId: string): Promise<void> {
  const [parent] = await tx.select({ id: d.id }).from(d).where(and(eq(d.tenantId, tenantId), eq(d.id, parentId)));
  if (!parent) throw fieldProblem('json.parentId', '上级部门不存在');
}

export async function createDepartment(tx: Tx, tenantId: string, input: CreateDepartmentRequest): Promise<Department> {
  if (input.parentId) await assertParentExists(tx, tenantId, input.parentId);
  const [row] = await tx
    .insert(d)
    .values({
      tenantId,
      id: uuidv7(),
      parentId: input.parentId ?? null,
      code: input.code,
      name: input.name,
      sortOrder: input.sortOrder ?? 0,
    })
    .returning();
  return toView(row!, 0);
}

export async function updateDepartment(
  tx: Tx,
  tenantId: string,
  id: string,
  expectedVersion: number,
  input: UpdateDepartmentRequest,
): Promise<{ before: Department; after: Department }> {
  const current = await findRow(tx, tenantId, id, true);
  if (current.version !== expectedVersion) throw staleVersion(current.version);
  if (input.parentId) {
    // Moving a department under itself or under one of its own descendants would cut the branch off the tree.
    if ((await departmentSubtree(tx, tenantId, id)).includes(input.parentId)) {
      throw fieldProblem('json.parentId', '不能把部门移到它自己或它的下级部门之下');
    }
    await assertParentExists(tx, tenantId, input.parentId);
  }
  const [row] = await tx
    .update(d)
    .set({
      ...(input.code !== undefined ? { code: input.code } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
      ...(input.sortOrder !== undefined ? { sortOrder: input.sortOrder } : {}),
      version: current.version + 1,
      updatedAt: new Date(),
    })
    .where(and(eq(d.tenantId, tenantId), eq(d.id, id), eq(d.version, expectedVersion)))
    .returning();
  const counts = await userCounts(tx, tenantId);
  return { before: toView(current, counts.get(id) ?? 0), after: toView(row!, counts.get(id) ?? 0) };
}

/** Refuses while anything hangs off the department: deleting it would orphan sub-departments or users. */
export async function deleteDepartment(
  tx: Tx,
  tenantId: string,
  id: string,
  expectedVersion: number | undefined,
): Promise<Department> {
  const current = await findRow(tx, tenantId, id, true);
  if (expectedVersion !== undefined && current.version !== expectedVersion) throw staleVersion(current.version);
  const [children] = await tx.select({ n: count() }).from(d).where(and(eq(d.tenantId, tenantId), eq(d.parentId, id)));
  if (children && children.n > 0) {
    throw refused('department-has-children', '部门下还有下级部门', `请先删除或移走该部门的 ${children.n} 个下级部门`, {
      children: children.n,
    });
  }
  const [users] = await tx
    .select({ n: count() })
    .from(schema.users)
    .where(and(eq(schema.users.tenantId, tenantId), eq(schema.users.departmentId, id)));
  if (users && users.n > 0) {
    throw refused('department-has-users', '部门下还有用户', `请先把该部门的 ${users.n} 名用户调到其他部门`, { users: users.n });
  }
  await tx.delete(d).where(and(eq(d.tenantId, tenantId), eq(d.id, id)));
  return toView(current, 0);
}
