import { createRoute } from '@hono/zod-openapi';
import { createParkRequest, parkList, parkSchema, updateParkRequest } from '@yingshang/contracts';
import { schema } from '@yingshang/db';
import { audit, guard, idempotent, problemResponses, requiredIfMatch, setEtag, tenantTx } from '@yingshang/service-kit';
import type { Principal } from '@yingshang/service-kit';
import { createPark, getPark, listParks, lockPark, updatePark } from '../domain/parks.ts';
import type { EnterpriseApp } from '../deps.ts';
import { API, bearer, idParam, idempotencyKey, ifMatch, json, jsonBody, nothingWritten } from './shared.ts';

const base = `${API}/parks`;

/** 小微企业园: areas, investment, stage, settled enterprises, occupancy. */
export function registerParkRoutes(app: EnterpriseApp) {
  const tenantOf = (c: { get(key: 'principal'): Principal }) => c.get('principal').tenantId;

  app.openapi(
    createRoute({
      method: 'get',
      path: base,
      tags: ['parks'],
      summary: '小微企业园（含入驻率与合计）',
      security: bearer,
      middleware: guard('enterprise:park:read'),
      responses: { 200: json(parkList, 'by name'), ...problemResponses(401, 403) },
    }),
    async (c) => c.json(await tenantTx(c, (tx) => listParks(tx, tenantOf(c))), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: base,
      tags: ['parks'],
      summary: '新增小微企业园',
      security: bearer,
      middleware: guard('enterprise:park:update'),
      request: { headers: idempotencyKey, ...jsonBody(createParkRequest) },
      responses: { 201: json(parkSchema, 'created'), ...problemResponses(400, 401, 403, 409, 422) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const tenantId = tenantOf(c);
      const outcome = await tenantTx(c, (tx) =>
        idempotent(c, tx, schema.enterpriseIdempotencyKeys, tenantId, input, async () => {
          const row = await createPark(tx, tenantId, input);
          await audit(c, tx, { action: 'park.create', entity: 'park', entityId: row.id, after: row });
          return { status: 201, body: await getPark(tx, tenantId, row.id) };
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
      tags: ['parks'],
      summary: '查看小微企业园',
      security: bearer,
      middleware: guard('enterprise:park:read'),
      request: { params: idParam('园区') },
      responses: { 200: json(parkSchema, 'the park'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const found = await tenantTx(c, (tx) => getPark(tx, tenantOf(c), id));
      setEtag(c, found.version);
      return c.json(found, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: `${base}/{id}`,
      tags: ['parks'],
      summary: '修改小微企业园（须带 If-Match）',
      security: bearer,
      middleware: guard('enterprise:park:update'),
      request: { params: idParam('园区'), headers: ifMatch, ...jsonBody(updateParkRequest) },
      responses: { 200: json(parkSchema, 'saved'), ...problemResponses(400, 401, 403, 404, 409, 412, 428) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const expected = requiredIfMatch(c);
      const tenantId = tenantOf(c);
      const saved = await tenantTx(c, async (tx) => {
        const before = await lockPark(tx, tenantId, id);
        const after = await updatePark(tx, before, expected, input);
        await audit(c, tx, { action: 'park.update', entity: 'park', entityId: id, before, after });
        return getPark(tx, tenantId, id);
      });
      setEtag(c, saved.version);
      return c.json(saved, 200);
    },
  );
}
