import { TEST_PASSWORD, badTokens, expectProblem, rowCounts, tenantRequest, tokenFor } from '@yingshang/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IdentityHarness, identityHarness } from './setup.ts';

let h: IdentityHarness;
beforeAll(async () => {
  h = await identityHarness();
});
afterAll(() => h.db.close());

const signIn = (slug: string | null, body: unknown) => h.fetch(tenantRequest(slug, '/api/identity/v1/auth/sign-in', { body }));
const cookieOf = (res: Response) => /ys_rt=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];

describe('POST /auth/sign-in', () => {
  it('signs in on the tenant host and sets a hardened refresh cookie', async () => {
    const res = await signIn('alpha', { username: 'admin', password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accessToken: string; expiresIn: number };
    expect(body.accessToken.split('.')).toHaveLength(3);
    expect(body.expiresIn).toBe(900);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/identity\/v1\/auth/);
  });

  it('refuses a wrong password with problem+json and counts the failure', async () => {
    const res = await signIn('bravo', { username: 'clerk', password: 'wrong' });
    const problem = await expectProblem(res, 401);
    expect(problem.title).toBe('用户名或密码错误');
    const { rows } = await h.db.pglite.query<{ failed_attempts: number }>(
      `select failed_attempts from identity.users where tenant_id = $1 and username = 'clerk'`,
      [h.fx.b.id],
    );
    expect(rows[0]!.failed_attempts).toBe(1);
  });

  it('locks the account after five failures, even for the right password', async () => {
    const { createCaptcha } = await import('../src/domain/captcha.ts');
    const { TEST_JWT_SECRET } = await import('@yingshang/testing');
    for (let i = 0; i < 5; i++) {
      // From the fourth attempt on, a failure counts only when it comes with a correct captcha.
      const challenge = i >= 3 ? await createCaptcha(TEST_JWT_SECRET) : null;
      const captcha = challenge ? { captchaId: challenge.captchaId, captchaCode: challenge.code } : {};
      await expectProblem(await signIn('alpha', { username: 'clerk', password: 'nope', ...captcha }), 401);
    }
    const locked = await expectProblem(await signIn('alpha', { username: 'clerk', password: TEST_PASSWORD }), 423);
    expect(locked.detail).toMatch(/分钟后再试/);
  });

  it('names each invalid field and writes nothing', async () => {
    const before = await rowCounts(h.db.pglite, ['identity.sign_in_log', 'identity.refresh_tokens']);
    const problem = await expectProblem(await signIn('alpha', { username: '', extra: 1 }), 400);
    const fields = (problem.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['json.username', 'json.password']));
    await expectProblem(await signIn('alpha', 'not json'), 400);
    expect(await rowCounts(h.db.pglite, ['identity.sign_in_log', 'identity.refresh_tokens'])).toEqual(before);
  });

  it('refuses the bare host, an unknown tenant and a suspended tenant', async () => {
    await expectProblem(await signIn(null, { username: 'admin', password: TEST_PASSWORD }), 404);
    await expectProblem(await signIn('nowhere', { username: 'admin', password: TEST_PASSWORD }), 404);
    const suspended = await expectProblem(await signIn('closed', { username: 'admin', password: TEST_PASSWORD }), 403);
    expect(suspended.title).toBe('本单位已停用');
  });
});

describe('POST /auth/refresh', () => {
  it('rotates the token and detects reuse of an old one', async () => {
    const first = cookieOf(await signIn('alpha', { username: 'admin', password: TEST_PASSWORD }));
    expect(first).toBeTruthy();
    const refresh = (cookie: string, slug = 'alpha') =>
      h.fetch(tenantRequest(slug, '/api/identity/v1/auth/refresh', { method: 'POST', headers: { cookie: `ys_rt=${cookie}` } }));
    const second = await refresh(first!);
    expect(second.status).toBe(200);
    const rotated = cookieOf(second);
    expect(rotated).toBeTruthy();
    expect(rotated).not.toBe(first);
    // The old token comes back: someone copied it. The whole family dies, the rotated one included.
    const reuse = await expectProblem(await refresh(first!), 401);
    expect(reuse.type).toMatch(/refresh-token-reused/);
    await expectProblem(await refresh(rotated!), 401);
  });

  it('does not accept a token on another tenant’s host', async () => {
    const cookie = cookieOf(await signIn('alpha', { username: 'admin', password: TEST_PASSWORD }));
    await expectProblem(
      await h.fetch(tenantRequest('bravo', '/api/identity/v1/auth/refresh', { method: 'POST', headers: { cookie: `ys_rt=${cookie}` } })),
      401,
    );
  });

  it('answers 401 without a cookie', async () => {
    await expectProblem(await h.fetch(tenantRequest('alpha', '/api/identity/v1/auth/refresh', { method: 'POST' })), 401);
  });
});

describe('POST /auth/sign-out', () => {
  it('revokes the session so the refresh token no longer works', async () => {
    const cookie = cookieOf(await signIn('alpha', { username: 'admin', password: TEST_PASSWORD }))!;
    const out = await h.fetch(tenantRequest('alpha', '/api/identity/v1/auth/sign-out', { method: 'POST', headers: { cookie: `ys_rt=${cookie}` } }));
    expect(out.status).toBe(204);
    await expectProblem(
      await h.fetch(tenantRequest('alpha', '/api/identity/v1/auth/refresh', { method: 'POST', headers: { cookie: `ys_rt=${cookie}` } })),
      401,
    );
  });
});

describe('GET /me', () => {
  it('returns the user, tenant, permissions and modules', async () => {
    const res = await h.fetch(tenantRequest('alpha', '/api/identity/v1/me', { token: await tokenFor(h.fx.a) }));
    expect(res.status).toBe(200);
    const me = (await res.json()) as { user: { username: string; departmentName: string }; tenant: { slug: string }; modules: string[] };
    expect(me.user.username).toBe('admin');
    expect(me.user.departmentName).toBe('办公室');
    expect(me.tenant.slug).toBe('alpha');
    expect(me.modules).toEqual(expect.arrayContaining(['admin', 'projects', 'enterprise']));
  });

  it('refuses another tenant’s token on this host, and every malformed token', async () => {
    const problem = await expectProblem(await h.fetch(tenantRequest('alpha', '/api/identity/v1/me', { token: await tokenFor(h.fx.b) })), 403);
    expect(problem.type).toMatch(/tenant-mismatch/);
    await expectProblem(await h.fetch(tenantRequest('alpha', '/api/identity/v1/me')), 401);
    await expectProblem(await h.fetch(tenantRequest(null, '/api/identity/v1/me', { token: await tokenFor(h.fx.a) })), 404);
    for (const [kind, token] of Object.entries(await badTokens(h.fx.a))) {
      const res = await h.fetch(tenantRequest('alpha', '/api/identity/v1/me', { token }));
      expect(res.status, kind).toBe(401);
    }
  });
});

describe('public tenant routes', () => {
  it('gives the host tenant’s branding and nothing of another', async () => {
    const res = await h.fetch(tenantRequest('bravo', '/api/identity/v1/public/tenant'));
    expect(res.status).toBe(200);
    const t = (await res.json()) as Record<string, unknown>;
    expect(t).toMatchObject({ slug: 'bravo', name: '乙区', status: 'active' });
    expect(Object.keys(t).sort()).toEqual(['id', 'kind', 'logo', 'modules', 'name', 'primaryColor', 'shortName', 'slug', 'status']);
    await expectProblem(await h.fetch(tenantRequest(null, '/api/identity/v1/public/tenant')), 404);
    await expectProblem(await h.fetch(tenantRequest('ghost', '/api/identity/v1/public/tenant')), 404);
  });

  it('lists active tenants only', async () => {
    const res = await h.fetch(tenantRequest(null, '/api/identity/v1/public/tenants'));
    const { items } = (await res.json()) as { items: { slug: string }[] };
    expect(items.map((i) => i.slug).sort()).toEqual(['alpha', 'bravo', 'city']);
  });
});

describe('captcha and rate limits', () => {
  it('asks for a captcha after three failures and accepts the right code', async () => {
    const { createCaptcha } = await import('../src/domain/captcha.ts');
    const { TEST_JWT_SECRET } = await import('@yingshang/testing');
    let third: Record<string, unknown> = {};
    for (let i = 0; i < 3; i++) third = await expectProblem(await signIn('bravo', { username: 'admin', password: 'nope' }), 401);
    // The third failure already says the next attempt needs a captcha.
    expect(third).toMatchObject({ captchaRequired: true });
    const required = await expectProblem(await signIn('bravo', { username: 'admin', password: TEST_PASSWORD }), 401);
    expect(required).toMatchObject({ captchaRequired: true });
    expect(required.type).toMatch(/captcha-required/);

    const image = await h.fetch(tenantRequest('bravo', '/api/identity/v1/auth/captcha'));
    expect(((await image.json()) as { image: string }).image).toMatch(/^data:image\/svg\+xml;base64,/);

    const challenge = await createCaptcha(TEST_JWT_SECRET);
    const wrong = await expectProblem(
      await signIn('bravo', { username: 'admin', password: TEST_PASSWORD, captchaId: challenge.captchaId, captchaCode: 'XXXX' }),
      400,
    );
    expect((wrong.errors as { field: string }[])[0]!.field).toBe('json.captchaCode');
    const ok = await signIn('bravo', { username: 'admin', password: TEST_PASSWORD, captchaId: challenge.captchaId, captchaCode: challenge.code.toLowerCase() });
    expect(ok.status).toBe(200);
  });

  it('answers 429 when the address or tenant limiter says no', async () => {
    const { createIdentityApp } = await import('../src/app.ts');
    const { loadArgon2Node } = await import('@yingshang/service-kit/password-node');
    const { testEnv } = await import('@yingshang/testing');
    const app = createIdentityApp({ argon2: loadArgon2Node, database: h.db.factory });
    const deny = { limit: async () => ({ success: false }) };
    const res = await app.fetch(tenantRequest('alpha', '/api/identity/v1/auth/sign-in', { body: { username: 'admin', password: TEST_PASSWORD } }), {
      ...testEnv,
      SIGN_IN_BY_ADDRESS: deny,
    });
    await expectProblem(res, 429);
  });
});
