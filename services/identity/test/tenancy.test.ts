import { TEST_PASSWORD, expectProblem, rowCounts, tenantRequest, tokenFor } from '@yingshang/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IdentityHarness, identityHarness } from './setup.ts';

let h: IdentityHarness;
let cityToken: string;
beforeAll(async () => {
  h = await identityHarness();
  cityToken = await tokenFor(h.fx.city);
});
afterAll(() => h.db.close());

const PNG_1PX =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const TABLES = ['identity.tenants', 'identity.invitations', 'identity.users', 'identity.roles', 'audit.operation_log'];

const register = (body: unknown, token = cityToken, slug = 'city') =>
  h.fetch(tenantRequest(slug, '/api/identity/v1/tenants', { token, body }));
const onboard = (token: string, step: string, body?: unknown, method = 'PUT') =>
  h.fetch(
    tenantRequest(null, `/api/identity/v1/onboarding${step}`, {
      method: body === undefined && method === 'PUT' ? 'GET' : method,
      ...(body !== undefined ? { body } : {}),
      headers: { 'x-invitation-token': token },
    }),
  );
const tokenOf = (url: string) => url.split('#')[1]!;

async function registerDistrict(code: string) {
  const res = await register({ name: `测试${code}区`, kind: 'district', divisionCode: code, rankingGroup: '市内五区' });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { tenant: { id: string; version: number }; invitation: { url: string } };
}

describe('tenant registry (city office)', () => {
  it('registers a district with a single-use invitation link on the bare host', async () => {
    const { tenant, invitation } = await registerDistrict('419911');
    expect(invitation.url).toMatch(/^http:\/\/yingshang\.test\/onboarding#[0-9a-f-]{36}\./);
    const list = await h.fetch(tenantRequest('city', '/api/identity/v1/tenants', { token: cityToken }));
    const { items } = (await list.json()) as { items: { id: string; status: string; invitation: { state: string } }[] };
    expect(items.find((t) => t.id === tenant.id)).toMatchObject({ status: 'invited', invitation: { state: 'pending' } });
  });

  it('refuses bad input naming the fields, duplicates, and writes nothing', async () => {
    const before = await rowCounts(h.db.pglite, TABLES);
    const bad = await expectProblem(await register({ name: 'x', kind: 'city', divisionCode: 'abc', tenant_id: 'x' }), 400);
    expect((bad.errors as { field: string }[]).map((e) => e.field)).toEqual(expect.arrayContaining(['json.name', 'json.kind', 'json.divisionCode']));
    await expectProblem(await register({ name: '甲区重复', kind: 'district', divisionCode: '419901' }), 409);
    expect(await rowCounts(h.db.pglite, TABLES)).toEqual(before);
  });

  it('is the city office’s alone', async () => {
    const before = await rowCounts(h.db.pglite, TABLES);
    // A district administrator, on its own host, with its own valid token.
    await expectProblem(await register({ name: '越权区', kind: 'district', divisionCode: '419999' }, await tokenFor(h.fx.a), 'alpha'), 403);
    await expectProblem(await h.fetch(tenantRequest('alpha', '/api/identity/v1/tenants', { token: await tokenFor(h.fx.a) })), 403);
    await expectProblem(await h.fetch(tenantRequest('alpha', `/api/identity/v1/tenants/${h.fx.b.id}`, { token: await tokenFor(h.fx.a) })), 403);
    // The city's token on a district host is refused before anything else.
    await expectProblem(await register({ name: '越权区', kind: 'district', divisionCode: '419999' }, cityToken, 'alpha'), 403);
    await expectProblem(await register({ name: '越权区', kind: 'district', divisionCode: '419999' }, ''), 401);
    expect(await rowCounts(h.db.pglite, TABLES)).toEqual(before);
  });

  it('suspends with If-Match, refuses stale versions, and its users cannot sign in until reactivated', async () => {
    const path = `/api/identity/v1/tenants/${h.fx.b.id}`;
    const current = (await (await h.fetch(tenantRequest('city', path, { token: cityToken }))).json()) as { version: number };
    await expectProblem(await h.fetch(tenantRequest('city', `${path}/suspend`, { token: cityToken, body: { reason: '整改' } })), 428);
    await expectProblem(
      await h.fetch(tenantRequest('city', `${path}/suspend`, { token: cityToken, body: { reason: '整改' }, headers: { 'if-match': `"${current.version + 5}"` } })),
      412,
    );
    const suspended = await h.fetch(
      tenantRequest('city', `${path}/suspend`, { token: cityToken, body: { reason: '数据整改' }, headers: { 'if-match': `"${current.version}"` } }),
    );
    expect(suspended.status).toBe(200);
    const after = (await suspended.json()) as { status: string; version: number };
    expect(after.status).toBe('suspended');
    const signIn = () => h.fetch(tenantRequest('bravo', '/api/identity/v1/auth/sign-in', { body: { username: 'admin', password: TEST_PASSWORD } }));
    await expectProblem(await signIn(), 403);
    const back = await h.fetch(tenantRequest('city', `${path}/reactivate`, { method: 'POST', token: cityToken, headers: { 'if-match': `"${after.version}"` } }));
    expect(back.status).toBe(200);
    expect((await signIn()).status).toBe(200);
  });
});

describe('onboarding through the invitation', () => {
  it('walks the steps, resumes, refuses bad input, and activates the tenant on its own host', async () => {
    const { tenant, invitation } = await registerDistrict('419921');
    const token = tokenOf(invitation.url);

    const start = (await (await onboard(token, '')).json()) as { stepsDone: string[]; tenant: { id: string } };
    expect(start).toMatchObject({ stepsDone: [], tenant: { id: tenant.id } });

    await expectProblem(await onboard(token, '/complete', undefined, 'POST'), 409);

    const before = await rowCounts(h.db.pglite, TABLES);
    const weak = await expectProblem(await onboard(token, '/admin', { username: 'chief', displayName: '管理员', password: 'password' }), 400);
    expect((weak.errors as { field: string }[])[0]!.field).toBe('json.password');
    const badBrand = await expectProblem(
      await onboard(token, '/branding', { name: '新区', shortName: '新区', primaryColor: 'red', logo: 'data:text/html;base64,PHNjcmlwdD4=', slug: 'www' }),
      400,
    );
    expect((badBrand.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['json.logo', 'json.primaryColor', 'json.slug']);
    const fakePng = await expectProblem(
      await onboard(token, '/branding', { name: '新区', shortName: '新区', primaryColor: '#123456', logo: 'data:image/png;base64,PHN2Zz4=', slug: 'newtown' }),
      400,
    );
    expect(fakePng.detail).toMatch(/不是 image\/png/);
    await expectProblem(await onboard(token, '/branding', { name: '新区', shortName: '新区', primaryColor: '#123456', logo: null, slug: 'alpha' }), 409);
    await expectProblem(await onboard(token, '/modules', { modules: ['projects', 'payroll'] }), 400);
    expect(await rowCounts(h.db.pglite, TABLES)).toEqual(before);

    expect((await onboard(token, '/admin', { username: 'chief', displayName: '新区管理员', password: 'Str0ng!pass' })).status).toBe(200);
    // Resuming later replaces the admin instead of adding a second one.
    const resumed = (await (await onboard(token, '/admin', { username: 'chief2', displayName: '新区管理员', password: 'Str0ng!pass' })).json()) as {
      admin: { username: string };
    };
    expect(resumed.admin.username).toBe('chief2');
    expect((await onboard(token, '/branding', { name: '新城区', shortName: '新城', primaryColor: '#8A1C2B', logo: PNG_1PX, slug: 'newtown' })).status).toBe(200);
    const modules = (await (await onboard(token, '/modules', { modules: ['projects'] })).json()) as { tenant: { modules: string[] }; stepsDone: string[] };
    expect(modules.tenant.modules.sort()).toEqual(['admin', 'projects']);
    expect(modules.stepsDone.sort()).toEqual(['admin', 'branding', 'modules']);

    const done = await onboard(token, '/complete', undefined, 'POST');
    expect(await done.json()).toEqual({ url: 'http://newtown.yingshang.test/', slug: 'newtown' });
    await expectProblem(await onboard(token, ''), 410);

    const signIn = await h.fetch(tenantRequest('newtown', '/api/identity/v1/auth/sign-in', { body: { username: 'chief2', password: 'Str0ng!pass' } }));
    expect(signIn.status).toBe(200);
    const { accessToken } = (await signIn.json()) as { accessToken: string };
    const me = (await (await h.fetch(tenantRequest('newtown', '/api/identity/v1/me', { token: accessToken }))).json()) as {
      tenant: { name: string; primaryColor: string };
      modules: string[];
    };
    expect(me.tenant).toMatchObject({ name: '新城区', primaryColor: '#8a1c2b' });
    expect(me.modules.sort()).toEqual(['admin', 'projects']);
    const branding = (await (await h.fetch(tenantRequest('newtown', '/api/identity/v1/public/tenant'))).json()) as { logo: string };
    expect(branding.logo).toBe(PNG_1PX);
  });

  it('honours only the newest invitation, and none after revocation', async () => {
    const { tenant, invitation } = await registerDistrict('419931');
    const first = tokenOf(invitation.url);
    const again = await h.fetch(tenantRequest('city', `/api/identity/v1/tenants/${tenant.id}/invitation`, { method: 'POST', token: cityToken }));
    expect(again.status).toBe(201);
    const second = tokenOf(((await again.json()) as { url: string }).url);
    await expectProblem(await onboard(first, ''), 404);
    expect((await onboard(second, '')).status).toBe(200);
    await h.fetch(tenantRequest('city', `/api/identity/v1/tenants/${tenant.id}/invitation`, { method: 'DELETE', token: cityToken }));
    await expectProblem(await onboard(second, ''), 404);
    // A forged token naming another tenant gets nowhere either.
    await expectProblem(await onboard(`${h.fx.a.id}.forged-secret-value`, ''), 404);
    await expectProblem(await onboard('garbage', ''), 400);
  });
});

describe('settings: branding and modules', () => {
  it('edits branding with If-Match and refuses a stale edit', async () => {
    const token = await tokenFor(h.fx.a);
    const get = await h.fetch(tenantRequest('alpha', '/api/identity/v1/settings/branding', { token }));
    const etag = get.headers.get('etag')!;
    const body = { name: '甲区', shortName: '甲', primaryColor: '#0B6E69', logo: null };
    await expectProblem(await h.fetch(tenantRequest('alpha', '/api/identity/v1/settings/branding', { method: 'PUT', token, body })), 428);
    const ok = await h.fetch(tenantRequest('alpha', '/api/identity/v1/settings/branding', { method: 'PUT', token, body, headers: { 'if-match': etag } }));
    expect(ok.status).toBe(200);
    const stale = await expectProblem(
      await h.fetch(tenantRequest('alpha', '/api/identity/v1/settings/branding', { method: 'PUT', token, body, headers: { 'if-match': etag } })),
      412,
    );
    expect(stale.currentVersion).toBeGreaterThan(Number(etag.replace(/"/g, '')));
    // The clerk (发改委) may not touch settings; another tenant's token is refused on this host.
    await expectProblem(await h.fetch(tenantRequest('alpha', '/api/identity/v1/settings/branding', { token: await tokenFor(h.fx.a, 'clerk') })), 403);
    await expectProblem(await h.fetch(tenantRequest('alpha', '/api/identity/v1/settings/branding', { token: await tokenFor(h.fx.b) })), 403);
  });
});

describe('POST /me/password', () => {
  it('checks the current password and the rules, then lets the new one sign in', async () => {
    const token = await tokenFor(h.fx.a, 'clerk');
    const change = (body: unknown) => h.fetch(tenantRequest('alpha', '/api/identity/v1/me/password', { token, body }));
    await expectProblem(await change({ currentPassword: 'wrong', newPassword: 'N3w!passw0rd' }), 400);
    await expectProblem(await change({ currentPassword: TEST_PASSWORD, newPassword: 'short' }), 400);
    await expectProblem(await change({ currentPassword: TEST_PASSWORD, newPassword: 'clerk!Passw0rd' }), 400);
    expect((await change({ currentPassword: TEST_PASSWORD, newPassword: 'N3w!passw0rd' })).status).toBe(204);
    const signIn = await h.fetch(tenantRequest('alpha', '/api/identity/v1/auth/sign-in', { body: { username: 'clerk', password: 'N3w!passw0rd' } }));
    expect(signIn.status).toBe(200);
  });
});
