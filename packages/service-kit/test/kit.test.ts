import { PGlite } from '@electric-sql/pglite';
import { createRoute, z } from '@hono/zod-openapi';
import type { Db } from '@yingshang/db';
import { migratePglite } from '@yingshang/db/migrate';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServiceApp, problemResponses } from '../src/app.ts';
import { signAccessToken } from '../src/auth.ts';
import { requireAuth, requirePermission } from '../src/auth.ts';
import { tenantSlugFromHost } from '../src/host.ts';

const env = { DATABASE_URL: 'unused', JWT_SECRET: 'kit-test-secret', BASE_DOMAIN: 'example.test' };
let pglite: PGlite;
let app: ReturnType<typeof createServiceApp>;

beforeAll(async () => {
  pglite = new PGlite();
  await migratePglite(pglite);
  const db = drizzle({ client: pglite }) as unknown as Db;
  app = createServiceApp({ service: 'projects', title: 'kit test', database: () => ({ db, close: async () => {} }), maxBodyBytes: 1024 });
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/projects/v1/echo',
      middleware: [requireAuth, requirePermission('projects:project:create')] as const,
      request: { body: { content: { 'application/json': { schema: z.object({ name: z.string().min(2), amount: z.number().nonnegative() }).strict() } } } },
      responses: { 200: { description: 'echo', content: { 'application/json': { schema: z.object({ name: z.string() }) } } }, ...problemResponses(400) },
    }),
    (c) => c.json({ name: c.req.valid('json').name }, 200),
  );
  app.get('/api/projects/v1/boom', () => {
    throw new Error('secret detail that must not reach the client');
  });
});
afterAll(() => pglite.close());

const token = (perms: string[], ten = 'alpha') =>
  signAccessToken(
    { sub: crypto.randomUUID(), tid: crypto.randomUUID(), ten, name: 't', role: 'r', perms, scope: 'all', dept: null },
    env.JWT_SECRET,
  );
const call = (path: string, init: RequestInit = {}, host = 'alpha.example.test') => app.fetch(new Request(`http://${host}${path}`, init), env);

describe('service kit', () => {
  it('health really queries the database', async () => {
    const res = await call('/api/projects/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', service: 'projects', database: 'up' });
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('serves its OpenAPI document with the problem schema', async () => {
    const doc = (await (await call('/api/projects/openapi.json')).json()) as { components: { schemas: Record<string, unknown> } };
    expect(doc.components.schemas.Problem).toBeDefined();
  });

  it('lists every invalid field in a 400 problem', async () => {
    const res = await call('/api/projects/v1/echo', {
      method: 'POST',
      headers: { authorization: `Bearer ${await token(['projects:project:create'])}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', amount: -1, tenant_id: 'other' }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as { errors: { field: string }[]; requestId: string };
    expect(body.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['json.name', 'json.amount']));
    expect(body.requestId).toBeTruthy();
  });

  it('refuses a caller without the permission, and a body over the limit', async () => {
    const headers = { authorization: `Bearer ${await token(['projects:project:read'])}`, 'content-type': 'application/json' };
    const res = await call('/api/projects/v1/echo', { method: 'POST', headers, body: JSON.stringify({ name: 'ok', amount: 1 }) });
    expect(res.status).toBe(403);
    const big = await call('/api/projects/v1/echo', {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${await token(['projects:project:create'])}` },
      body: JSON.stringify({ name: 'x'.repeat(5000), amount: 1 }),
    });
    expect(big.status).toBe(413);
  });

  it('turns an unexpected error into a 500 problem with the request id, logged without the client seeing details', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await call('/api/projects/v1/boom', { headers: { 'x-request-id': 'req-123' } });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { requestId: string; detail: string };
    expect(body.requestId).toBe('req-123');
    expect(body.detail).not.toContain('secret detail');
    const logged = spy.mock.calls.map((c) => String(c[0])).find((l) => l.includes('unhandled error'));
    expect(logged).toContain('req-123');
    spy.mockRestore();
  });

  it('answers unknown routes with a 404 problem', async () => {
    const res = await call('/api/projects/v1/nothing');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('tenantSlugFromHost', () => {
  it('reads the slug of a tenant host and nothing else', () => {
    expect(tenantSlugFromHost('jinshui.localhost:8787', 'localhost:8787')).toBe('jinshui');
    expect(tenantSlugFromHost('localhost:8787', 'localhost:8787')).toBeNull();
    expect(tenantSlugFromHost('a.b.localhost:8787', 'localhost:8787')).toBeNull();
    expect(tenantSlugFromHost('jinshui.evil.com', 'localhost:8787')).toBeNull();
    expect(tenantSlugFromHost('JinShui.Yingshang.gov.cn', 'yingshang.gov.cn')).toBe('jinshui');
    expect(tenantSlugFromHost(undefined, 'localhost:8787')).toBeNull();
  });
});
