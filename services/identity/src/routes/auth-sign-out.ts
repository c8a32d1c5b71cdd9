import { createRoute } from '@hono/zod-openapi';
import { problemResponses, tenantTxFor } from '@yingshang/service-kit';
import type { IdentityApp } from '../deps.ts';
import { hostTenant } from '../domain/host-tenant.ts';
import { signOut } from '../domain/sessions.ts';
import { clearRefreshCookie, readRefreshCookie } from './cookie.ts';

const route = createRoute({
  method: 'post',
  path: '/api/identity/v1/auth/sign-out',
  tags: ['auth'],
  summary: '退出登录（作废本次会话的刷新令牌）',
  responses: { 204: { description: 'signed out' }, ...problemResponses(404) },
});

export const registerSignOut = (app: IdentityApp) =>
  app.openapi(route, async (c) => {
    const cookie = readRefreshCookie(c);
    if (cookie) {
      const tenant = await hostTenant(c);
      await tenantTxFor(c, tenant.id, (tx) => signOut(tx, tenant.id, cookie));
    }
    clearRefreshCookie(c);
    return c.body(null, 204);
  });
