import { createRoute } from '@hono/zod-openapi';
import {
  createDepartmentRequest,
  department,
  departmentList,
  departmentTree,
  updateDepartmentRequest,
} from '@yingshang/contracts/organisation';
import { schema } from '@yingshang/db';
import { audit, guard, idempotent, problemResponses, requiredIfMatch, setEtag, tenantTx } from '@yingshang/service-kit';
import type { IdentityApp } from '../../deps.ts';
import {
  buildTree,
  createDepartment,
  deleteDepartment,
  departmentUniques,
  getDepartment,
  listDepartments,
  updateDepartment,
} from '../../domain/organisation/departments.ts';
import { uniqueFields } from '../../domain/organisation/problems.ts';
import { API, bearer, idempotencyKey, idParam, ifMatch, ifMatchOptional, json, jsonBody, nothingWritten } from './shared.ts';

const base = `${API}/departments`;
const tags = ['departments'];
const id = idParam('部门');

export function registerDepartmentRoutes(app: IdentityApp): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: base,
      tags,
      summary: '部门列表（平铺，含上级部门编号）',
      security: bearer,
      middleware: guard('admin:department:read'),
      responses: { 200: json(departmentList, 'every department of the tenant'), ...problemResponses(401, 403) },
    }),
    async (c) => {
      const { tenantId } = c.get('principal');
      const items = await tenantTx(c, (tx) => listDepartments(tx, tenantId));
      return c.json({ items, nextCursor: null, total: items.length }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/tree`,
      tags,
      summary: '部门树',
      security: bearer,
      middleware: guard('admin:department:read'),
      responses: { 200: json(departmentTree, 'the department tree'), ...problemResponses(401, 403) },
    }),
    async (c) => {
      const { tenantId } = c.get('principal');
      const items = await tenantTx(c, (tx) => listDepartments(tx, tenantId));
      return c.json({ items: buildTree(items), total: items.length }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/{id}`,
      tags,
      summary: '查看部门',
      security: bearer,
      middleware: guard('admin:department:read'),
      request: { params: id },
      responses: { 200: json(department, 'the department; ETag carries its version'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { tenantId } = c.get('principal');
      const found = await tenantTx(c, (tx) => getDepartment(tx, tenantId, c.req.valid('param').id));
      setEtag(c, found.version);
      return c.json(found, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: base,
      tags,
      summary: '新增部门',
      security: bearer,
      middleware: guard('admin:department:create'),
      request: { headers: idempotencyKey, ...jsonBody(createDepartmentRequest) },
      responses: { 201: json(department, 'created'), ...problemResponses(400, 401, 403, 409, 422) },
    }),
    async (c) => {
      const { tenantId } = c.get('principal');
      const input = c.req.valid('json');
      const outcome = await uniqueFields(
        () =>
          tenantTx(c, (tx) =>
            idempotent(c, tx, schema.identityIdempotencyKeys, tenantId, input, async () => {
              const created = await createDepartment(tx, tenantId, input);
              await audit(c, tx, { action: 'department.create', entity: 'department', entityId: created.id, after: created });
              return { status: 201, body: created };
            }),
          ),
        departmentUniques,
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
      summary: '修改部门（名称、编码、上级、排序）',
      security: bearer,
      middleware: guard('admin:department:update'),
      request: { params: id, headers: ifMatch, ...jsonBody(updateDepartmentRequest) },
      responses: { 200: json(department, 'updated'), ...problemResponses(400, 401, 403, 404, 409, 412, 428) },
    }),
    async (c) => {
      const { tenantId } = c.get('principal');
      const expected = requiredIfMatch(c);
      const departmentId = c.req.valid('param').id;
      const input = c.req.valid('json');
      const { after } = await uniqueFields(
        () =>
          tenantTx(c, async (tx) => {
            const change = await updateDepartment(tx, tenantId, departmentId, expected, input);
            await audit(c, tx, { action: 'department.update', entity: 'department', entityId: departmentId, ...change });
            return change;
          }),
        departmentUniques,
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
      summary: '删除部门（有下级部门或用户时拒绝）',
      security: bearer,
      middleware: guard('admin:department:delete'),
      request: { params: id, headers: ifMatchOptional },
      responses: { 204: { description: 'deleted' }, ...problemResponses(400, 401, 403, 404, 409, 412) },
    }),
    async (c) => {
      const { tenantId } = c.get('principal');
      const expected = c.req.header('if-match') ? requiredIfMatch(c) : undefined;
      const departmentId = c.req.valid('param').id;
      await tenantTx(c, async (tx) => {
        const before = await deleteDepartment(tx, tenantId, departmentId, expected);
        await audit(c, tx, { action: 'department.delete', entity: 'department', entityId: departmentId, before });
      });
      return c.body(null, 204);
    },
  );
}
