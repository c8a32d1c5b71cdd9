import { createRoute } from '@hono/zod-openapi';
import { signInRequest, tokenResponse } from '@yingshang/contracts/identity';
import { ACCESS_TOKEN_SECONDS, clientIp, problemResponses, signAccessToken, tenantTxFor } from '@yingshang/service-kit';
import type { IdentityApp, IdentityDeps } from '../deps.ts';
import { hostTenant } from '../domain/host-tenant.ts';
import { checkCaptcha } from '../domain/captcha.ts';
import { rateLimit } from '../domain/rate-limit.ts';
import { signIn } from '../domain/sessions.ts';
import { assertTenantOpen } from '../domain/tenants.ts';
import { writeRefreshCookie } from './cookie.ts';

const route = createRoute({
  method: 'post',
  path: '/api/identity/v1/auth/sign-in',
  tags: ['auth'],
  summary: '登录（单位由访问地址确定）',
  request: { body: { required: true, content: { 'application/json': { schema: signInRequest } } } },
  responses: {
    200: {
      description: 'signed in; the refresh token is in an httpOnly cookie',
      content: { 'application/json': { schema: tokenResponse } },
    },
    ...problemResponses(400, 401, 403, 404, 423, 429),
  },
});

export const registerSignIn = (app: IdentityApp, deps: IdentityDeps) =>
  app.openapi(route, async (c) => {
    const { username, password, captchaId, captchaCode } = c.req.valid('json');
    const ip = clientIp(c);
    await rateLimit(c.env.SIGN_IN_BY_ADDRESS, `ip:${ip ?? 'unknown'}`, '登录尝试过于频繁，请一分钟后再试');
    const tenant = await hostTenant(c);
    assertTenantOpen(tenant);
    await rateLimit(c.env.SIGN_IN_BY_TENANT, `tenant:${tenant.id}`, '本单位登录请求过多，请稍后再试');
    const argon2 = await deps.argon2();
    const outcome = await tenantTxFor(c, tenant.id, (tx) =>
      signIn(
        tx,
        argon2,
        {
          tenantId: tenant.id,
          tenantSlug: tenant.slug,
          ip,
          userAgent: c.req.header('user-agent') ?? null,
          verifyCaptcha: () => checkCaptcha(c.env.JWT_SECRET, captchaId, captchaCode),
        },
        username,
        password,
      ),
    );
    if (!outcome.ok) throw outcome.problem;
    writeRefreshCookie(c, outcome.refreshToken);
    const accessToken = await signAccessToken(outcome.claims, c.env.JWT_SECRET);
    return c.json({ accessToken, expiresIn: ACCESS_TOKEN_SECONDS, mustChangePassword: outcome.mustChangePassword }, 200);
  });
