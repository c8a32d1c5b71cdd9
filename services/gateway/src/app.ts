import { tenantSlugFromHost } from '@yingshang/service-kit/host';
import { logJson } from '@yingshang/service-kit/log';
import { HttpProblem, problemResponse } from '@yingshang/service-kit/problem';
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { docsPage } from './docs.ts';
import { securityHeaders } from './security-headers.ts';
import { resolveTenant } from './tenants.ts';

type GatewayEnv = { Bindings: Env; Variables: { requestId: string } };

const SERVICES = {
  identity: 'IDENTITY',
  projects: 'PROJECTS',
  enterprise: 'ENTERPRISE',
  assessments: 'ASSESSMENTS',
} as const satisfies Record<string, keyof Env>;
type ServiceName = keyof typeof SERVICES;
const isService = (name: string): name is ServiceName => name in SERVICES;

// Reachable on any host, tenant or not: branding and the directory for the sign-in and portal pages, onboarding
// (the invited tenant has no host yet), health and the OpenAPI documents.
const OPEN_PATHS = /^\/api\/(identity\/v1\/(public\/|onboarding(\/|$))|[a-z]+\/(health|openapi\.json)$)/;

export function createGatewayApp() {
  const app = new Hono<GatewayEnv>();
  app.use('*', requestId({ headerName: 'x-request-id', limitLength: 64 }));
  app.use('*', async (c, next) => securityHeaders(c.env.ENVIRONMENT === 'production')(c, next));
  app.onError((err, c) => {
    if (err instanceof HttpProblem) return problemResponse(c, err.status, err.body);
    logJson('error', 'gateway error', { requestId: c.get('requestId'), path: c.req.path, error: err.message });
    return problemResponse(c, 502, {
      type: 'https://yingshang.gov.cn/problems/upstream',
      title: '服务暂时不可用',
      detail: '后端服务未能响应，请稍后重试',
    });
  });

  app.get('/api/health', async (c) => {
    const checks = await Promise.all(
      (Object.keys(SERVICES) as ServiceName[]).map(async (name) => {
        const res = await forward(c.env, name, new Request(new URL(`/api/${name}/health`, c.req.url)), c.get('requestId'));
        return [name, res.ok ? 'up' : `down (${res.status})`] as const;
      }),
    );
    const healthy = checks.every(([, s]) => s === 'up');
    return c.json({ status: healthy ? 'ok' : 'degraded', services: Object.fromEntries(checks) }, healthy ? 200 : 503);
  });

  app.get('/api/docs', (c) => c.html(docsPage));

  app.all('/api/:service/*', async (c) => {
    const service = c.req.param('service');
    if (!isService(service)) throw new HttpProblem(404, 'route-not-found', '接口不存在', `没有名为 ${service} 的服务`);
    const path = new URL(c.req.url).pathname;
    if (!OPEN_PATHS.test(path)) await requireOpenTenant(c.env, c.req.url);
    return forward(c.env, service, c.req.raw, c.get('requestId'));
  });

  app.all('/api/*', () => {
    throw new HttpProblem(404, 'route-not-found', '接口不存在');
  });

  // Everything else is the front end; unknown paths fall back to the shell's index.html (SPA).
  app.all('*', async (c) => {
    const request = new Request(c.req.raw);
    // Documents are never answered with 304: each response carries a fresh CSP nonce (see security-headers.ts).
    if (c.req.header('accept')?.includes('text/html')) {
      request.headers.delete('if-none-match');
      request.headers.delete('if-modified-since');
    }
    const res = await c.env.ASSETS.fetch(request);
    // Files under /assets/ carry a content hash in their names; the rest (index.html, vendor, module entries) revalidate.
    if (res.ok && new URL(c.req.url).pathname.startsWith('/assets/')) {
      const cached = new Response(res.body, res);
      cached.headers.set('cache-control', 'public, max-age=31536000, immutable');
      return cached;
    }
    return res;
  });
  return app;
}

/**
 * API calls on a tenant host must name a tenant that exists and is not suspended. The services check the token
 * against the host themselves; this only turns away what no token could make valid.
 */
async function requireOpenTenant(env: Env, url: string): Promise<void> {
  const slug = tenantSlugFromHost(new URL(url).host, env.BASE_DOMAIN);
  if (!slug) throw new HttpProblem(404, 'tenant-not-found', '未找到单位', '请通过本单位的专属地址访问（<单位>.域名）');
  const tenant = await resolveTenant(env.IDENTITY, new URL(url).origin, slug);
  if (!tenant) throw new HttpProblem(404, 'tenant-not-found', '未找到单位', `地址中的单位「${slug}」不存在`);
  if (tenant.status === 'suspended')
    throw new HttpProblem(403, 'tenant-suspended', '本单位已停用', '本单位账号已被市级管理员停用，请联系市营商办');
}

function forward(env: Env, service: ServiceName, request: Request, requestIdValue: string): Promise<Response> {
  const headers = new Headers(request.headers);
  headers.set('x-request-id', requestIdValue);
  return env[SERVICES[service]].fetch(new Request(request, { headers }));
}
