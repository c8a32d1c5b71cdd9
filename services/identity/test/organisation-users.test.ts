import { signAccessToken } from '@yingshang/service-kit';
import { TEST_JWT_SECRET, claimsFor, expectProblem, rowCounts, tenantRequest, tokenFor } from '@yingshang/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IdentityHarness, identityHarness } from './setup.ts';

let h: IdentityHarness;
let alpha: string;
beforeAll(async () => {
  h = await identityHarness();
  alpha = await tokenFor(h.fx.a);
});
afterAll(() => h.db.close());

const API = '/api/identity/v1/users';
const GOOD_PASSWORD = 'Str0ng#Pass';
type User = {
  id: string;
  username: string;
  displayName: string;
  phone: string | null;
  departmentId: string | null;
  role: { id: string; code: string };
  status: string;
  mustChangePassword: boolean;
  version: number;
};
type Page = { items: User[]; nextCursor: string | null; total: number };

const call = (slug: string, path: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
  h.fetch(tenantRequest(slug, path, init));
const counts = () => rowCounts(h.db.pglite, ['identity.users', 'audit.operation_log', 'identity.refresh_tokens']);
const fieldsOf = (problem: Record<string, unknown>) => [...new Set((problem.errors as { field: string }[]).map((e) => e.field))];
const signIn = (slug: string, username: string, password: string) =>
  call(slug, '/api/identity/v1/auth/sign-in', { body: { username, password } });

async function roleId(tenantId: string, code: string): Promise<string> {
  const { rows } = await h.db.pglite.query<{ id: string }>(`select id from identity.roles where tenant_id = $1 and code = $2`, [tenantId, code]);
  return rows[0]!.id;
}

let seq = 0;
async function createUser(extra: Record<string, unknown> = {}): Promise<User> {
  seq += 1;
  const res = await call('alpha', API, {
    token: alpha,
    body: { username: `user${seq}x`, displayName: `测试用户${seq}`, password: GOOD_PASSWORD, roleId: await roleId(h.fx.a.id, 'ndrc'), ...extra },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as User;
}

describe('POST /users', () => {
  it('creates a user who must change the password at first sign-in, and logs it without the password', async () => {
    const before = await counts();
    const res = await call('alpha', API, {
      token: alpha,
      body: {
        username: 'zhangsan',
        displayName: '张三',
        password: GOOD_PASSWORD,
        phone: '13800138000',
        departmentId: h.fx.a.users.admin.departmentId,
        roleId: await roleId(h.fx.a.id, 'ndrc'),
      },
    });
    const text = await res.text();
    expect(res.status, text).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(text).not.toMatch(/argon2|passwordHash|Str0ng/);
    const created = JSON.parse(text) as User;
    expect(created).toMatchObject({ username: 'zhangsan', mustChangePassword: true, status: 'active', role: { code: 'ndrc' } });
    expect((await counts())['identity.users']).toBe(before['identity.users']! + 1);

    const signedIn = await signIn('alpha', 'zhangsan', GOOD_PASSWORD);
    expect(signedIn.status).toBe(200);
    expect(await signedIn.json()).toMatchObject({ mustChangePassword: true });

    const { rows } = await h.db.pglite.query<{ after: unknown }>(`select after from audit.operation_log where entity_id = $1`, [created.id]);
    expect(JSON.stringify(rows)).not.toMatch(/Str0ng|argon2/);
  });

  it('refuses weak passwords, a password containing the username and bad fields, naming each, and writes nothing', async () => {
    const before = await counts();
    const ndrc = await roleId(h.fx.a.id, 'ndrc');
    const post = (body: Record<string, unknown>) =>
      call('alpha', API, { token: alpha, body: { username: 'lisi', displayName: '李四', roleId: ndrc, ...body } });
    for (const password of ['short1!', 'onlyletters!!', 'NoSymbol123', '12345678!']) {
      expect(fieldsOf(await expectProblem(await post({ password }), 400))).toEqual(['json.password']);
    }
    const containing = await expectProblem(await post({ password: 'Lisi#2026x' }), 400);
    expect(containing.errors).toEqual([{ field: 'json.password', message: '密码不能包含用户名' }]);
    const bad = await expectProblem(await post({ username: '1x', displayName: '', password: GOOD_PASSWORD, phone: '12', roleId: 'r' }), 400);
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['json.username', 'json.displayName', 'json.phone', 'json.roleId']));
    expect(await counts()).toEqual(before);
  });

  it('refuses a taken username with 409 naming the field', async () => {
    const before = await counts();
    const problem = await expectProblem(
      await call('alpha', API, {
        token: alpha,
        body: { username: 'admin', displayName: '重名', password: GOOD_PASSWORD, roleId: await roleId(h.fx.a.id, 'ndrc') },
      }),
      409,
    );
    expect(fieldsOf(problem)).toEqual(['json.username']);
    expect(await counts()).toEqual(before);
  });

  it('refuses another tenant’s role or department as if they did not exist', async () => {
    const before = await counts();
    const base = { username: 'wangwu', displayName: '王五', password: GOOD_PASSWORD };
    const foreignRole = await expectProblem(
      await call('alpha', API, { token: alpha, body: { ...base, roleId: await roleId(h.fx.b.id, 'ndrc') } }),
      400,
    );
    expect(foreignRole.errors).toEqual([{ field: 'json.roleId', message: '角色不存在' }]);
    const foreignDept = await expectProblem(
      await call('alpha', API, {
        token: alpha,
        body: { ...base, roleId: await roleId(h.fx.a.id, 'ndrc'), departmentId: h.fx.b.users.admin.departmentId },
      }),
      400,
    );
    expect(fieldsOf(foreignDept)).toEqual(['json.departmentId']);
    expect(await counts()).toEqual(before);
  });

  it('creates once per Idempotency-Key', async () => {
    const body = { username: 'idem-user', displayName: '幂等用户', password: GOOD_PASSWORD, roleId: await roleId(h.fx.a.id, 'ndrc') };
    const headers = { 'idempotency-key': 'user-create-0001' };
    const first = (await (await call('alpha', API, { token: alpha, body, headers })).json()) as User;
    const second = await call('alpha', API, { token: alpha, body, headers });
    expect(second.status).toBe(201);
    expect(((await second.json()) as User).id).toBe(first.id);
  });
});

describe('GET /users', () => {
  it('pages by keyset, stable while users are added, with the total', async () => {
    for (let i = 0; i < 3; i++) await createUser();
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await call('alpha', `${API}${query}`, { token: alpha });
      expect(res.status).toBe(200);
      const page = (await res.json()) as Page;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((u) => u.id));
      // A user added while someone pages lands after every page already served, never shifting them.
      if (pages === 0) await createUser();
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    const { rows } = await h.db.pglite.query<{ id: string }>(`select id from identity.users where tenant_id = $1 order by id`, [h.fx.a.id]);
    expect(seen).toEqual(rows.map((r) => r.id));
    const first = (await (await call('alpha', `${API}?limit=1`, { token: alpha })).json()) as Page;
    expect(first.total).toBe(rows.length);
  });

  it('filters by keyword, department and its sub-departments, role and status', async () => {
    const parent = (await (await call('alpha', '/api/identity/v1/departments', { token: alpha, body: { code: 'flt-top', name: '筛选上级' } })).json()) as { id: string };
    const child = (await (
      await call('alpha', '/api/identity/v1/departments', { token: alpha, body: { code: 'flt-sub', name: '筛选下级', parentId: parent.id } })
    ).json()) as { id: string };
    const inChild = await createUser({ displayName: '筛选甲', departmentId: child.id });
    const list = async (query: string) => ((await (await call('alpha', `${API}?limit=100&${query}`, { token: alpha })).json()) as Page).items;

    expect((await list('keyword=筛选甲')).map((u) => u.id)).toEqual([inChild.id]);
    expect((await list(`keyword=${inChild.username.toUpperCase()}`)).map((u) => u.id)).toEqual([inChild.id]);
    expect(await list('keyword=%25')).toEqual([]);
    expect(await list(`departmentId=${parent.id}`)).toEqual([]);
    expect((await list(`departmentId=${parent.id}&includeSubDepartments=true`)).map((u) => u.id)).toEqual([inChild.id]);
    const admins = await list(`roleId=${await roleId(h.fx.a.id, 'tenant_admin')}`);
    expect(admins.map((u) => u.username)).toEqual(['admin']);
    expect((await list('status=disabled')).every((u) => u.status === 'disabled')).toBe(true);
  });

  it('limits a role with department scope to its own department', async () => {
    const elsewhere = await createUser();
    const token = await signAccessToken({ ...claimsFor(h.fx.a, 'admin'), scope: 'department' }, TEST_JWT_SECRET);
    const page = (await (await call('alpha', `${API}?limit=100`, { token })).json()) as Page;
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((u) => u.departmentId === h.fx.a.users.admin.departmentId)).toBe(true);
    await expectProblem(await call('alpha', `${API}/${elsewhere.id}`, { token }), 404);
  });

  it('refuses bad filters and a forged cursor, naming the field', async () => {
    const problem = await expectProblem(await call('alpha', `${API}?limit=500&status=gone&departmentId=x`, { token: alpha }), 400);
    expect(fieldsOf(problem)).toEqual(expect.arrayContaining(['query.limit', 'query.status', 'query.departmentId']));
    const cursor = await expectProblem(await call('alpha', `${API}?cursor=bm90LWEtY3Vyc29y`, { token: alpha }), 400);
    expect(fieldsOf(cursor)).toEqual(['query.cursor']);
  });

  it('never lists another tenant’s users and never returns a password hash', async () => {
    const text = await (await call('alpha', `${API}?limit=100`, { token: alpha })).text();
    expect(text).not.toContain(h.fx.b.users.admin.id);
    expect(text).not.toMatch(/argon2|passwordHash|password_hash/);
  });
});

describe('GET /users/{id}', () => {
  it('returns the user with its version as ETag', async () => {
    const res = await call('alpha', `${API}/${h.fx.a.users.clerk.id}`, { token: alpha });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toMatch(/^"\d+"$/);
    expect(await res.json()).toMatchObject({ username: 'clerk', role: { code: 'ndrc' } });
  });

  it('answers 404 for another tenant’s user, leaking nothing', async () => {
    const problem = await expectProblem(await call('alpha', `${API}/${h.fx.b.users.clerk.id}`, { token: alpha }), 404);
    expect(JSON.stringify(problem)).not.toMatch(/clerk|乙区/);
  });
});

describe('PATCH /users/{id}', () => {
  it('changes display name, phone, department and role with If-Match', async () => {
    const target = await createUser();
    const res = await call('alpha', `${API}/${target.id}`, {
      method: 'PATCH',
      token: alpha,
      headers: { 'if-match': '"1"' },
      body: { displayName: '改名后', phone: '0371-12345678', departmentId: h.fx.a.users.admin.departmentId, roleId: await roleId(h.fx.a.id, 'tenant_admin') },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ displayName: '改名后', phone: '0371-12345678', role: { code: 'tenant_admin' }, version: 2 });
  });

  it('answers 412 on a stale version and 428 without If-Match, changing nothing', async () => {
    const target = await createUser();
    const before = await counts();
    const path = `${API}/${target.id}`;
    const stale = await expectProblem(await call('alpha', path, { method: 'PATCH', token: alpha, headers: { 'if-match': '2' }, body: { displayName: '过期' } }), 412);
    expect(stale.currentVersion).toBe(1);
    await expectProblem(await call('alpha', path, { method: 'PATCH', token: alpha, body: { displayName: '没有版本' } }), 428);
    expect(fieldsOf(await expectProblem(await call('alpha', path, { method: 'PATCH', token: alpha, headers: { 'if-match': '1' }, body: { passwordHash: 'x' } }), 400))).toEqual(['json']);
    expect(await counts()).toEqual(before);
  });

  it('refuses disabling oneself or changing one’s own role', async () => {
    const path = `${API}/${h.fx.a.users.admin.id}`;
    const version = Number((await call('alpha', path, { token: alpha })).headers.get('etag')!.replace(/"/g, ''));
    const headers = { 'if-match': String(version) };
    const self = await expectProblem(await call('alpha', path, { method: 'PATCH', token: alpha, headers, body: { status: 'disabled' } }), 409);
    expect(self.type).toMatch(/self-lockout/);
    const role = await expectProblem(
      await call('alpha', path, { method: 'PATCH', token: alpha, headers, body: { roleId: await roleId(h.fx.a.id, 'ndrc') } }),
      409,
    );
    expect(fieldsOf(role)).toEqual(['json.roleId']);
  });

  it('needs admin:user:disable to change the status', async () => {
    const target = await createUser();
    const perms = claimsFor(h.fx.a, 'admin').perms.filter((p) => p !== 'admin:user:disable');
    const token = await signAccessToken({ ...claimsFor(h.fx.a, 'admin'), perms }, TEST_JWT_SECRET);
    const path = `${API}/${target.id}`;
    await expectProblem(await call('alpha', path, { method: 'PATCH', token, headers: { 'if-match': '1' }, body: { status: 'disabled' } }), 403);
    const ok = await call('alpha', path, { method: 'PATCH', token, headers: { 'if-match': '1' }, body: { displayName: '只改姓名' } });
    expect(ok.status).toBe(200);
  });

  it('answers 404 for another tenant’s user and leaves it alone', async () => {
    await expectProblem(
      await call('alpha', `${API}/${h.fx.b.users.clerk.id}`, { method: 'PATCH', token: alpha, headers: { 'if-match': '1' }, body: { displayName: '篡改' } }),
      404,
    );
    const { rows } = await h.db.pglite.query<{ display_name: string }>(`select display_name from identity.users where id = $1`, [h.fx.b.users.clerk.id]);
    expect(rows[0]!.display_name).toBe('乙区专员');
  });
});

describe('POST /users/{id}/reset-password', () => {
  it('sets the new password, forces a change, clears a lockout and ends the user’s sessions', async () => {
    const target = await createUser();
    const cookie = /ys_rt=([^;]+)/.exec((await signIn('alpha', target.username, GOOD_PASSWORD)).headers.get('set-cookie') ?? '')![1]!;
    await h.db.pglite.query(`update identity.users set locked_until = now() + interval '5 minutes', failed_attempts = 3 where id = $1`, [target.id]);
    const res = await call('alpha', `${API}/${target.id}/reset-password`, { token: alpha, body: { newPassword: 'N3w!Passw0rd' } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ mustChangePassword: true, lockedUntil: null, version: 2 });
    expect((await signIn('alpha', target.username, GOOD_PASSWORD)).status).toBe(401);
    expect((await signIn('alpha', target.username, 'N3w!Passw0rd')).status).toBe(200);
    const refresh = await call('alpha', '/api/identity/v1/auth/refresh', { method: 'POST', headers: { cookie: `ys_rt=${cookie}` } });
    await expectProblem(refresh, 401);
    const { rows } = await h.db.pglite.query(`select after from audit.operation_log where entity_id = $1 and action = 'user.reset_password'`, [target.id]);
    expect(JSON.stringify(rows)).not.toMatch(/N3w!Passw0rd|argon2/);
  });

  it('refuses a weak password or one containing the username, changing nothing', async () => {
    const target = await createUser();
    const before = await counts();
    const path = `${API}/${target.id}/reset-password`;
    expect(fieldsOf(await expectProblem(await call('alpha', path, { token: alpha, body: { newPassword: 'weak' } }), 400))).toEqual(['json.newPassword']);
    const containing = await expectProblem(await call('alpha', path, { token: alpha, body: { newPassword: `${target.username}#1A` } }), 400);
    expect(containing.errors).toEqual([{ field: 'json.newPassword', message: '密码不能包含用户名' }]);
    await expectProblem(await call('alpha', path, { token: alpha, body: { newPassword: 'N3w!Passw0rd' }, headers: { 'if-match': '9' } }), 412);
    expect(await counts()).toEqual(before);
    expect((await signIn('alpha', target.username, GOOD_PASSWORD)).status).toBe(200);
  });

  it('answers 404 for another tenant’s user', async () => {
    const before = await counts();
    await expectProblem(await call('alpha', `${API}/${h.fx.b.users.clerk.id}/reset-password`, { token: alpha, body: { newPassword: 'N3w!Passw0rd' } }), 404);
    expect(await counts()).toEqual(before);
  });
});

describe('POST /users/{id}/disable and /enable', () => {
  it('disables a user, who can then no longer sign in or refresh, and enables them again', async () => {
    const target = await createUser();
    const cookie = /ys_rt=([^;]+)/.exec((await signIn('alpha', target.username, GOOD_PASSWORD)).headers.get('set-cookie') ?? '')![1]!;
    const disabled = await call('alpha', `${API}/${target.id}/disable`, { method: 'POST', token: alpha });
    expect(disabled.status).toBe(200);
    expect(await disabled.json()).toMatchObject({ status: 'disabled', version: 2 });
    await expectProblem(await signIn('alpha', target.username, GOOD_PASSWORD), 403);
    await expectProblem(await call('alpha', '/api/identity/v1/auth/refresh', { method: 'POST', headers: { cookie: `ys_rt=${cookie}` } }), 401);
    // Disabling again changes nothing and logs nothing.
    const again = await call('alpha', `${API}/${target.id}/disable`, { method: 'POST', token: alpha });
    expect(await again.json()).toMatchObject({ status: 'disabled', version: 2 });
    const enabled = await call('alpha', `${API}/${target.id}/enable`, { method: 'POST', token: alpha, headers: { 'if-match': '2' } });
    expect(await enabled.json()).toMatchObject({ status: 'active', version: 3 });
    expect((await signIn('alpha', target.username, GOOD_PASSWORD)).status).toBe(200);
    const { rows } = await h.db.pglite.query<{ action: string }>(`select action from audit.operation_log where entity_id = $1 order by id`, [target.id]);
    expect(rows.map((r) => r.action)).toEqual(['user.create', 'user.disable', 'user.enable']);
  });

  it('refuses to disable oneself, a stale version, and another tenant’s user', async () => {
    const before = await counts();
    const self = await expectProblem(await call('alpha', `${API}/${h.fx.a.users.admin.id}/disable`, { method: 'POST', token: alpha }), 409);
    expect(self.type).toMatch(/self-lockout/);
    await expectProblem(await call('alpha', `${API}/${h.fx.a.users.clerk.id}/disable`, { method: 'POST', token: alpha, headers: { 'if-match': '99' } }), 412);
    await expectProblem(await call('alpha', `${API}/${h.fx.b.users.clerk.id}/disable`, { method: 'POST', token: alpha }), 404);
    await expectProblem(await call('alpha', `${API}/${h.fx.b.users.clerk.id}/enable`, { method: 'POST', token: alpha }), 404);
    expect(await counts()).toEqual(before);
  });
});
