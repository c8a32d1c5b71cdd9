import { createRoute } from '@hono/zod-openapi';
import {
  createIndicatorRequest,
  createPeriodRequest,
  indicator,
  indicatorList,
  period,
  periodList,
  periodListQuery,
  updateIndicatorRequest,
  updatePeriodRequest,
  weightSet,
  weightSetRequest,
} from '@yingshang/contracts';
import { audit, guard, problemResponses, problems, requiredIfMatch, setEtag } from '@yingshang/service-kit';
import { frozenProblem } from '../domain/problems.ts';
import type { AssessmentsApp } from '../deps.ts';
import { requireCity } from '../store/caller.ts';
import {
  createIndicator,
  createPeriod,
  getIndicator,
  getPeriod,
  getPeriodRow,
  getWeightSet,
  listIndicators,
  listPeriods,
  saveWeightSet,
  toIndicator,
  updateIndicator,
  updatePeriod,
} from '../store/catalogue.ts';
import { rankingForPeriod } from '../store/rankings.ts';
import { API, bearer, callerTx, idParam, ifMatch, json, jsonBody, optionalIfMatch } from './shared.ts';

const READ = 'assessments:indicator:read';
const WRITE = 'assessments:indicator:update';

/** The city office's catalogue: indicators, periods, and each period's weights and formula version. */
export function registerCatalogueRoutes(app: AssessmentsApp) {
  app.openapi(
    createRoute({
      method: 'get',
      path: `${API}/indicators`,
      tags: ['indicators'],
      summary: '指标体系（市级目录：编码、名称、单位、方向、维度、数据来源）',
      security: bearer,
      middleware: guard(READ),
      responses: { 200: json(indicatorList, 'the catalogue, in display order'), ...problemResponses(401, 403) },
    }),
    async (c) => c.json({ items: await callerTx(c, (tx, caller) => listIndicators(tx, caller)) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${API}/indicators`,
      tags: ['indicators'],
      summary: '新增指标（仅市级）',
      security: bearer,
      middleware: guard(WRITE),
      request: jsonBody(createIndicatorRequest),
      responses: { 201: json(indicator, 'created'), ...problemResponses(400, 401, 403, 409) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const created = await callerTx(c, async (tx, caller) => {
        requireCity(caller);
        const row = await createIndicator(tx, caller, input);
        await audit(c, tx, { action: 'indicator.create', entity: 'indicator', entityId: row.id, after: row });
        return row;
      });
      setEtag(c, created.version);
      return c.json(created, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${API}/indicators/{id}`,
      tags: ['indicators'],
      summary: '查看指标',
      security: bearer,
      middleware: guard(READ),
      request: { params: idParam('指标') },
      responses: { 200: json(indicator, 'the indicator; ETag carries the version'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const found = toIndicator(await callerTx(c, (tx, caller) => getIndicator(tx, caller, id)));
      setEtag(c, found.version);
      return c.json(found, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: `${API}/indicators/{id}`,
      tags: ['indicators'],
      summary: '修改指标（仅市级，须带 If-Match；编码与数据来源不可改）',
      security: bearer,
      middleware: guard(WRITE),
      request: { params: idParam('指标'), headers: ifMatch, ...jsonBody(updateIndicatorRequest) },
      responses: { 200: json(indicator, 'saved'), ...problemResponses(400, 401, 403, 404, 412, 428) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const expected = requiredIfMatch(c);
      const saved = await callerTx(c, async (tx, caller) => {
        requireCity(caller);
        const before = await getIndicator(tx, caller, id, true);
        const after = await updateIndicator(tx, before, expected, input);
        await audit(c, tx, { action: 'indicator.update', entity: 'indicator', entityId: id, before: toIndicator(before), after });
        return after;
      });
      setEtag(c, saved.version);
      return c.json(saved, 200);
    },
  );

  // -------------------------------------------------------------------------------------------------------------

  app.openapi(
    createRoute({
      method: 'get',
      path: `${API}/periods`,
      tags: ['periods'],
      summary: '考核周期（月、季、半年、年），含是否已设权重及排名状态',
      security: bearer,
      middleware: guard(READ, 'assessments:ranking:read'),
      request: { query: periodListQuery },
      responses: { 200: json(periodList, 'oldest first'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const query = c.req.valid('query');
      return c.json({ items: await callerTx(c, (tx, caller) => listPeriods(tx, caller, query)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${API}/periods`,
      tags: ['periods'],
      summary: '新增考核周期（仅市级；编码如 2026-10、2026Q3、2026H1、2026）',
      security: bearer,
      middleware: guard(WRITE),
      request: jsonBody(createPeriodRequest),
      responses: { 201: json(period, 'created'), ...problemResponses(400, 401, 403, 409) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const created = await callerTx(c, async (tx, caller) => {
        requireCity(caller);
        const row = await createPeriod(tx, caller, input);
        await audit(c, tx, { action: 'period.create', entity: 'period', entityId: row.id, after: row });
        return getPeriod(tx, caller, row.id);
      });
      setEtag(c, created.version);
      return c.json(created, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${API}/periods/{id}`,
      tags: ['periods'],
      summary: '查看考核周期',
      security: bearer,
      middleware: guard(READ, 'assessments:ranking:read'),
      request: { params: idParam('考核周期') },
      responses: { 200: json(period, 'the period'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const found = await callerTx(c, (tx, caller) => getPeriod(tx, caller, id));
      setEtag(c, found.version);
      return c.json(found, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: `${API}/periods/{id}`,
      tags: ['periods'],
      summary: '修改考核周期：名称、开放或关闭填报（仅市级，须带 If-Match）',
      security: bearer,
      middleware: guard(WRITE),
      request: { params: idParam('考核周期'), headers: ifMatch, ...jsonBody(updatePeriodRequest) },
      responses: { 200: json(period, 'saved'), ...problemResponses(400, 401, 403, 404, 412, 428) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const expected = requiredIfMatch(c);
      const saved = await callerTx(c, async (tx, caller) => {
        requireCity(caller);
        const before = await getPeriodRow(tx, caller, id, true);
        const after = await updatePeriod(tx, before, expected, input);
        await audit(c, tx, { action: 'period.update', entity: 'period', entityId: id, before, after });
        return getPeriod(tx, caller, id);
      });
      setEtag(c, saved.version);
      return c.json(saved, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${API}/periods/{id}/weights`,
      tags: ['periods'],
      summary: '周期的指标权重、标准化方法、缺失值处理与公式版本',
      security: bearer,
      middleware: guard(READ, 'assessments:ranking:read'),
      request: { params: idParam('考核周期') },
      responses: { 200: json(weightSet, 'the weights; ETag carries the version'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const found = await callerTx(c, async (tx, caller) => {
        await getPeriodRow(tx, caller, id);
        return getWeightSet(tx, caller, id);
      });
      if (!found) throw problems.notFound('权重设置');
      setEtag(c, found.version);
      return c.json(found, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: `${API}/periods/{id}/weights`,
      tags: ['periods'],
      summary: '设置周期权重（仅市级；合计须等于设定总分，否则 400 并列出各项权重；修改已有设置须带 If-Match）',
      security: bearer,
      middleware: guard(WRITE),
      request: { params: idParam('考核周期'), headers: ifMatch, ...jsonBody(weightSetRequest) },
      responses: { 200: json(weightSet, 'saved'), ...problemResponses(400, 401, 403, 404, 409, 412) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const expected = optionalIfMatch(c);
      const saved = await callerTx(c, async (tx, caller) => {
        requireCity(caller);
        const period = await getPeriodRow(tx, caller, id, true);
        if ((await rankingForPeriod(tx, caller, id))?.status === 'published') throw frozenProblem();
        const before = await getWeightSet(tx, caller, id);
        const after = await saveWeightSet(tx, caller, period, expected, input);
        await audit(c, tx, { action: 'weights.save', entity: 'period', entityId: id, before, after });
        return after;
      });
      setEtag(c, saved.version);
      return c.json(saved, 200);
    },
  );
}

