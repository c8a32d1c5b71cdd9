import { createRoute } from '@hono/zod-openapi';
import {
  cadreList,
  cadreListQuery,
  createPairingRequest,
  createVisitRequest,
  endPairingRequest,
  pairingList,
  pairingListQuery,
  pairingSchema,
  visitListQuery,
  visitPage,
  visitSchema,
} from '@yingshang/contracts';
import { schema } from '@yingshang/db';
import { audit, guard, idempotent, problemResponses } from '@yingshang/service-kit';
import { createPairing, createVisit, endPairing, getPairing, getVisit, listCadres, listPairings, listVisits } from '../domain/pairings.ts';
import type { EnterpriseApp, EnterpriseDeps } from '../deps.ts';
import { API, bearer, callerTx, idParam, idempotencyKey, json, jsonBody, nothingWritten, todayOf } from './shared.ts';

/** 包联 (which cadre covers which enterprises, over time) and 走访 (visit records). */
export function registerPairingRoutes(app: EnterpriseApp, deps: EnterpriseDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: `${API}/cadres`,
      tags: ['pairings'],
      summary: '可包联的干部（本单位在职人员，按姓名或部门搜索）',
      security: bearer,
      middleware: guard('enterprise:pairing:read'),
      request: { query: cadreListQuery },
      responses: { 200: json(cadreList, 'by department, then name'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const items = await callerTx(c, (tx) => listCadres(tx, query));
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${API}/pairings`,
      tags: ['pairings'],
      summary: '包联关系（可按企业、干部、是否在包筛选）',
      security: bearer,
      middleware: guard('enterprise:pairing:read'),
      request: { query: pairingListQuery },
      responses: { 200: json(pairingList, 'newest first'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const items = await callerTx(c, (tx, caller) => listPairings(tx, caller, query, todayOf(deps)));
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${API}/pairings`,
      tags: ['pairings'],
      summary: '建立包联关系',
      security: bearer,
      middleware: guard('enterprise:pairing:update'),
      request: { headers: idempotencyKey, ...jsonBody(createPairingRequest) },
      responses: { 201: json(pairingSchema, 'created'), ...problemResponses(400, 401, 403, 409, 422) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const day = todayOf(deps);
      const outcome = await callerTx(c, (tx, caller) =>
        idempotent(c, tx, schema.enterpriseIdempotencyKeys, caller.tenantId, input, async () => {
          const row = await createPairing(tx, caller, input, day);
          await audit(c, tx, { action: 'pairing.create', entity: 'pairing', entityId: row.id, after: row });
          return { status: 201, body: await getPairing(tx, caller, row.id, day) };
        }),
      );
      if (outcome.replayed) nothingWritten(c);
      return c.json(outcome.body, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${API}/pairings/{id}/end`,
      tags: ['pairings'],
      summary: '结束包联关系（默认今天）',
      security: bearer,
      middleware: guard('enterprise:pairing:update'),
      request: { params: idParam('包联关系'), ...jsonBody(endPairingRequest) },
      responses: { 200: json(pairingSchema, 'ended'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { endDate } = c.req.valid('json');
      const day = todayOf(deps);
      const saved = await callerTx(c, async (tx, caller) => {
        const { before, after } = await endPairing(tx, caller, id, endDate ?? day);
        await audit(c, tx, { action: 'pairing.end', entity: 'pairing', entityId: id, before, after });
        return getPairing(tx, caller, id, day);
      });
      return c.json(saved, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${API}/visits`,
      tags: ['visits'],
      summary: '走访记录（按走访日期倒序）',
      security: bearer,
      middleware: guard('enterprise:visit:read'),
      request: { query: visitListQuery },
      responses: { 200: json(visitPage, 'a page'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const query = c.req.valid('query');
      return c.json(await callerTx(c, (tx, caller) => listVisits(tx, caller, query, todayOf(deps))), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${API}/visits`,
      tags: ['visits'],
      summary: '记录走访（包联干部本人）',
      security: bearer,
      middleware: guard('enterprise:visit:create'),
      request: { headers: idempotencyKey, ...jsonBody(createVisitRequest) },
      responses: { 201: json(visitSchema, 'recorded'), ...problemResponses(400, 401, 403, 422) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const day = todayOf(deps);
      const outcome = await callerTx(c, (tx, caller) =>
        idempotent(c, tx, schema.enterpriseIdempotencyKeys, caller.tenantId, input, async () => {
          const row = await createVisit(tx, caller, input, day);
          await audit(c, tx, { action: 'visit.create', entity: 'visit', entityId: row.id, after: row });
          return { status: 201, body: await getVisit(tx, caller.tenantId, row.id) };
        }),
      );
      if (outcome.replayed) nothingWritten(c);
      return c.json(outcome.body, 201);
    },
  );
}
