import { createRoute, z } from '@hono/zod-openapi';
import { invitationView, registerTenantRequest, suspendRequest, tenantSummary } from '@yingshang/contracts/tenancy';
import { audit, guard, problemResponses, requiredIfMatch, setEtag, tenantTx } from '@yingshang/service-kit';
import type { Context } from 'hono';
import type { IdentityApp } from '../../deps.ts';
import {
  districtOf,
  listDistricts,
  registerDistrict,
  reissue,
  requireCity,
  revoke,
  setStatus,
  summarise,
} from '../../domain/tenancy/registry.ts';

const base = '/api/identity/v1/tenants';
const idParam = z.object({ id: z.uuid('单位编号格式有误') });
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** `http://localhost:8787/onboarding#<token>`: the token rides in the fragment, which browsers never send. */
function invitationUrl(c: Context, token: string): string {
  const proto = new URL(c.req.url).protocol;
  return `${proto}//${c.env.BASE_DOMAIN as string}/onboarding#${token}`;
}

export function registerTenantRoutes(app: IdentityApp) {
  app.openapi(
    createRoute({
      method: 'get',
      path: base,
      tags: ['tenants'],
      summary: '租户登记簿：各单位状态与开通进度（市级）',
      security: [{ bearer: [] }],
      middleware: guard('admin:tenant:read'),
      request: {
        query: z.object({
          status: z.enum(['invited', 'active', 'suspended']).optional(),
          keyword: z.string().trim().max(40).optional(),
        }),
      },
      responses: { 200: json(z.object({ items: z.array(tenantSummary) }), 'districts of the city'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const principal = c.get('principal');
      const query = c.req.valid('query');
      const items = await tenantTx(c, async (tx) => {
        await requireCity(tx, principal.tenantId);
        return listDistricts(tx, principal.tenantId, query);
      });
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/{id}`,
      tags: ['tenants'],
      summary: '查看单位',
      security: [{ bearer: [] }],
      middleware: guard('admin:tenant:read'),
      request: { params: idParam },
      responses: { 200: json(tenantSummary, 'the district'), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const [summary] = await tenantTx(c, async (tx) => {
        await requireCity(tx, principal.tenantId);
        return summarise(tx, [await districtOf(tx, principal.tenantId, id)]);
      });
      setEtag(c, summary!.version);
      return c.json(summary!, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: base,
      tags: ['tenants'],
      summary: '登记新单位并生成一次性邀请链接（市级）',
      security: [{ bearer: [] }],
      middleware: guard('admin:tenant:create'),
      request: { body: { required: true, content: { 'application/json': { schema: registerTenantRequest } } } },
      responses: {
        201: json(z.object({ tenant: tenantSummary, invitation: invitationView }), 'registered; the link is shown once'),
        ...problemResponses(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      const input = c.req.valid('json');
      const result = await tenantTx(c, async (tx) => {
        const city = await requireCity(tx, principal.tenantId);
        const { tenant, invitation } = await registerDistrict(tx, city, input, principal.userId);
        await audit(c, tx, { action: 'tenant.register', entity: 'tenant', entityId: tenant.id, after: tenant });
        const [summary] = await summarise(tx, [tenant]);
        return { tenant: summary!, invitation: { url: invitationUrl(c, invitation.token), expiresAt: invitation.expiresAt.toISOString() } };
      });
      return c.json(result, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/{id}/invitation`,
      tags: ['tenants'],
      summary: '重新生成邀请链接（旧链接立即失效）',
      security: [{ bearer: [] }],
      middleware: guard('admin:tenant:invite'),
      request: { params: idParam },
      responses: { 201: json(invitationView, 'the new link, shown once'), ...problemResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const invitation = await tenantTx(c, async (tx) => {
        await requireCity(tx, principal.tenantId);
        const tenant = await districtOf(tx, principal.tenantId, id);
        const issued = await reissue(tx, tenant, principal.userId);
        await audit(c, tx, { action: 'tenant.invitation.reissue', entity: 'tenant', entityId: id, after: { expiresAt: issued.expiresAt } });
        return issued;
      });
      return c.json({ url: invitationUrl(c, invitation.token), expiresAt: invitation.expiresAt.toISOString() }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: `${base}/{id}/invitation`,
      tags: ['tenants'],
      summary: '撤销未使用的邀请链接',
      security: [{ bearer: [] }],
      middleware: guard('admin:tenant:invite'),
      request: { params: idParam },
      responses: { 200: json(z.object({ revoked: z.number().int() }), 'revoked'), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const revoked = await tenantTx(c, async (tx) => {
        await requireCity(tx, principal.tenantId);
        const tenant = await districtOf(tx, principal.tenantId, id);
        const n = await revoke(tx, tenant);
        await audit(c, tx, { action: 'tenant.invitation.revoke', entity: 'tenant', entityId: id, after: { revoked: n } });
        return n;
      });
      return c.json({ revoked }, 200);
    },
  );

  for (const action of ['suspend', 'reactivate'] as const) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `${base}/{id}/${action}`,
        tags: ['tenants'],
        summary: action === 'suspend' ? '停用单位（其用户无法登录，数据保留）' : '恢复已停用的单位',
        security: [{ bearer: [] }],
        middleware: guard('admin:tenant:suspend'),
        request: {
          params: idParam,
          headers: z.object({ 'if-match': z.string().optional() }),
          ...(action === 'suspend' ? { body: { required: true, content: { 'application/json': { schema: suspendRequest } } } } : {}),
        },
        responses: { 200: json(tenantSummary, 'the district after the change'), ...problemResponses(400, 401, 403, 404, 409, 412, 428) },
      }),
      async (c) => {
        const principal = c.get('principal');
        const { id } = c.req.valid('param');
        const expected = requiredIfMatch(c);
        const reason = action === 'suspend' ? ((await c.req.json()) as { reason: string }).reason : undefined;
        const summary = await tenantTx(c, async (tx) => {
          await requireCity(tx, principal.tenantId);
          const before = await districtOf(tx, principal.tenantId, id);
          const after = await setStatus(tx, before, expected, {
            status: action === 'suspend' ? 'suspended' : 'active',
            ...(reason ? { reason } : {}),
          });
          await audit(c, tx, { action: `tenant.${action}`, entity: 'tenant', entityId: id, before, after });
          return (await summarise(tx, [after]))[0]!;
        });
        setEtag(c, summary.version);
        return c.json(summary, 200);
      },
    );
  }
}
