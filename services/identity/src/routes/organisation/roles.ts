import { createRoute } from '@hono/zod-openapi';
import {
  createRoleRequest,
  permissionCatalogueView,
  role,
  roleListQuery,
  rolePage,
  updateRoleRequest,
} from '@yingshang/contracts/organisation';
import { schema } from '@yingshang/db';
import { audit, guard, idempotent, problemResponses, requiredIfMatch, setEtag, tenantTx } from '@yingshang/service-kit';
import type { IdentityApp } from '../../deps.ts';
import { catalogueFor } from '../../domain/organisation/permission-catalogue.ts';
import { uniqueFields } from '../../domain/organisation/problems.ts';
import { createRole, deleteRole, getRole, listRoles, roleUniques, updateRole } from '../../domain/organisation/roles.ts';
import { callerTenant } from '../../domain/organisation/tenant.ts';
import { API, bearer, idempotencyKey, idParam, ifMatch, ifMatchOptional, json, jsonBody, nothingWritten } from './shared.ts';

const base = `${API}/roles`;
const tags = ['roles'];
const id = idParam('角色');

export function registerRoleRoutes(app: IdentityApp): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: `${API}/permissions/catalogue`,
      tags,
      summary: '角色编辑器用的权限目录（仅本单位可授予、且已开通模块的权限）',
      security: bearer,
      middleware: guard('admin:role:read'),
      responses: { 200: json(permissionCatalogueView, 'grouped by module and entity'), ...problemResponses(401, 403) },
    }),
    async (c) => {
      const { tenantId } = c.get('principal');
      const tenant = await tenantTx(c, (tx) => callerTenant(tx, tenantId));
      return c.json(catalogueFor(tenant), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: base,
      tags,
      summary: '角色列表',
      security: bearer,
      middleware: guard('admin:role:read'),
      request: { query: roleListQuery },
      responses: { 200: json(rolePage, 'a page of roles'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const { tenantId } = c.get('principal');
      const page = await tenantTx(c, (tx) => listRoles(tx, tenantId, c.req.valid('query')));
      return c.json(page, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/{id}`,
      tags,
      summary: '查看角色',
      security: bearer,
      middleware: guard('admin:role:read'),
      request: { params: id },
      responses: { 200: json(role, 'the role; ETag carries its version'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { tenantId } = c.get('principal');
      const found = await tenantTx(c, (tx) => getRole(tx, tenantId, c.req.valid('param').id));
      setEtag(c, found.version);
      return c.json(found, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: base,
      tags,
      summary: '新增自定义角色',
      security: bearer,
      middleware: guard('admin:role:create'),
      request: { headers: idempotencyKey, ...jsonBody(createRoleRequest) },
      responses: { 201: json(role, 'created'), ...problemResponses(400, 401, 403, 409, 422) },
    }),
    async (c) => {
      const { tenantId } = c.get('principal');
      const input = c.req.valid('json');
      const outcome = await uniqueFields(
        () =>
          tenantTx(c, async (tx) => {
            const tenant = await callerTenant(tx, tenantId);
            return idempotent(c, tx, schema.identityIdempotencyKeys, tenantId, input, async () => {
              const created = await createRole(tx, tenant, input);
              await audit(c, tx, { action: 'role.create', entity: 'role', entityId: created.id, after: created });
              return { status: 201, body: created };
            });
          }),
        roleUniques,
      );
      if (outcome.replayed) nothingWritten(c);
      setEtag(c, outcome.body.version);
      return c.json(outcome.body, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: `${base}/{id}`,
      tags,
      summary: '修改角色（名称、编码、权限、数据范围）',
      description: '内置角色的编码不能修改；不能从自己所属的角色中移除角色管理权限。',
      security: bearer,
      middleware: guard('admin:role:update'),
      request: { params: id, headers: ifMatch, ...jsonBody(updateRoleRequest) },
      responses: { 200: json(role, 'updated'), ...problemResponses(400, 401, 403, 404, 409, 412, 428) },
    }),
    async (c) => {
      const principal = c.get('principal');
      const expected = requiredIfMatch(c);
      const roleId = c.req.valid('param').id;
      const input = c.req.valid('json');
      const { after } = await uniqueFields(
        () =>
          tenantTx(c, async (tx) => {
            const tenant = await callerTenant(tx, principal.tenantId);
            const change = await updateRole(tx, tenant, principal.role, roleId, expected, input);
            await audit(c, tx, { action: 'role.update', entity: 'role', entityId: roleId, ...change });
            return change;
          }),
        roleUniques,
      );
      setEtag(c, after.version);
      return c.json(after, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: `${base}/{id}`,
      tags,
      summary: '删除自定义角色（内置角色或仍有用户时拒绝）',
      security: bearer,
      middleware: guard('admin:role:delete'),
      request: { params: id, headers: ifMatchOptional },
      responses: { 204: { description: 'deleted' }, ...problemResponses(400, 401, 403, 404, 409, 412) },
    }),
    async (c) => {
      const { tenantId } = c.get('principal');
      const expected = c.req.header('if-match') ? requiredIfMatch(c) : undefined;
      const roleId = c.req.valid('param').id;
      await tenantTx(c, async (tx) => {
        const before = await deleteRole(tx, tenantId, roleId, expected);
        await audit(c, tx, { action: 'role.delete', entity: 'role', entityId: roleId, before });
      });
      return c.body(null, 204);
    },
  );
}
