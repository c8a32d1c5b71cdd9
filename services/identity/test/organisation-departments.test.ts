import { expectProblem, rowCounts, tenantRequest, tokenFor, uuidv7 } from '@yingshang/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IdentityHarness, identityHarness } from './setup.ts';

let h: IdentityHarness;
let alpha: string;
let bravo: string;
beforeAll(async () => {
  h = await identityHarness();
  alpha = await tokenFor(h.fx.a);
  bravo = await tokenFor(h.fx.b);
});
afterAll(() => h.db.close());

const API = '/api/identity/v1/departments';
type Dept = { id: string; parentId: string | null; code: string; name: string; userCount: number; version: number };
type Node = Dept & { children: Node[] };

const call = (slug: string, path: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
  h.fetch(tenantRequest(slug, path, init));
const counts = () => rowCounts(h.db.pglite, ['identity.departments', 'audit.operation_log', 'identity.idempotency_keys']);
const create = async (body: unknown, slug = 'alpha', token = alpha) => {
  const res = await call(slug, API, { token, body });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Dept;
};
const fieldsOf = (problem: Record<string, unknown>) => [...new Set((problem.errors as { field: string }[]).map((e) => e.field))];

describe('GET /departments', () => {
  it('lists the tenant’s departments flat, with parent ids and user counts, and nothing of other tenants', async () => {
    const res = await call('alpha', API, { token: alpha });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: Dept[]; nextCursor: null; total: number };
    expect(body.nextCursor).toBeNull();
    const office = body.items.find((d) => d.code === 'office');
    expect(office).toMatchObject({ parentId: null, name: '办公室', userCount: 2, version: 1 });
    expect(body.items.every((d) => d.id !== h.fx.b.users.admin.departmentId)).toBe(true);
    expect(body.total).toBe(body.items.length);
  });

  it('nests the tree under its roots', async () => {
    const root = await create({ code: 'tree-root', name: '树根' });
    const child = await create({ code: 'tree-child', name: '树枝', parentId: root.id });
    await create({ code: 'tree-leaf', name: '树叶', parentId: child.id });
    const res = await call('alpha', `${API}/tree`, { token: alpha });
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: Node[] };
    const found = items.find((n) => n.id === root.id)!;
    expect(found.children.map((n) => n.code)).toEqual(['tree-child']);
    expect(found.children[0]!.children.map((n) => n.code)).toEqual(['tree-leaf']);
    expect(items.some((n) => n.id === child.id)).toBe(false);
  });
});

describe('GET /departments/{id}', () => {
  it('returns the department with its version as ETag', async () => {
    const res = await call('alpha', `${API}/${h.fx.a.users.admin.departmentId}`, { token: alpha });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(await res.json()).toMatchObject({ code: 'office', userCount: 2 });
  });

  it('answers 404 for another tenant’s department and 400 for a malformed id', async () => {
    const problem = await expectProblem(await call('alpha', `${API}/${h.fx.b.users.admin.departmentId}`, { token: alpha }), 404);
    expect(JSON.stringify(problem)).not.toContain('办公室');
    expect(fieldsOf(await expectProblem(await call('alpha', `${API}/not-a-uuid`, { token: alpha }), 400))).toEqual(['param.id']);
  });
});

describe('POST /departments', () => {
  it('creates a department under a parent and writes the operation log in the same transaction', async () => {
    const before = await counts();
    const created = await create({ code: 'fgw', name: '发展和改革委员会', parentId: h.fx.a.users.admin.departmentId, sortOrder: 3 });
    expect(created).toMatchObject({ code: 'fgw', parentId: h.fx.a.users.admin.departmentId, sortOrder: 3, userCount: 0, version: 1 });
    const after = await counts();
    expect(after['identity.departments']).toBe(before['identity.departments']! + 1);
    const { rows } = await h.db.pglite.query<{ tenant_id: string; action: string; actor_id: string }>(
      `select tenant_id, action, actor_id from audit.operation_log where entity_id = $1`,
      [created.id],
    );
    expect(rows).toEqual([{ tenant_id: h.fx.a.id, action: 'department.create', actor_id: h.fx.a.users.admin.id }]);
  });

  it('creates once per Idempotency-Key and replays the answer', async () => {
    const headers = { 'idempotency-key': 'dept-create-0001' };
    const body = { code: 'idem', name: '幂等测试' };
    const first = await call('alpha', API, { token: alpha, body, headers });
    const second = await call('alpha', API, { token: alpha, body, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(((await second.json()) as Dept).id).toBe(((await first.json()) as Dept).id);
    const reused = await call('alpha', API, { token: alpha, body: { ...body, name: '另一个' }, headers });
    await expectProblem(reused, 422);
  });

  it('refuses a duplicate code with 409 naming the field, and writes nothing', async () => {
    const before = await counts();
    const problem = await expectProblem(await call('alpha', API, { token: alpha, body: { code: 'office', name: '重复' } }), 409);
    expect(fieldsOf(problem)).toEqual(['json.code']);
    expect(await counts()).toEqual(before);
    // The same code in another tenant is no conflict.
    await create({ code: 'fgw', name: '发改委' }, 'bravo', bravo);
  });

  it('names every invalid field and writes nothing', async () => {
    const before = await counts();
    const problem = await expectProblem(
      await call('alpha', API, { token: alpha, body: { code: 'Bad Code', name: '', sortOrder: -1, extra: true } }),
      400,
    );
    expect(fieldsOf(problem)).toEqual(expect.arrayContaining(['json.code', 'json.name', 'json.sortOrder']));
    await expectProblem(await call('alpha', API, { token: alpha, body: '{not json' }), 400);
    expect(await counts()).toEqual(before);
  });

  it('refuses a parent from another tenant as if it did not exist', async () => {
    const before = await counts();
    const problem = await expectProblem(
      await call('alpha', API, { token: alpha, body: { code: 'spy', name: '越权', parentId: h.fx.b.users.admin.departmentId } }),
      400,
    );
    expect(problem.errors).toEqual([{ field: 'json.parentId', message: '上级部门不存在' }]);
    expect(await counts()).toEqual(before);
  });
});

describe('PATCH /departments/{id}', () => {
  it('renames with If-Match, bumps the version and logs before and after', async () => {
    const dept = await create({ code: 'rename-me', name: '旧名称' });
    const res = await call('alpha', `${API}/${dept.id}`, { method: 'PATCH', token: alpha, body: { name: '新名称' }, headers: { 'if-match': '"1"' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(await res.json()).toMatchObject({ name: '新名称', version: 2 });
    const { rows } = await h.db.pglite.query<{ before: { name: string }; after: { name: string } }>(
      `select before, after from audit.operation_log where entity_id = $1 and action = 'department.update'`,
      [dept.id],
    );
    expect(rows[0]).toMatchObject({ before: { name: '旧名称' }, after: { name: '新名称' } });
  });

  it('answers 412 with the current version on a stale write, 428 without If-Match, and changes nothing', async () => {
    const dept = await create({ code: 'stale', name: '并发' });
    const path = `${API}/${dept.id}`;
    await call('alpha', path, { method: 'PATCH', token: alpha, body: { name: '甲改' }, headers: { 'if-match': '1' } });
    const before = await counts();
    const stale = await expectProblem(await call('alpha', path, { method: 'PATCH', token: alpha, body: { name: '乙改' }, headers: { 'if-match': '1' } }), 412);
    expect(stale.currentVersion).toBe(2);
    await expectProblem(await call('alpha', path, { method: 'PATCH', token: alpha, body: { name: '乙改' } }), 428);
    expect(await counts()).toEqual(before);
    expect(await (await call('alpha', path, { token: alpha })).json()).toMatchObject({ name: '甲改', version: 2 });
  });

  it('refuses a cycle, a duplicate code and an empty change, naming the field', async () => {
    const top = await create({ code: 'cycle-top', name: '上级' });
    const below = await create({ code: 'cycle-below', name: '下级', parentId: top.id });
    const before = await counts();
    const patch = (id: string, body: unknown) => call('alpha', `${API}/${id}`, { method: 'PATCH', token: alpha, body, headers: { 'if-match': '1' } });
    expect(fieldsOf(await expectProblem(await patch(top.id, { parentId: below.id }), 400))).toEqual(['json.parentId']);
    expect(fieldsOf(await expectProblem(await patch(top.id, { parentId: top.id }), 400))).toEqual(['json.parentId']);
    expect(fieldsOf(await expectProblem(await patch(below.id, { code: 'office' }), 409))).toEqual(['json.code']);
    await expectProblem(await patch(below.id, {}), 400);
    expect(await counts()).toEqual(before);
  });

  it('moves a department to the top level with parentId null', async () => {
    const top = await create({ code: 'move-top', name: '原上级' });
    const below = await create({ code: 'move-below', name: '移动', parentId: top.id });
    const res = await call('alpha', `${API}/${below.id}`, { method: 'PATCH', token: alpha, body: { parentId: null }, headers: { 'if-match': '1' } });
    expect(await res.json()).toMatchObject({ parentId: null, version: 2 });
  });

  it('answers 404 for another tenant’s department and leaves it alone', async () => {
    const theirs = h.fx.b.users.admin.departmentId;
    await expectProblem(
      await call('alpha', `${API}/${theirs}`, { method: 'PATCH', token: alpha, body: { name: '篡改' }, headers: { 'if-match': '1' } }),
      404,
    );
    const { rows } = await h.db.pglite.query<{ name: string }>(`select name from identity.departments where id = $1`, [theirs]);
    expect(rows[0]!.name).toBe('办公室');
  });
});

describe('DELETE /departments/{id}', () => {
  it('deletes a leaf department and logs it', async () => {
    const dept = await create({ code: 'to-delete', name: '待删除' });
    const res = await call('alpha', `${API}/${dept.id}`, { method: 'DELETE', token: alpha, headers: { 'if-match': '1' } });
    expect(res.status).toBe(204);
    await expectProblem(await call('alpha', `${API}/${dept.id}`, { token: alpha }), 404);
    const { rows } = await h.db.pglite.query(`select 1 from audit.operation_log where entity_id = $1 and action = 'department.delete'`, [dept.id]);
    expect(rows).toHaveLength(1);
  });

  it('refuses with 409 while the department has sub-departments or users, and deletes nothing', async () => {
    const parent = await create({ code: 'has-child', name: '有下级' });
    await create({ code: 'the-child', name: '下级', parentId: parent.id });
    const staffed = await create({ code: 'has-users', name: '有用户' });
    await h.db.pglite.query(
      `insert into identity.users (tenant_id, id, username, display_name, password_hash, department_id, role_id)
       select tenant_id, $1, 'dept-user', '部门用户', 'x', $2, role_id from identity.users where id = $3`,
      [uuidv7(), staffed.id, h.fx.a.users.clerk.id],
    );
    const before = await counts();
    const children = await expectProblem(await call('alpha', `${API}/${parent.id}`, { method: 'DELETE', token: alpha }), 409);
    expect(children.type).toMatch(/department-has-children/);
    const users = await expectProblem(await call('alpha', `${API}/${staffed.id}`, { method: 'DELETE', token: alpha }), 409);
    expect(users.type).toMatch(/department-has-users/);
    expect(await counts()).toEqual(before);
  });

  it('answers 412 on a stale If-Match and 404 for another tenant’s department', async () => {
    const dept = await create({ code: 'delete-stale', name: '过期删除' });
    const before = await counts();
    await expectProblem(await call('alpha', `${API}/${dept.id}`, { method: 'DELETE', token: alpha, headers: { 'if-match': '"7"' } }), 412);
    await expectProblem(await call('alpha', `${API}/${h.fx.b.users.admin.departmentId}`, { method: 'DELETE', token: alpha }), 404);
    expect(await counts()).toEqual(before);
  });
});
