import { createRoute, z } from '@hono/zod-openapi';
import { ACCESS_TOKEN_SECONDS, HttpProblem, problemResponses, signAccessToken, tenantTxFor } from '@yingshang/service-kit';
import type { IdentityApp } from '../deps.ts';
import { hostTenant } from '../domain/host-tenant.ts';
import { refresh } from '../domain/sessions.ts';
import { assertTenantOpen } from '../domain/tenants.ts';
import { clearRefreshCookie, readRefreshCookie, writeRefreshCookie } from './cookie.ts';

const route = createRoute({
  method: 'post',
  path: '/api/identity/v1/auth/refresh',
  tags: ['auth'],
  summary: '换发访问令牌（刷新令牌轮换，重复使用即整组作废）',
  responses: {
    200: {
      description: 'a new access token; the refresh cookie is rotated',
      content: { 'application/json': { schema: z.object({ accessToken: z.string(), expiresIn: z.number().int() }) } },
    },
    ...problemResponses(401, 403, 404),
  },
});

export const registerRefresh = (app: IdentityApp) =>
  app.openapi(route, async (c) => {
    const cookie = readRefreshCookie(c);
    if (!cookie) throw new HttpProblem(401, 'session-expired', '登录已过期', '请重新登录');
    const tenant = await hostTenant(c);
    assertTenantOpen(tenant);
    const outcome = await tenantTxFor(c, tenant.id, (tx) => refresh(tx, { tenantId: tenant.id, tenantSlug: tenant.slug }, cookie));
    if (!outcome.ok) {
      clearRefreshCookie(c);
      throw outcome.problem;
    }
    writeRefreshCookie(c, outcome.refreshToken);
    const accessToken = await signAccessToken(outcome.claims, c.env.JWT_SECRET);
    return c.json({ accessToken, expiresIn: ACCESS_TOKEN_SECONDS }, 200);
  });
