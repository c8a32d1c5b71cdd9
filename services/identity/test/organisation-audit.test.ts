import { signAccessToken } from '@yingshang/service-kit';
import { TEST_JWT_SECRET, TEST_PASSWORD, claimsFor, expectProblem, tenantRequest, tokenFor, uuidv7 } from '@yingshang/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IdentityHarness, identityHarness } from './setup.ts';

let h: IdentityHarness;
let alpha: string;
let bravo: string;
let city: string;
const OPS = '/api/identity/v1/audit/operation-logs';
const SIGN_INS = '/api/identity/v1/audit/sign-in-logs';
const ALL_OPS = '/api/identity/v1/audit/all-tenants/operation-logs';
const ALL_SIGN_INS = '/api/identity/v1/audit/all-tenants/sign-in-logs';

type Entry = { id: string; tenantId: string; tenantName?: string; action: string; entity: string; service: string; actorId: string | null; at: string };
type SignIn = { id: string; tenantId: string; tenantName?: string; username: string; success: boolean; reason: string | null };
type Page<T> = { items: T[]; nextCursor: string | null };

const call = (slug: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}) => h.fetch(tenantRequest(slug, path, init));
const page = async <T>(slug: string, path: string, token: string) => {
  const res = await call(slug, path, { token });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Page<T>;
};
const fieldsOf = (problem: Record<string, unknown>) => [...new Set((problem.errors as { field: string }[]).map((e) => e.field))];

beforeAll(async () => {
  h = await identityHarness();
  [alpha, bravo, city] = await Promise.all([tokenFor(h.fx.a), tokenFor(h.fx.b), tokenFor(h.fx.city)]);
  // Some history in each tenant: writes through the API (logged by the service) and sign-in attempts.
  for (const [slug, token] of [['alpha', alpha], ['alpha', alpha], ['bravo', bravo], ['city', city]] as const) {
    const res = await call(slug, '/api/identity/v1/departments', { token, body: { code: `audit-${uuidv7().slice(-6)}`, name: '审计测试' } });
    expect(res.status).toBe(201);
  }
  await call('alpha', '/api/identity/v1/auth/sign-in', { body: { username: 'admin', password: TEST_PASSWORD } });
  await call('alpha', '/api/identity/v1/auth/sign-in', { body: { username: 'admin', password: 'wrong-password' } });
  await call('bravo', '/api/identity/v1/auth/sign-in', { body: { username: 'clerk', password: 'wrong-password' } });
  // Another service's entry, as the projects worker would write it.
  await h.db.pglite.query(
    `insert into audit.operation_log (tenant_id, id, service, action, entity, entity_id) values ($1, $2, 'projects', 'project.create', 'project', 'p-1')`,
    [h.fx.a.id, uuidv7()],
  );
});
afterAll(() => h.db.close());

describe('GET /audit/operation-logs', () => {
  it('lists the tenant’s own entries, newest first, and none of another tenant', async () => {
    const { items } = await page<Entry>('alpha', `${OPS}?limit=100`, alpha);
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.every((e) => e.tenantId === h.fx.a.id)).toBe(true);
    expect(items.map((e) => e.id)).toEqual(items.map((e) => e.id).toSorted().toReversed());
    expect(items[0]).not.toHaveProperty('tenantName');
  });

  it('filters by action, entity, actor, service and time range', async () => {
    const byAction = await page<Entry>('alpha', `${OPS}?action=department.create`, alpha);
    expect(byAction.items).toHaveLength(2);
    expect(byAction.items.every((e) => e.actorId === h.fx.a.users.admin.id)).toBe(true);
    expect((await page<Entry>('alpha', `${OPS}?service=projects`, alpha)).items.map((e) => e.action)).toEqual(['project.create']);
    expect((await page<Entry>('alpha', `${OPS}?entity=project&service=identity`, alpha)).items).toEqual([]);
    expect((await page<Entry>('alpha', `${OPS}?actorId=${h.fx.a.users.clerk.id}`, alpha)).items).toEqual([]);
    expect((await page<Entry>('alpha', `${OPS}?from=2999-01-01`, alpha)).items).toEqual([]);
    expect((await page<Entry>('alpha', `${OPS}?to=2000-01-01`, alpha)).items).toEqual([]);
    const now = new Date();
    const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect((await page<Entry>('alpha', `${OPS}?from=${today}&to=${today}`, alpha)).items.length).toBeGreaterThanOrEqual(3);
    const since = encodeURIComponent(new Date(now.getTime() - 3_600_000).toISOString());
    expect((await page<Entry>('alpha', `${OPS}?from=${since}`, alpha)).items.length).toBeGreaterThanOrEqual(3);
  });

  it('pages by keyset without repeating or skipping an entry', async () => {
    const all = (await page<Entry>('alpha', `${OPS}?limit=100`, alpha)).items.map((e) => e.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const next: Page<Entry> = await page<Entry>('alpha', `${OPS}?limit=1${cursor ? `&cursor=${cursor}` : ''}`, alpha);
      seen.push(...next.items.map((e) => e.id));
      cursor = next.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('refuses bad filters, naming each field', async () => {
    const problem = await expectProblem(await call('alpha', `${OPS}?from=yesterday&service=mail&actorId=1&limit=101`, { token: alpha }), 400);
    expect(fieldsOf(problem)).toEqual(expect.arrayContaining(['query.from', 'query.service', 'query.actorId', 'query.limit']));
    const range = await expectProblem(await call('alpha', `${OPS}?from=2026-03-02&to=2026-03-01`, { token: alpha }), 400);
    expect(fieldsOf(range)).toEqual(['query.to']);
  });

  it('shows a city admin only the city’s own entries here', async () => {
    const { items } = await page<Entry>('city', `${OPS}?limit=100`, city);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((e) => e.tenantId === h.fx.city.id)).toBe(true);
  });
});

describe('GET /audit/sign-in-logs', () => {
  it('lists the tenant’s sign-in attempts and filters them', async () => {
    const { items } = await page<SignIn>('alpha', SIGN_INS, alpha);
    expect(items.every((e) => e.tenantId === h.fx.a.id)).toBe(true);
    expect(items.map((e) => e.success).toSorted()).toEqual([false, true]);
    const failed = await page<SignIn>('alpha', `${SIGN_INS}?success=false&username=admin`, alpha);
    expect(failed.items).toEqual([expect.objectContaining({ username: 'admin', success: false, reason: 'wrong-password' })]);
    expect((await page<SignIn>('alpha', `${SIGN_INS}?userId=${h.fx.a.users.clerk.id}`, alpha)).items).toEqual([]);
  });

  it('refuses bad filters, naming the field', async () => {
    const problem = await expectProblem(await call('alpha', `${SIGN_INS}?success=maybe&to=31/12/2026`, { token: alpha }), 400);
    expect(fieldsOf(problem)).toEqual(expect.arrayContaining(['query.success', 'query.to']));
  });
});

describe('GET /audit/all-tenants/…', () => {
  it('shows the city every one of its tenants’ entries, named', async () => {
    const { items } = await page<Entry>('city', `${ALL_OPS}?limit=100&action=department.create`, city);
    const tenants = new Set(items.map((e) => e.tenantId));
    expect(tenants).toEqual(new Set([h.fx.city.id, h.fx.a.id, h.fx.b.id]));
    expect(items.find((e) => e.tenantId === h.fx.b.id)!.tenantName).toBe('乙区');
    const signIns = await page<SignIn>('city', `${ALL_SIGN_INS}?limit=100`, city);
    expect(new Set(signIns.items.map((e) => e.tenantId))).toEqual(new Set([h.fx.a.id, h.fx.b.id]));
  });

  it('narrows to one tenant on request', async () => {
    const { items } = await page<Entry>('city', `${ALL_OPS}?tenantId=${h.fx.b.id}`, city);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((e) => e.tenantId === h.fx.b.id)).toBe(true);
    const signIns = await page<SignIn>('city', `${ALL_SIGN_INS}?tenantId=${h.fx.a.id}`, city);
    expect(signIns.items.every((e) => e.tenantId === h.fx.a.id)).toBe(true);
  });

  it('answers 404 for a tenant that is not the city’s, and 400 for a malformed id', async () => {
    const foreign = uuidv7();
    await h.db.pglite.query(
      `insert into identity.tenants (id, city_id, kind, division_code, name, short_name, slug, status) values ($1, $1, 'city', '999999', '他市', '他市', 'elsewhere', 'active')`,
      [foreign],
    );
    await expectProblem(await call('city', `${ALL_OPS}?tenantId=${foreign}`, { token: city }), 404);
    await expectProblem(await call('city', `${ALL_SIGN_INS}?tenantId=${foreign}`, { token: city }), 404);
    expect(fieldsOf(await expectProblem(await call('city', `${ALL_OPS}?tenantId=alpha`, { token: city }), 400))).toEqual(['query.tenantId']);
  });

  it('refuses a district, even one whose token claims the city’s permission', async () => {
    await expectProblem(await call('alpha', ALL_OPS, { token: alpha }), 403);
    const forged = await signAccessToken(
      { ...claimsFor(h.fx.a, 'admin'), perms: [...claimsFor(h.fx.a, 'admin').perms, 'admin:audit:read_all'] },
      TEST_JWT_SECRET,
    );
    const problem = await expectProblem(await call('alpha', ALL_OPS, { token: forged }), 403);
    expect(problem.detail).toMatch(/市级/);
    await expectProblem(await call('alpha', ALL_SIGN_INS, { token: forged }), 403);
  });

  it('refuses the city’s own staff without the permission', async () => {
    await expectProblem(await call('city', ALL_OPS, { token: await tokenFor(h.fx.city, 'clerk') }), 403);
  });
});
