import { createRoute } from '@hono/zod-openapi';
import { me } from '@yingshang/contracts/identity';
import { schema } from '@yingshang/db';
import { problemResponses, problems, requireAuth, tenantTx } from '@yingshang/service-kit';
import { and, eq } from 'drizzle-orm';
import type { IdentityApp } from '../deps.ts';

const route = createRoute({
  method: 'get',
  path: '/api/identity/v1/me',
  tags: ['auth'],
  summary: '当前用户、所属单位、权限与可用模块',
  security: [{ bearer: [] }],
  middleware: [requireAuth] as const,
  responses: {
    200: { description: 'the signed-in user', content: { 'application/json': { schema: me } } },
    ...problemResponses(401, 403, 404),
  },
});

export const registerMe = (app: IdentityApp) =>
  app.openapi(route, async (c) => {
    const principal = c.get('principal');
    const row = await tenantTx(c, async (tx) => {
      const [found] = await tx
        .select({ user: schema.users, role: schema.roles, department: schema.departments, tenant: schema.tenants })
        .from(schema.users)
        .innerJoin(schema.roles, and(eq(schema.roles.tenantId, schema.users.tenantId), eq(schema.roles.id, schema.users.roleId)))
        .innerJoin(schema.tenants, eq(schema.tenants.id, schema.users.tenantId))
        .leftJoin(
          schema.departments,
          and(eq(schema.departments.tenantId, schema.users.tenantId), eq(schema.departments.id, schema.users.departmentId)),
        )
        .where(and(eq(schema.users.tenantId, principal.tenantId), eq(schema.users.id, principal.userId)));
      return found;
    });
    if (!row) throw problems.unauthorized('账号不存在或已停用');
    const permissions = [...principal.permissions].sort();
    const modules = row.tenant.modules.filter((m) => permissions.some((p) => p.startsWith(`${m}:`)));
    const t = row.tenant;
    return c.json(
      {
        user: {
          id: row.user.id,
          username: row.user.username,
          displayName: row.user.displayName,
          departmentId: row.user.departmentId,
          departmentName: row.department?.name ?? null,
          role: { code: row.role.code, name: row.role.name, dataScope: row.role.dataScope },
        },
        tenant: {
          id: t.id,
          slug: t.slug ?? principal.tenantSlug,
          name: t.name,
          shortName: t.shortName,
          kind: t.kind,
          status: t.status,
          primaryColor: t.primaryColor,
          logo: t.logo,
          modules: t.modules,
        },
        permissions,
        modules,
        mustChangePassword: row.user.mustChangePassword,
      },
      200,
    );
  });
