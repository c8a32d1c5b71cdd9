import { createRoute } from '@hono/zod-openapi';
import { createTourRequest, scoreSheet, scoreSheetList, scoreSheetRequest, tour, tourList } from '@yingshang/contracts';
import { schema } from '@yingshang/db';
import { audit, guard, idempotent, problemResponses, requiredIfMatch, setEtag } from '@yingshang/service-kit';
import type { AssessmentsApp } from '../deps.ts';
import { requireCity } from '../store/caller.ts';
import { closeTour, createTour, getTour, getTourRow, listScoreSheets, listTours, saveScoreSheet } from '../store/tours.ts';
import { API, bearer, callerTx, idParam, idempotencyKey, ifMatch, json, jsonBody, nothingWritten } from './shared.ts';

const base = `${API}/tours`;

/** 观摩: events, the sites per district, scorers, score sheets and results (trimmed mean or mean). */
export function registerTourRoutes(app: AssessmentsApp) {
  app.openapi(
    createRoute({
      method: 'get',
      path: base,
      tags: ['tours'],
      summary: '观摩活动列表',
      security: bearer,
      middleware: guard('assessments:observation:read'),
      responses: { 200: json(tourList, 'oldest first'), ...problemResponses(401, 403) },
    }),
    async (c) => c.json({ items: await callerTx(c, (tx, caller) => listTours(tx, caller)) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: base,
      tags: ['tours'],
      summary: '组织观摩活动：评分表（评分项与满分）、评委、各区县观摩点位（仅市级；可带 Idempotency-Key）',
      security: bearer,
      middleware: guard('assessments:observation:update'),
      request: { headers: idempotencyKey, ...jsonBody(createTourRequest) },
      responses: { 201: json(tour, 'created'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const outcome = await callerTx(c, async (tx, caller) => {
        requireCity(caller);
        return idempotent(c, tx, schema.assessmentsIdempotencyKeys, caller.tenantId, input, async () => {
          const id = await createTour(tx, caller, input);
          const after = await getTour(tx, caller, id);
          await audit(c, tx, { action: 'tour.create', entity: 'tour', entityId: id, after });
          return { status: 201, body: after };
        });
      });
      if (outcome.replayed) nothingWritten(c);
      const created = outcome.body;
      setEtag(c, created.version);
      return c.json(created, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/{id}`,
      tags: ['tours'],
      summary: '观摩活动详情：市级可见全部点位、评委和各单位结果；区县只见本单位点位和结束后的本单位结果',
      security: bearer,
      middleware: guard('assessments:observation:read'),
      request: { params: idParam('观摩活动') },
      responses: { 200: json(tour, 'the tour'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const found = await callerTx(c, (tx, caller) => getTour(tx, caller, id));
      setEtag(c, found.version);
      return c.json(found, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/{id}/scores`,
      tags: ['tours'],
      summary: '各评委的评分表（仅市级）',
      security: bearer,
      middleware: guard('assessments:observation:score', 'assessments:observation:update'),
      request: { params: idParam('观摩活动') },
      responses: { 200: json(scoreSheetList, 'every sheet'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const items = await callerTx(c, async (tx, caller) => {
        requireCity(caller);
        return listScoreSheets(tx, await getTourRow(tx, caller, id));
      });
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: `${base}/{id}/scores`,
      tags: ['tours'],
      summary: '评委为一个区县打分（仅市级；超过评分项满分 400，重复提交覆盖）',
      security: bearer,
      middleware: guard('assessments:observation:score'),
      request: { params: idParam('观摩活动'), ...jsonBody(scoreSheetRequest) },
      responses: { 200: json(scoreSheet, 'saved'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const saved = await callerTx(c, async (tx, caller) => {
        requireCity(caller);
        const row = await getTourRow(tx, caller, id, true);
        const sheet = await saveScoreSheet(tx, caller, row, input);
        await audit(c, tx, { action: 'tour.score', entity: 'tour', entityId: id, after: sheet });
        return sheet;
      });
      return c.json(saved, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/{id}/close`,
      tags: ['tours'],
      summary: '结束打分：各区县结果计入所关联周期的观摩指标（仅市级，须带 If-Match）',
      security: bearer,
      middleware: guard('assessments:observation:update'),
      request: { params: idParam('观摩活动'), headers: ifMatch },
      responses: { 200: json(tour, 'closed'), ...problemResponses(400, 401, 403, 404, 409, 412, 428) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const expected = requiredIfMatch(c);
      const closed = await callerTx(c, async (tx, caller) => {
        requireCity(caller);
        const row = await getTourRow(tx, caller, id, true);
        const written = await closeTour(tx, caller, row, expected);
        const after = await getTour(tx, caller, id);
        await audit(c, tx, { action: 'tour.close', entity: 'tour', entityId: id, after: { results: after.results, valuesWritten: written } });
        return after;
      });
      setEtag(c, closed.version);
      return c.json(closed, 200);
    },
  );
}
