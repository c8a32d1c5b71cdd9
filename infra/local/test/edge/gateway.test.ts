import { DEMO_PASSWORD } from '@yingshang/seeds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../src/stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ port: 0, dataDir: null });
});
afterAll(() => stack?.stop());

// Through workerd's own entry, keeping the tenant host in the URL (Node cannot resolve *.localhost).
const get = (url: string, init?: RequestInit) => stack.fetch(url, init);
const signIn = async (slug: string, username: string) => {
  const res = await get(`${stack.tenantUrl(slug)}/api/identity/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
};

describe('the stack in workerd', () => {
  it('every worker reaches the database through the production driver', async () => {
    for (const service of ['identity', 'projects', 'enterprise', 'assessments']) {
      const res = await get(`${stack.url}/api/${service}/health`);
      expect(res.status, service).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok', service, database: 'up' });
    }
    const all = await get(`${stack.url}/api/health`);
    expect(await all.json()).toMatchObject({ status: 'ok' });
  });

  it('serves each service’s OpenAPI document and the docs page', async () => {
    for (const service of ['identity', 'projects', 'enterprise', 'assessments']) {
      const doc = (await (await get(`${stack.url}/api/${service}/openapi.json`)).json()) as { openapi: string; paths: object };
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths)).toContain(`/api/${service}/health`);
    }
    const docs = await get(`${stack.url}/api/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui-bundle.js');
  });

  it('serves the shell with a nonce CSP that covers its inline import map', async () => {
    const res = await get(`${stack.tenantUrl('jinshui')}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await res.text();
    expect(html).toContain('type="importmap"');
    for (const script of html.match(/<script[^>]*>/g) ?? []) expect(script).toContain(`nonce="${nonce}"`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // A deep link falls back to the shell.
    expect((await get(`${stack.tenantUrl('jinshui')}/admin/overview`)).status).toBe(200);
  });

  it('brands each tenant host with its own name and colour', async () => {
    const jinshui = (await (await get(`${stack.tenantUrl('jinshui')}/api/identity/v1/public/tenant`)).json()) as Record<string, string>;
    const erqi = (await (await get(`${stack.tenantUrl('erqi')}/api/identity/v1/public/tenant`)).json()) as Record<string, string>;
    expect(jinshui.name).toBe('金水区');
    expect(erqi.name).toBe('二七区');
    expect(jinshui.primaryColor).not.toBe(erqi.primaryColor);
  });

  it('signs in through the gateway and refuses that token on another tenant’s host', async () => {
    const token = await signIn('jinshui', 'admin');
    const me = await get(`${stack.tenantUrl('jinshui')}/api/identity/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { tenant: { name: string } }).tenant.name).toBe('金水区');
    const cross = await get(`${stack.tenantUrl('erqi')}/api/identity/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(cross.status).toBe(403);
    expect(cross.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers problem+json for no tenant, an unknown tenant and an unknown route', async () => {
    const bare = await get(`${stack.url}/api/identity/v1/me`);
    expect(bare.status).toBe(404);
    expect(bare.headers.get('content-type')).toContain('application/problem+json');
    const ghost = await get(`${stack.tenantUrl('ghost')}/api/identity/v1/me`);
    expect(ghost.status).toBe(404);
    const noToken = await get(`${stack.tenantUrl('jinshui')}/api/identity/v1/me`);
    expect(noToken.status).toBe(401);
    const route = await get(`${stack.url}/api/nothing/here`);
    expect(route.status).toBe(404);
  });

  it('closes each request’s database connection afterwards', async () => {
    for (let i = 0; i < 30; i++) await (await get(`${stack.url}/api/projects/health`)).text();
    // Closing happens after the response (waitUntil): give it a moment, then nothing may be left open.
    await expect.poll(() => stack.dbConnections(), { timeout: 5_000 }).toBeLessThanOrEqual(1);
  });

  it('fails fast with 503 while the database is away, and recovers by itself', async () => {
    await stack.stopDatabase();
    const down = await get(`${stack.url}/api/projects/health`);
    expect(down.status).toBe(503);
    expect(down.headers.get('content-type')).toContain('application/problem+json');
    await stack.startDatabase();
    const up = await get(`${stack.url}/api/projects/health`);
    expect(up.status).toBe(200);
  });
});
