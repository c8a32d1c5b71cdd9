import { signAccessToken } from '@yingshang/service-kit';
import {
  TEST_JWT_SECRET,
  type FixtureTenant,
  badTokens,
  claimsFor,
  expectProblem,
  rowCounts,
  tenantRequest,
  tokenFor,
} from '@yingshang/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IdentityHarness, identityHarness } from './setup.ts';

/**
 * Every organisation endpoint against every way in that must fail: no token, malformed tokens, another tenant's
 * token on this host, a suspended tenant, a role without the permission, and another tenant's ids. Each refusal
 * must write nothing.
 */

const V1 = '/api/identity/v1';
const TABLES = [
  'identity.departments',
  'identity.users',
  'identity.roles',
  'identity.refresh_tokens',
  'identity.notices',
  'identity.notice_deliveries',
  'identity.notice_reads',
  'identity.idempotency_keys',
  'audit.operation_log',
];

let h: IdentityHarness;
type Ids = { department: string; role: string; user: string; delivery: string };
const ids: Record<'alpha' | 'bravo', Ids> = {
  alpha: { department: '', role: '', user: '', delivery: '' },
  bravo: { department: '', role: '', user: '', delivery: '' },
};
let draftNotice = '';

interface Endpoint {
  method: string;
  /** Built from the ids of the tenant whose records it names. */
  path: (own: Ids) => string;
  body?: unknown;
  headers?: Record<string, string>;
  /** The city office's endpoints are called on the city's host. */
  city?: boolean;
  /** Who lacks the permission: the tenant's clerk, or a token with the permission taken out. */
  lower: 'clerk' | { without: string } | null;
  /** Whether the path names a record, so another tenant's id must answer 404. */
  names?: boolean;
}

const endpoints: Endpoint[] = [
  { method: 'GET', path: () => `${V1}/departments`, lower: 'clerk' },
  { method: 'GET', path: () => `${V1}/departments/tree`, lower: 'clerk' },
  { method: 'GET', path: (o) => `${V1}/departments/${o.department}`, lower: 'clerk', names: true },
  { method: 'POST', path: () => `${V1}/departments`, body: { code: 'sec-new', name: '安全测试' }, lower: 'clerk' },
  { method: 'PATCH', path: (o) => `${V1}/departments/${o.department}`, body: { name: '改名' }, headers: { 'if-match': '1' }, lower: 'clerk', names: true },
  { method: 'DELETE', path: (o) => `${V1}/departments/${o.department}`, lower: 'clerk', names: true },
  { method: 'GET', path: () => `${V1}/users`, lower: 'clerk' },
  { method: 'GET', path: (o) => `${V1}/users/${o.user}`, lower: 'clerk', names: true },
  { method: 'POST', path: () => `${V1}/users`, body: 'user', lower: 'clerk' },
  { method: 'PATCH', path: (o) => `${V1}/users/${o.user}`, body: { displayName: '改名' }, headers: { 'if-match': '1' }, lower: 'clerk', names: true },
  { method: 'POST', path: (o) => `${V1}/users/${o.user}/reset-password`, body: { newPassword: 'N3w!Passw0rd' }, lower: 'clerk', names: true },
  { method: 'POST', path: (o) => `${V1}/users/${o.user}/disable`, lower: 'clerk', names: true },
  { method: 'POST', path: (o) => `${V1}/users/${o.user}/enable`, lower: 'clerk', names: true },
  { method: 'GET', path: () => `${V1}/permissions/catalogue`, lower: 'clerk' },
  { method: 'GET', path: () => `${V1}/roles`, lower: 'clerk' },
  { method: 'GET', path: (o) => `${V1}/roles/${o.role}`, lower: 'clerk', names: true },
  { method: 'POST', path: () => `${V1}/roles`, body: { code: 'sec_new', name: '安全角色', permissions: [], dataScope: 'self' }, lower: 'clerk' },
  { method: 'PATCH', path: (o) => `${V1}/roles/${o.role}`, body: { name: '改名角色' }, headers: { 'if-match': '1' }, lower: 'clerk', names: true },
  { method: 'DELETE', path: (o) => `${V1}/roles/${o.role}`, lower: 'clerk', names: true },
  { method: 'GET', path: () => `${V1}/audit/operation-logs`, lower: 'clerk' },
  { method: 'GET', path: () => `${V1}/audit/sign-in-logs`, lower: 'clerk' },
  { method: 'GET', path: () => `${V1}/audit/all-tenants/operation-logs`, city: true, lower: 'clerk' },
  { method: 'GET', path: () => `${V1}/audit/all-tenants/sign-in-logs`, city: true, lower: 'clerk' },
  { method: 'POST', path: () => `${V1}/notices`, body: { title: '安全测试', body: '正文', audience: 'all' }, city: true, lower: 'clerk' },
  { method: 'GET', path: () => `${V1}/notices/sent`, city: true, lower: 'clerk' },
  { method: 'GET', path: () => `${V1}/notices/sent/${draftNotice}`, city: true, lower: 'clerk' },
  { method: 'PATCH', path: () => `${V1}/notices/sent/${draftNotice}`, body: { title: '改标题' }, headers: { 'if-match': '1' }, city: true, lower: 'clerk' },
  { method: 'POST', path: () => `${V1}/notices/sent/${draftNotice}/publish`, headers: { 'if-match': '1' }, city: true, lower: 'clerk' },
  { method: 'GET', path: () => `${V1}/notices`, lower: { without: 'admin:notice:read' } },
  { method: 'GET', path: () => `${V1}/notices/unread-count`, lower: { without: 'admin:notice:read' } },
  { method: 'GET', path: (o) => `${V1}/notices/${o.delivery}`, lower: { without: 'admin:notice:read' }, names: true },
  // Reference data for every signed-in user: no lower role exists.
  { method: 'GET', path: () => `${V1}/dictionaries`, lower: null },
];

const label = (e: Endpoint) => `${e.method} ${e.path({ department: '{id}', role: '{id}', user: '{id}', delivery: '{id}' }).replace(/\/notices\/sent\/[^/]*/, '/notices/sent/{id}')}`;

function request(e: Endpoint, slug: string, own: Ids, token?: string, extraHeaders: Record<string, string> = {}) {
  const body = e.body === 'user' ? { username: 'secnew', displayName: '安全用户', password: 'Str0ng#Pass', roleId: own.role } : e.body;
  return h.fetch(
    tenantRequest(slug, e.path(own), {
      method: e.method,
      ...(token ? { token } : {}),
      ...(body !== undefined ? { body } : {}),
      headers: { ...e.headers, ...extraHeaders },
    }),
  );
}

async function setUp(tenant: FixtureTenant, key: 'alpha' | 'bravo') {
  const token = await tokenFor(tenant);
  const post = async (path: string, body: unknown) => {
    const res = await h.fetch(tenantRequest(tenant.slug, `${V1}${path}`, { token, body }));
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  ids[key].department = await post('/departments', { code: 'sec-dept', name: '安全测试部门' });
  ids[key].role = await post('/roles', { code: 'sec_role', name: '安全测试角色', permissions: [], dataScope: 'self' });
  ids[key].user = await post('/users', { username: 'secuser', displayName: '安全测试用户', password: 'Str0ng#Pass', roleId: ids[key].role });
}

beforeAll(async () => {
  h = await identityHarness();
  await setUp(h.fx.a, 'alpha');
  await setUp(h.fx.b, 'bravo');
  const city = await tokenFor(h.fx.city);
  const notice = async (body: Record<string, unknown>) => {
    const res = await h.fetch(tenantRequest('city', `${V1}/notices`, { token: city, body: { title: '安全测试通知', body: '正文', audience: 'all', ...body } }));
    expect(res.status).toBe(201);
    return ((await res.json()) as { notice: { id: string } }).notice.id;
  };
  draftNotice = await notice({ publish: false });
  const published = await notice({});
  const { rows } = await h.db.pglite.query<{ tenant_id: string; id: string }>(
    `select tenant_id, id from identity.notice_deliveries where notice_id = $1`,
    [published],
  );
  ids.alpha.delivery = rows.find((r) => r.tenant_id === h.fx.a.id)!.id;
  ids.bravo.delivery = rows.find((r) => r.tenant_id === h.fx.b.id)!.id;
});
afterAll(() => h.db.close());

describe.each(endpoints.map((e) => [label(e), e] as const))('%s', (_, e) => {
  const host = () => (e.city ? h.fx.city : h.fx.a);
  const own = () => ids.alpha;

  it(`refuses a request without a token or with a malformed one (401), writing nothing`, async () => {
    const before = await rowCounts(h.db.pglite, TABLES);
    await expectProblem(await request(e, host().slug, own()), 401);
    for (const [kind, token] of Object.entries(await badTokens(host()))) {
      const res = await request(e, host().slug, own(), token);
      expect(res.status, `${kind} token`).toBe(401);
    }
    expect(await rowCounts(h.db.pglite, TABLES)).toEqual(before);
  });

  it(`refuses another tenant’s token on this host (403), writing nothing`, async () => {
    const before = await rowCounts(h.db.pglite, TABLES);
    const stranger = await tokenFor(e.city ? h.fx.a : h.fx.b);
    const problem = await expectProblem(await request(e, host().slug, own(), stranger), 403);
    expect(problem.type).toMatch(/tenant-mismatch/);
    expect(await rowCounts(h.db.pglite, TABLES)).toEqual(before);
  });

  it(`refuses a suspended tenant’s still-valid token (403), writing nothing`, async () => {
    const before = await rowCounts(h.db.pglite, TABLES);
    const problem = await expectProblem(await request(e, 'closed', own(), await tokenFor(h.fx.suspended)), 403);
    // The district's own endpoints reach the tenant check; the city's stop earlier, at the missing permission.
    expect(problem.type).toMatch(e.city ? /forbidden/ : /tenant-suspended/);
    expect(await rowCounts(h.db.pglite, TABLES)).toEqual(before);
  });

  if (e.lower !== null) it(`refuses a role without the permission (403), writing nothing`, async () => {
    const before = await rowCounts(h.db.pglite, TABLES);
    const lower = e.lower!;
    const token =
      lower === 'clerk'
        ? await tokenFor(host(), 'clerk')
        : await signAccessToken(
            { ...claimsFor(host(), 'clerk'), perms: claimsFor(host(), 'clerk').perms.filter((p) => p !== lower.without) },
            TEST_JWT_SECRET,
          );
    const problem = await expectProblem(await request(e, host().slug, own(), token), 403);
    expect(problem.type).toMatch(/forbidden/);
    expect(await rowCounts(h.db.pglite, TABLES)).toEqual(before);
  });

  if (e.names) it(`answers 404 for another tenant’s record, writing and leaking nothing`, async () => {
    const before = await rowCounts(h.db.pglite, TABLES);
    const res = await request(e, 'alpha', ids.bravo, await tokenFor(h.fx.a));
    const problem = await expectProblem(res, 404);
    expect(JSON.stringify(problem)).not.toMatch(/安全测试|secuser|乙区/);
    expect(await rowCounts(h.db.pglite, TABLES)).toEqual(before);
  });
});

describe('the OpenAPI document', () => {
  it('describes every organisation endpoint, each behind a bearer token', async () => {
    const res = await h.fetch(tenantRequest(null, '/api/identity/openapi.json'));
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    for (const e of endpoints) {
      const path = label(e).split(' ')[1]!;
      const operation = doc.paths[path]?.[e.method.toLowerCase()];
      expect(operation, `${e.method} ${path}`).toBeDefined();
      expect(operation!.security).toEqual([{ bearer: [] }]);
    }
  });
});
