import { describe, expect, it } from 'vitest';
import { createGatewayApp } from '../src/app.ts';

// The services are other workers; here they are stand-ins that record what reached them.
function binding(name: string, seen: Request[], tenants: Record<string, object | null> = {}) {
  return {
    fetch: async (input: Request | string) => {
      const req = typeof input === 'string' ? new Request(input) : input;
      seen.push(req);
      const url = new URL(req.url);
      if (url.pathname === '/api/identity/v1/public/tenant') {
        const tenant = tenants[url.hostname.split('.')[0]!];
        return tenant ? Response.json(tenant) : new Response('{}', { status: 404 });
      }
      return Response.json({ service: name, path: url.pathname });
    },
  } as unknown as Fetcher;
}

function gateway(tenants: Record<string, object | null>) {
  const seen: Request[] = [];
  const env = {
    BASE_DOMAIN: 'example.test',
    ENVIRONMENT: 'test',
    IDENTITY: binding('identity', seen, tenants),
    PROJECTS: binding('projects', seen),
    ENTERPRISE: binding('enterprise', seen),
    ASSESSMENTS: binding('assessments', seen),
    ASSETS: { fetch: async () => new Response('asset', { headers: { 'content-type': 'text/plain' } }) } as unknown as Fetcher,
  } as unknown as Env;
  const app = createGatewayApp();
  return { seen, call: (url: string, init?: RequestInit) => app.fetch(new Request(url, init), env) };
}

describe('gateway routing', () => {
  const tenants = { alpha: { slug: 'alpha', status: 'active' }, closed: { slug: 'closed', status: 'suspended' } };

  it('forwards /api/<service>/* to that service with a request id', async () => {
    const { seen, call } = gateway(tenants);
    const res = await call('http://alpha.example.test/api/projects/v1/projects');
    expect(await res.json()).toEqual({ service: 'projects', path: '/api/projects/v1/projects' });
    const forwarded = seen.at(-1)!;
    expect(forwarded.headers.get('x-request-id')).toBeTruthy();
    expect(new URL(forwarded.url).host).toBe('alpha.example.test');
  });

  it('turns away unknown services, unknown tenants, suspended tenants and the bare host', async () => {
    const { call } = gateway(tenants);
    expect((await call('http://alpha.example.test/api/billing/v1/x')).status).toBe(404);
    const ghost = await call('http://ghost.example.test/api/projects/v1/projects');
    expect(ghost.status).toBe(404);
    expect(ghost.headers.get('content-type')).toContain('application/problem+json');
    expect((await call('http://closed.example.test/api/projects/v1/projects')).status).toBe(403);
    expect((await call('http://example.test/api/projects/v1/projects')).status).toBe(404);
  });

  it('lets public, health and OpenAPI paths through on any host', async () => {
    const { call } = gateway(tenants);
    expect((await call('http://example.test/api/identity/v1/public/tenants')).status).toBe(200);
    expect((await call('http://example.test/api/projects/health')).status).toBe(200);
    expect((await call('http://closed.example.test/api/identity/v1/public/tenant')).status).toBe(200);
  });

  it('sets security headers on every response', async () => {
    const { call } = gateway(tenants);
    const res = await call('http://example.test/robots.txt');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const api = await call('http://example.test/api/projects/health');
    expect(api.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});
