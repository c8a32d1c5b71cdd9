import { expectProblem, rowCounts, tenantRequest, tokenFor } from '@yingshang/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IdentityHarness, identityHarness } from './setup.ts';

let h: IdentityHarness;
let alpha: string;
let city: string;
beforeAll(async () => {
  h = await identityHarness();
  alpha = await tokenFor(h.fx.a);
  city = await tokenFor(h.fx.city);
});
afterAll(() => h.db.close());

const API = '/api/identity/v1/roles';
type Role = { id: string; code: string; name: string; permissions: string[]; dataScope: string; builtIn: boolean; userCount: number; version: number };
type Catalogue = {
  dataScopes: { value: string; label: string }[];
  groups: { module: string; entities: { entity: string; permissions: { name: string; label: string }[] }[] }[];
};

const call = (slug: string, path: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
  h.fetch(tenantRequest(slug, path, init));
const counts = () => rowCounts(h.db.pglite, ['identity.roles', 'audit.operation_log']);
const fieldsOf = (problem: Record<string, unknown>) => [...new Set((problem.errors as { field: string }[]).map((e) => e.field))];
const namesOf = (catalogue: Catalogue) => catalogue.groups.flatMap((g) => g.entities.flatMap((e) => e.permissions.map((p) => p.name)));

let seq = 0;
async function createRole(extra: Record<string, unknown> = {}, slug = 'alpha', token = alpha): Promise<Role> {
  seq += 1;
  const res = await call(slug, API, {
    token,
    body: { code: `custom_${seq}`, name: `自定义角色${seq}`, permissions: ['projects:project:read'], dataScope: 'department', ...extra },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Role;
}
async function builtInRole(tenantId: string, code: string): Promise<{ id: string; version: number }> {
  const { rows } = await h.db.pglite.query<{ id: string; version: number }>(
    `select id, version from identity.roles where tenant_id = $1 and code = $2`,
    [tenantId, code],
  );
  return rows[0]!;
}

describe('GET /permissions/catalogue', () => {
  it('offers a district only what it may grant, grouped with labels', async () => {
    const res = await call('alpha', '/api/identity/v1/permissions/catalogue', { token: alpha });
    expect(res.status).toBe(200);
    const catalogue = (await res.json()) as Catalogue;
    const names = namesOf(catalogue);
    expect(names).toContain('admin:user:create');
    expect(names).toContain('enterprise:appeal:assign');
    for (const cityOnly of ['admin:tenant:create', 'admin:notice:publish', 'admin:audit:read_all', 'assessments:ranking:publish']) {
      expect(names).not.toContain(cityOnly);
    }
    expect(catalogue.dataScopes.map((s) => s.value)).toEqual(['all', 'department_tree', 'department', 'self']);
    expect(catalogue.groups.find((g) => g.module === 'admin')!.entities.find((e) => e.entity === 'user')!.permissions[0]!.label).toBe('查看用户');
  });

  it('offers the city its own powers too', async () => {
    const catalogue = (await (await call('city', '/api/identity/v1/permissions/catalogue', { token: city })).json()) as Catalogue;
    expect(namesOf(catalogue)).toEqual(expect.arrayContaining(['admin:notice:publish', 'admin:audit:read_all', 'admin:tenant:create']));
  });

  it('leaves out the modules the tenant has not turned on', async () => {
    await h.db.pglite.query(`update identity.tenants set modules = '{admin,enterprise}' where id = $1`, [h.fx.b.id]);
    try {
      const catalogue = (await (await call('bravo', '/api/identity/v1/permissions/catalogue', { token: await tokenFor(h.fx.b) })).json()) as Catalogue;
      expect(catalogue.groups.map((g) => g.module)).toEqual(['admin', 'enterprise']);
    } finally {
      await h.db.pglite.query(`update identity.tenants set modules = '{projects,enterprise,assessments,admin}' where id = $1`, [h.fx.b.id]);
    }
  });
});

describe('GET /roles', () => {
  it('lists the tenant’s roles with user counts, page by page', async () => {
    await createRole();
    const first = (await (await call('alpha', `${API}?limit=2`, { token: alpha })).json()) as { items: Role[]; nextCursor: string; total: number };
    expect(first.items).toHaveLength(2);
    // The built-in roles were created first, and ids follow creation.
    expect(first.items.map((r) => r.code).toSorted()).toEqual(['ndrc', 'tenant_admin']);
    expect(first.items.every((r) => r.builtIn && r.userCount === 1)).toBe(true);
    const second = (await (await call('alpha', `${API}?limit=2&cursor=${first.nextCursor}`, { token: alpha })).json()) as { items: Role[] };
    expect(second.items.map((r) => r.id)).not.toContain(first.items[0]!.id);
    expect(first.total).toBe(first.items.length + second.items.length);
  });

  it('refuses a bad limit, naming the field', async () => {
    const problem = await expectProblem(await call('alpha', `${API}?limit=0`, { token: alpha }), 400);
    expect(fieldsOf(problem)).toEqual(['query.limit']);
  });
});

describe('GET /roles/{id}', () => {
  it('returns the role with its ETag, and 404 for another tenant’s role', async () => {
    const mine = await builtInRole(h.fx.a.id, 'ndrc');
    const res = await call('alpha', `${API}/${mine.id}`, { token: alpha });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${mine.version}"`);
    expect(await res.json()).toMatchObject({ code: 'ndrc', builtIn: true, dataScope: 'department_tree' });
    const theirs = await builtInRole(h.fx.b.id, 'ndrc');
    await expectProblem(await call('alpha', `${API}/${theirs.id}`, { token: alpha }), 404);
  });
});

describe('POST /roles', () => {
  it('creates a custom role and logs it', async () => {
    const before = await counts();
    const role = await createRole({ code: 'appeal_desk', name: '诉求受理岗', permissions: ['enterprise:appeal:read', 'enterprise:appeal:create'], dataScope: 'self' });
    expect(role).toMatchObject({ code: 'appeal_desk', builtIn: false, userCount: 0, version: 1, dataScope: 'self' });
    expect(await counts()).toEqual({ 'identity.roles': before['identity.roles']! + 1, 'audit.operation_log': before['audit.operation_log']! + 1 });
  });

  it('refuses a city-only permission in a district, naming the permission, and writes nothing', async () => {
    const before = await counts();
    const problem = await expectProblem(
      await call('alpha', API, {
        token: alpha,
        body: { code: 'sneaky', name: '越权角色', permissions: ['admin:user:read', 'admin:notice:publish'], dataScope: 'all' },
      }),
      400,
    );
    expect(problem.errors).toEqual([{ field: 'json.permissions.1', message: expect.stringContaining('admin:notice:publish') }]);
    expect(await counts()).toEqual(before);
    // The city may grant it.
    await createRole({ permissions: ['admin:notice:publish'] }, 'city', city);
  });

  it('refuses unknown or repeated permissions, a bad data scope and a bad code, naming each field', async () => {
    const before = await counts();
    const unknown = await expectProblem(
      await call('alpha', API, { token: alpha, body: { code: 'x1', name: '未知权限', permissions: ['admin:everything:do'], dataScope: 'everyone' } }),
      400,
    );
    expect(fieldsOf(unknown)).toEqual(expect.arrayContaining(['json.permissions.0', 'json.dataScope']));
    const repeated = await expectProblem(
      await call('alpha', API, { token: alpha, body: { code: 'Bad Code', name: '重复', permissions: ['admin:user:read', 'admin:user:read'], dataScope: 'all' } }),
      400,
    );
    expect(fieldsOf(repeated)).toEqual(expect.arrayContaining(['json.code', 'json.permissions']));
    expect(await counts()).toEqual(before);
  });

  it('refuses a taken code with 409 naming the field', async () => {
    const before = await counts();
    const problem = await expectProblem(
      await call('alpha', API, { token: alpha, body: { code: 'ndrc', name: '重复编码', permissions: [], dataScope: 'self' } }),
      409,
    );
    expect(fieldsOf(problem)).toEqual(['json.code']);
    expect(await counts()).toEqual(before);
  });
});

describe('PATCH /roles/{id}', () => {
  it('changes permissions and data scope with If-Match', async () => {
    const role = await createRole();
    const res = await call('alpha', `${API}/${role.id}`, {
      method: 'PATCH',
      token: alpha,
      headers: { 'if-match': '"1"' },
      body: { permissions: ['projects:project:read', 'projects:project:update'], dataScope: 'department_tree' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(await res.json()).toMatchObject({ permissions: ['projects:project:read', 'projects:project:update'], dataScope: 'department_tree', version: 2 });
  });

  it('lets a built-in role’s permissions change but not its code', async () => {
    const ndrc = await builtInRole(h.fx.a.id, 'ndrc');
    const before = await counts();
    const problem = await expectProblem(
      await call('alpha', `${API}/${ndrc.id}`, { method: 'PATCH', token: alpha, headers: { 'if-match': String(ndrc.version) }, body: { code: 'renamed' } }),
      400,
    );
    expect(fieldsOf(problem)).toEqual(['json.code']);
    expect(await counts()).toEqual(before);
    const renamed = await call('alpha', `${API}/${ndrc.id}`, { method: 'PATCH', token: alpha, headers: { 'if-match': String(ndrc.version) }, body: { name: '项目专员' } });
    expect(await renamed.json()).toMatchObject({ code: 'ndrc', name: '项目专员' });
  });

  it('refuses to strip role management from the caller’s own role', async () => {
    const own = await builtInRole(h.fx.a.id, 'tenant_admin');
    const before = await counts();
    const problem = await expectProblem(
      await call('alpha', `${API}/${own.id}`, {
        method: 'PATCH',
        token: alpha,
        headers: { 'if-match': String(own.version) },
        body: { permissions: ['admin:user:read', 'admin:role:read'] },
      }),
      409,
    );
    expect(problem.type).toMatch(/self-lockout/);
    expect(await counts()).toEqual(before);
  });

  it('answers 412 on a stale version, 428 without If-Match, 409 on a taken code, changing nothing', async () => {
    const role = await createRole();
    const before = await counts();
    const path = `${API}/${role.id}`;
    const stale = await expectProblem(await call('alpha', path, { method: 'PATCH', token: alpha, headers: { 'if-match': '5' }, body: { name: '过期修改' } }), 412);
    expect(stale.currentVersion).toBe(1);
    await expectProblem(await call('alpha', path, { method: 'PATCH', token: alpha, body: { name: '没有版本' } }), 428);
    expect(fieldsOf(await expectProblem(await call('alpha', path, { method: 'PATCH', token: alpha, headers: { 'if-match': '1' }, body: { code: 'ndrc' } }), 409))).toEqual(['json.code']);
    expect(fieldsOf(await expectProblem(await call('alpha', path, { method: 'PATCH', token: alpha, headers: { 'if-match': '1' }, body: { permissions: ['admin:tenant:create'] } }), 400))).toEqual(['json.permissions.0']);
    expect(await counts()).toEqual(before);
  });

  it('answers 404 for another tenant’s role and leaves it alone', async () => {
    const theirs = await builtInRole(h.fx.b.id, 'ndrc');
    await expectProblem(
      await call('alpha', `${API}/${theirs.id}`, { method: 'PATCH', token: alpha, headers: { 'if-match': '1' }, body: { permissions: [] } }),
      404,
    );
    const { rows } = await h.db.pglite.query<{ n: number }>(`select cardinality(permissions) as n from identity.roles where id = $1`, [theirs.id]);
    expect(rows[0]!.n).toBeGreaterThan(0);
  });
});

describe('DELETE /roles/{id}', () => {
  it('deletes an unused custom role', async () => {
    const role = await createRole();
    expect((await call('alpha', `${API}/${role.id}`, { method: 'DELETE', token: alpha })).status).toBe(204);
    await expectProblem(await call('alpha', `${API}/${role.id}`, { token: alpha }), 404);
  });

  it('refuses built-in roles and roles still held by users, deleting nothing', async () => {
    const role = await createRole();
    const userRes = await call('alpha', '/api/identity/v1/users', {
      token: alpha,
      body: { username: 'role-holder', displayName: '角色持有人', password: 'Str0ng#Pass', roleId: role.id },
    });
    expect(userRes.status).toBe(201);
    const before = await counts();
    const inUse = await expectProblem(await call('alpha', `${API}/${role.id}`, { method: 'DELETE', token: alpha }), 409);
    expect(inUse.type).toMatch(/role-in-use/);
    const ndrc = await builtInRole(h.fx.a.id, 'ndrc');
    const builtIn = await expectProblem(await call('alpha', `${API}/${ndrc.id}`, { method: 'DELETE', token: alpha }), 409);
    expect(builtIn.type).toMatch(/role-built-in/);
    expect(await counts()).toEqual(before);
  });

  it('answers 404 for another tenant’s role and 412 on a stale version', async () => {
    const role = await createRole();
    const before = await counts();
    await expectProblem(await call('alpha', `${API}/${(await builtInRole(h.fx.b.id, 'ndrc')).id}`, { method: 'DELETE', token: alpha }), 404);
    await expectProblem(await call('alpha', `${API}/${role.id}`, { method: 'DELETE', token: alpha, headers: { 'if-match': '3' } }), 412);
    expect(await counts()).toEqual(before);
  });
});
