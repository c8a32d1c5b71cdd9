import { createServiceApp } from '@yingshang/service-kit';
import type { IdentityApp, IdentityDeps, IdentityEnv } from './deps.ts';
import { registerCaptcha } from './routes/auth-captcha.ts';
import { registerRefresh } from './routes/auth-refresh.ts';
import { registerSignIn } from './routes/auth-sign-in.ts';
import { registerSignOut } from './routes/auth-sign-out.ts';
import { registerMe } from './routes/me.ts';
import { registerOrganisationRoutes } from './routes/organisation/index.ts';
import { registerPublicTenant } from './routes/public-tenant.ts';
import { registerPublicTenants } from './routes/public-tenants.ts';
import { registerTenancyRoutes } from './routes/tenancy/index.ts';

export function createIdentityApp(deps: IdentityDeps): IdentityApp {
  const app = createServiceApp<IdentityEnv>({
    service: 'identity',
    title: '营商 · 身份与租户 API',
    description: '租户注册与开通、品牌、登录与会话、部门用户角色、审计、通知公告',
    // Sign-in, refresh and sign-out are recorded in the sign-in log and the refresh-token table instead.
    auditExempt: /^\/api\/identity\/v1\/auth\//,
    ...(deps.database ? { database: deps.database } : {}),
  });
  registerPublicTenant(app);
  registerPublicTenants(app);
  registerCaptcha(app);
  registerSignIn(app, deps);
  registerRefresh(app);
  registerSignOut(app);
  registerMe(app);
  registerTenancyRoutes(app, deps);
  registerOrganisationRoutes(app, deps);
  return app;
}
