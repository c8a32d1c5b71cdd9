import { createRoute, z } from '@hono/zod-openapi';
import { branding, brandingUpdateRequest, modulesRequest } from '@yingshang/contracts/tenancy';
import { ALWAYS_ENABLED_MODULES } from '@yingshang/contracts/permissions';
import { type Tx, schema } from '@yingshang/db';
import { HttpProblem, audit, guard, problemResponses, problems, requiredIfMatch, setEtag, staleVersion, tenantTx } from '@yingshang/service-kit';
import { and, eq } from 'drizzle-orm';
import type { IdentityApp } from '../../deps.ts';

const path = '/api/identity/v1/settings';
const json = <T extends z.ZodType>(s: T, description: string) => ({ description, content: { 'application/json': { schema: s } } });
type TenantRow = typeof schema.tenants.$inferSelect;

const toBranding = (t: TenantRow) => ({
  name: t.name,
  shortName: t.shortName,
  primaryColor: t.primaryColor,
  logo: t.logo,
  slug: t.slug,
  modules: t.modules,
  allowedModules: t.allowedModules,
  version: t.version,
});

async function ownTenant(tx: Tx, id: string): Promise<TenantRow> {
  const [row] = await tx.select().from(schema.tenants).where(eq(schema.tenants.id, id));
  if (!row) throw problems.notFound('单位');
  return row;
}

/** Optimistic update of the caller's own tenant row: the version must still be the one the editor loaded. */
async function updateOwn(tx: Tx, before: TenantRow, expected: number, values: Partial<TenantRow>): Promise<TenantRow> {
  if (before.version !== expected) throw staleVersion(before.version);
  const [row] = await tx
    .update(schema.tenants)
    .set({ ...values, version: before.version + 1, updatedAt: new Date() })
    .where(and(eq(schema.tenants.id, before.id), eq(schema.tenants.version, expected)))
    .returning();
  if (!row) throw staleVersion(before.version + 1);
  return row;
}

export function registerBrandingRoutes(app: IdentityApp) {
  app.openapi(
    createRoute({
      method: 'get',
      path: `${path}/branding`,
      tags: ['settings'],
      summary: '本单位品牌与模块设置',
      security: [{ bearer: [] }],
      middleware: guard('admin:settings:read'),
      responses: { 200: json(branding, 'current settings; ETag carries the version'), ...problemResponses(401, 403) },
    }),
    async (c) => {
      const row = await tenantTx(c, (tx) => ownTenant(tx, c.get('principal').tenantId));
      setEtag(c, row.version);
      return c.json(toBranding(row), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: `${path}/branding`,
      tags: ['settings'],
      summary: '修改本单位名称、简称、主题色与标识',
      security: [{ bearer: [] }],
      middleware: guard('admin:settings:update'),
      request: { body: { required: true, content: { 'application/json': { schema: brandingUpdateRequest } } } },
      responses: { 200: json(branding, 'saved'), ...problemResponses(400, 401, 403, 412, 428) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const expected = requiredIfMatch(c);
      const row = await tenantTx(c, async (tx) => {
        const before = await ownTenant(tx, c.get('principal').tenantId);
        const after = await updateOwn(tx, before, expected, input);
        await audit(c, tx, { action: 'settings.branding', entity: 'tenant', entityId: after.id, before: toBranding(before), after: toBranding(after) });
        return after;
      });
      setEtag(c, row.version);
      return c.json(toBranding(row), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: `${path}/modules`,
      tags: ['settings'],
      summary: '启用或关闭功能模块（关闭后所有角色都失去该模块的权限）',
      security: [{ bearer: [] }],
      middleware: guard('admin:settings:update'),
      request: { body: { required: true, content: { 'application/json': { schema: modulesRequest } } } },
      responses: { 200: json(branding, 'saved'), ...problemResponses(400, 401, 403, 412, 428) },
    }),
    async (c) => {
      const { modules } = c.req.valid('json');
      const expected = requiredIfMatch(c);
      const row = await tenantTx(c, async (tx) => {
        const before = await ownTenant(tx, c.get('principal').tenantId);
        const refused = modules.filter((m) => !before.allowedModules.includes(m));
        if (refused.length > 0) {
          throw new HttpProblem(400, 'validation', '所选模块超出开通范围', `市级套餐未包含：${refused.join('、')}`, {
            errors: [{ field: 'json.modules', message: `不可选择：${refused.join('、')}` }],
          });
        }
        const after = await updateOwn(tx, before, expected, { modules: [...new Set([...modules, ...ALWAYS_ENABLED_MODULES])] });
        await audit(c, tx, { action: 'settings.modules', entity: 'tenant', entityId: after.id, before: before.modules, after: after.modules });
        return after;
      });
      setEtag(c, row.version);
      return c.json(toBranding(row), 200);
    },
  );
}
