import { createRoute } from '@hono/zod-openapi';
import { publicTenant } from '@yingshang/contracts/identity';
import { problemResponses } from '@yingshang/service-kit';
import type { IdentityApp } from '../deps.ts';
import { hostTenant } from '../domain/host-tenant.ts';

const route = createRoute({
  method: 'get',
  path: '/api/identity/v1/public/tenant',
  tags: ['public'],
  summary: '按访问地址获取本单位公开信息（名称、标识、主题色）',
  responses: {
    200: { description: 'the tenant named by the host', content: { 'application/json': { schema: publicTenant } } },
    ...problemResponses(404),
  },
});

export const registerPublicTenant = (app: IdentityApp) =>
  app.openapi(route, async (c) => {
    const { cityId: _city, ...tenant } = await hostTenant(c);
    c.header('cache-control', 'public, max-age=30');
    return c.json(tenant, 200);
  });
