import { createRoute, z } from '@hono/zod-openapi';
import {
  createEnterpriseRequest,
  enterpriseFileSchema,
  enterpriseListQuery,
  enterprisePage,
  enterpriseSchema,
  meSchema,
  timeLimitSettingsSchema,
  updateEnterpriseRequest,
  updateTimeLimitsRequest,
  usccCheckRequest,
  usccCheckResult,
  checkUscc,
  departmentOptions,
} from '@yingshang/contracts';
import { queryRows, schema } from '@yingshang/db';
import { sql } from 'drizzle-orm';
import { audit, guard, idempotent, problemResponses, requiredIfMatch, setEtag } from '@yingshang/service-kit';
import { appealsOfEnterprise } from '../domain/appeals.ts';
import { loadLimits } from '../domain/context.ts';
import { createEnterprise, deleteEnterprise, getEnterprise, listEnterprises, lockEnterprise, updateEnterprise, usccAllowlist } from '../domain/enterprises.ts';
import { listPairings, visitsOf } from '../domain/pairings.ts';
import { listMatches } from '../domain/policies.ts';
import type { EnterpriseApp, EnterpriseDeps } from '../deps.ts';
import { API, appealTx, bearer, callerTx, idParam, idempotencyKey, ifMatch, json, jsonBody, nothingWritten, todayOf } from './shared.ts';

const base = `${API}/enterprises`;
const deletedResult = z.object({ deleted: z.literal(true), id: z.uuid() });

/** 一企一档: the enterprise registry, the USCC check, the caller's own enterprise and the tenant's time limits. */
export function registerEnterpriseRoutes(app: EnterpriseApp, deps: EnterpriseDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: `${API}/me`,
      tags: ['enterprises'],
      summary: '当前用户：所代表的企业（企业用户）与本单位诉求时限设置',
      security: bearer,
      middleware: guard('enterprise:enterprise:read', 'enterprise:appeal:read', 'enterprise:policy:read'),
      responses: { 200: json(meSchema, 'who the caller is here'), ...problemResponses(401, 403) },
    }),
    async (c) => {
      const me = await callerTx(c, async (tx, caller) => {
        let name: string | null = null;
        if (caller.enterpriseId) {
          name = (await getEnterprise(tx, caller, caller.enterpriseId, todayOf(deps))).name;
        }
        return { enterpriseId: caller.enterpriseId, enterpriseName: name, timeLimits: await loadLimits(tx, caller.tenantId) };
      });
      return c.json(me, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${API}/settings/time-limits`,
      tags: ['settings'],
      summary: '诉求办理时限设置（交办、异议、反馈、分级办结时限，逾期升级规则）',
      security: bearer,
      middleware: guard('enterprise:appeal:read'),
      responses: { 200: json(timeLimitSettingsSchema, 'the tenant’s settings (the default preset when none saved)'), ...problemResponses(401, 403) },
    }),
    async (c) => c.json(await callerTx(c, (tx, caller) => loadLimits(tx, caller.tenantId)), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: `${API}/settings/time-limits`,
      tags: ['settings'],
      summary: '保存诉求办理时限设置（例如焦作“13710”、许昌 C5/B15/A30）',
      security: bearer,
      middleware: guard('admin:settings:update'),
      request: jsonBody(updateTimeLimitsRequest),
      responses: { 200: json(timeLimitSettingsSchema, 'saved'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const saved = await callerTx(c, async (tx, caller) => {
        const before = await loadLimits(tx, caller.tenantId);
        const T = schema.timeLimitSettings;
        await tx
          .insert(T)
          .values({ tenantId: caller.tenantId, ...input })
          .onConflictDoUpdate({ target: T.tenantId, set: { ...input, updatedAt: new Date() } });
        await audit(c, tx, { action: 'time_limits.update', entity: 'time_limit_settings', entityId: caller.tenantId, before, after: input });
        return loadLimits(tx, caller.tenantId);
      });
      return c.json(saved, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${API}/departments`,
      tags: ['settings'],
      summary: '本单位部门树（交办责任单位的选项）',
      security: bearer,
      middleware: guard('enterprise:appeal:read'),
      responses: { 200: json(departmentOptions, 'tree order, with depth'), ...problemResponses(401, 403) },
    }),
    async (c) => {
      const rows = await callerTx(c, (tx) =>
        queryRows<{ id: string; parentId: string | null; code: string; name: string; depth: number }>(
          tx,
          sql`select id, parent_id as "parentId", code, name, cardinality(path) - 1 as depth from identity.department_tree_v order by path::text, sort_order`,
        ),
      );
      return c.json({ items: rows }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${API}/uscc/check`,
      tags: ['enterprises'],
      summary: '校验统一社会信用代码（长度、字符集、校验位；本市试点代码白名单）',
      security: bearer,
      middleware: guard('enterprise:enterprise:read'),
      request: jsonBody(usccCheckRequest),
      responses: { 200: json(usccCheckResult, 'which check failed, if any'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const { uscc } = c.req.valid('json');
      const result = await callerTx(c, async (tx, caller) => checkUscc(uscc, await usccAllowlist(tx, caller.tenantId, uscc)));
      // A check writes nothing.
      nothingWritten(c);
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: base,
      tags: ['enterprises'],
      summary: '企业档案列表（搜索、筛选、排序、翻页）',
      security: bearer,
      middleware: guard('enterprise:enterprise:read'),
      request: { query: enterpriseListQuery },
      responses: { 200: json(enterprisePage, 'a page'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const query = c.req.valid('query');
      return c.json(await callerTx(c, (tx, caller) => listEnterprises(tx, caller, query, todayOf(deps))), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: base,
      tags: ['enterprises'],
      summary: '新增企业档案（统一社会信用代码本单位内唯一）',
      security: bearer,
      middleware: guard('enterprise:enterprise:create'),
      request: { headers: idempotencyKey, ...jsonBody(createEnterpriseRequest) },
      responses: { 201: json(enterpriseSchema, 'created'), ...problemResponses(400, 401, 403, 409, 422) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const day = todayOf(deps);
      const outcome = await callerTx(c, (tx, caller) =>
        idempotent(c, tx, schema.enterpriseIdempotencyKeys, caller.tenantId, input, async () => {
          const { row } = await createEnterprise(tx, caller, input, day);
          await audit(c, tx, { action: 'enterprise.create', entity: 'enterprise', entityId: row.id, after: row });
          return { status: 201, body: await getEnterprise(tx, caller, row.id, day) };
        }),
      );
      if (outcome.replayed) nothingWritten(c);
      setEtag(c, outcome.body.version);
      return c.json(outcome.body, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/{id}`,
      tags: ['enterprises'],
      summary: '查看企业档案',
      security: bearer,
      middleware: guard('enterprise:enterprise:read'),
      request: { params: idParam('企业') },
      responses: { 200: json(enterpriseSchema, 'the enterprise; ETag carries the version'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const found = await callerTx(c, (tx, caller) => getEnterprise(tx, caller, id, todayOf(deps)));
      setEtag(c, found.version);
      return c.json(found, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: `${base}/{id}`,
      tags: ['enterprises'],
      summary: '修改企业档案（须带 If-Match）',
      security: bearer,
      middleware: guard('enterprise:enterprise:update'),
      request: { params: idParam('企业'), headers: ifMatch, ...jsonBody(updateEnterpriseRequest) },
      responses: { 200: json(enterpriseSchema, 'saved'), ...problemResponses(400, 401, 403, 404, 409, 412, 428) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const expected = requiredIfMatch(c);
      const day = todayOf(deps);
      const saved = await callerTx(c, async (tx, caller) => {
        const before = await lockEnterprise(tx, caller, id, day);
        const after = await updateEnterprise(tx, before, expected, input, day);
        await audit(c, tx, { action: 'enterprise.update', entity: 'enterprise', entityId: id, before, after });
        return getEnterprise(tx, caller, id, day);
      });
      setEtag(c, saved.version);
      return c.json(saved, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: `${base}/{id}`,
      tags: ['enterprises'],
      summary: '删除误建的企业档案（须带 If-Match；已有诉求、走访或政策匹配的不能删除）',
      security: bearer,
      middleware: guard('enterprise:enterprise:delete'),
      request: { params: idParam('企业'), headers: ifMatch },
      responses: { 200: json(deletedResult, 'deleted'), ...problemResponses(400, 401, 403, 404, 409, 412, 428) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const expected = requiredIfMatch(c);
      await callerTx(c, async (tx, caller) => {
        const before = await lockEnterprise(tx, caller, id, todayOf(deps));
        await deleteEnterprise(tx, before, expected);
        await audit(c, tx, { action: 'enterprise.delete', entity: 'enterprise', entityId: id, before });
      });
      return c.json({ deleted: true as const, id }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/{id}/file`,
      tags: ['enterprises'],
      summary: '一企一档：企业档案及其包联、走访、诉求与政策匹配',
      security: bearer,
      middleware: guard('enterprise:enterprise:read'),
      request: { params: idParam('企业') },
      responses: { 200: json(enterpriseFileSchema, 'the whole file'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const file = await appealTx(c, deps, async (tx, caller, env) => {
        const enterprise = await getEnterprise(tx, caller, id, env.today);
        return {
          enterprise,
          pairings: caller.restricted ? [] : await listPairings(tx, caller, { enterpriseId: id }, env.today),
          visits: caller.restricted ? [] : await visitsOf(tx, caller.tenantId, id),
          appeals: caller.permissions.has('enterprise:appeal:read') ? await appealsOfEnterprise(tx, caller, id, env) : [],
          matches: caller.permissions.has('enterprise:benefit:read') || caller.permissions.has('enterprise:policy:read') ? await listMatches(tx, caller, { enterpriseId: id }, env.today) : [],
        };
      });
      return c.json(file, 200);
    },
  );
}
