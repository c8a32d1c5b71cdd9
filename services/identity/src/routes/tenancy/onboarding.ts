import { createRoute, z } from '@hono/zod-openapi';
import {
  onboardingAdminRequest,
  onboardingBrandingRequest,
  onboardingView,
  modulesRequest,
} from '@yingshang/contracts/tenancy';
import { type Tx } from '@yingshang/db';
import { HttpProblem, audit, isUniqueViolation, problemResponses, tenantTxFor } from '@yingshang/service-kit';
import { hashPassword } from '@yingshang/service-kit/password';
import type { Context } from 'hono';
import type { IdentityApp, IdentityDeps } from '../../deps.ts';
import { markInvitationUsed, openInvitation, tenantOfToken } from '../../domain/tenancy/invitations.ts';
import { complete, onboardingAdmin, saveAdmin, saveBranding, saveModules, tenantForOnboarding } from '../../domain/tenancy/onboarding.ts';

const base = '/api/identity/v1/onboarding';
// The token comes in a header, never in the path: paths end up in access logs.
const tokenHeader = z.object({ 'x-invitation-token': z.string().min(10).max(200).optional() });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });
const failures = problemResponses(400, 403, 404, 409, 410);

type OnboardingTx<T> = (tx: Tx, tenant: Awaited<ReturnType<typeof tenantForOnboarding>>, invitation: { id: string; expiresAt: Date }) => Promise<T>;

/**
 * Every onboarding step runs inside the invited tenant's own transaction (row-level security as that tenant),
 * after checking that the invitation is still open.
 */
// biome-ignore lint: any kit app's context
function withInvitation<T>(c: Context<any>, fn: OnboardingTx<T>): Promise<T> {
  const token = c.req.header('x-invitation-token');
  const tenantId = tenantOfToken(token);
  return tenantTxFor(c, tenantId, async (tx) => {
    const invitation = await openInvitation(tx, token!);
    const tenant = await tenantForOnboarding(tx, tenantId);
    return fn(tx, tenant, invitation);
  }, ['invited', 'active', 'suspended']);
}

async function view(tx: Tx, tenant: Awaited<ReturnType<typeof tenantForOnboarding>>, expiresAt: Date) {
  const admin = await onboardingAdmin(tx, tenant.id);
  return {
    tenant: {
      id: tenant.id,
      name: tenant.name,
      shortName: tenant.shortName,
      kind: tenant.kind,
      slug: tenant.slug,
      primaryColor: tenant.primaryColor,
      logo: tenant.logo,
      modules: tenant.modules,
      allowedModules: tenant.allowedModules,
    },
    stepsDone: tenant.onboardingSteps.filter((s): s is 'admin' | 'branding' | 'modules' => ['admin', 'branding', 'modules'].includes(s)),
    admin: admin ? { username: admin.username, displayName: admin.displayName } : null,
    expiresAt: expiresAt.toISOString(),
  };
}

const slugTaken = () =>
  new HttpProblem(409, 'duplicate', '地址标识已被占用', '该地址标识已被其他单位使用，请换一个', {
    errors: [{ field: 'json.slug', message: '该地址标识已被占用' }],
  });

export function registerOnboardingRoutes(app: IdentityApp, deps: IdentityDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: base,
      tags: ['onboarding'],
      summary: '查看开通进度（凭邀请链接）',
      request: { headers: tokenHeader },
      responses: { 200: json(onboardingView, 'the invited tenant and what is done'), ...failures },
    }),
    async (c) => c.json(await withInvitation(c, (tx, tenant, inv) => view(tx, tenant, inv.expiresAt)), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: `${base}/admin`,
      tags: ['onboarding'],
      summary: '第一步：设置管理员账号',
      request: { headers: tokenHeader, ...body(onboardingAdminRequest) },
      responses: { 200: json(onboardingView, 'saved'), ...failures },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const passwordHash = hashPassword(await deps.argon2(), input.password);
      const result = await withInvitation(c, async (tx, tenant, inv) => {
        const after = await saveAdmin(tx, tenant, { username: input.username, displayName: input.displayName, passwordHash });
        await audit(c, tx, { action: 'onboarding.admin', entity: 'tenant', entityId: tenant.id, after: { username: input.username } }, tenant.id);
        return view(tx, after, inv.expiresAt);
      });
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: `${base}/branding`,
      tags: ['onboarding'],
      summary: '第二步：单位名称、标识、主题色与访问地址',
      request: { headers: tokenHeader, ...body(onboardingBrandingRequest) },
      responses: { 200: json(onboardingView, 'saved'), ...failures },
    }),
    async (c) => {
      const input = c.req.valid('json');
      try {
        const result = await withInvitation(c, async (tx, tenant, inv) => {
          const after = await saveBranding(tx, tenant, input);
          await audit(c, tx, { action: 'onboarding.branding', entity: 'tenant', entityId: tenant.id, before: tenant, after }, tenant.id);
          return view(tx, after, inv.expiresAt);
        });
        return c.json(result, 200);
      } catch (err) {
        // Slugs are unique across all tenants; this tenant cannot see the others, so the index is what tells.
        if (isUniqueViolation(err, 'tenants_slug_key')) throw slugTaken();
        throw err;
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: `${base}/modules`,
      tags: ['onboarding'],
      summary: '第三步：选择启用的功能模块',
      request: { headers: tokenHeader, ...body(modulesRequest) },
      responses: { 200: json(onboardingView, 'saved'), ...failures },
    }),
    async (c) => {
      const { modules } = c.req.valid('json');
      const result = await withInvitation(c, async (tx, tenant, inv) => {
        const after = await saveModules(tx, tenant, modules);
        await audit(c, tx, { action: 'onboarding.modules', entity: 'tenant', entityId: tenant.id, before: tenant.modules, after: after.modules }, tenant.id);
        return view(tx, after, inv.expiresAt);
      });
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/complete`,
      tags: ['onboarding'],
      summary: '完成开通：单位转为正常状态，邀请链接失效',
      request: { headers: tokenHeader },
      responses: {
        200: json(z.object({ url: z.string(), slug: z.string() }), 'the tenant’s own address, to sign in'),
        ...failures,
      },
    }),
    async (c) => {
      const done = await withInvitation(c, async (tx, tenant, inv) => {
        const after = await complete(tx, tenant);
        await markInvitationUsed(tx, tenant.id, inv.id);
        await audit(c, tx, { action: 'onboarding.complete', entity: 'tenant', entityId: tenant.id, after: { status: after.status } }, tenant.id);
        return after;
      });
      const proto = new URL(c.req.url).protocol;
      return c.json({ url: `${proto}//${done.slug}.${c.env.BASE_DOMAIN}/`, slug: done.slug! }, 200);
    },
  );
}
