import { createRoute } from '@hono/zod-openapi';
import { computeRankingRequest, ranking, rankingList, rankingListQuery, verifyResult } from '@yingshang/contracts';
import { audit, guard, problemResponses, requiredIfMatch, setEtag } from '@yingshang/service-kit';
import { contentDisposition, rankingWorkbook } from '../excel/ranking-workbook.ts';
import type { AssessmentsApp } from '../deps.ts';
import { requireCity } from '../store/caller.ts';
import { getPeriodRow } from '../store/catalogue.ts';
import { computeDraft, getRanking, listRankings, publishRanking, reviewRanking, verifyRanking } from '../store/rankings.ts';
import { API, XLSX, bearer, callerTx, idParam, ifMatch, json, jsonBody, xlsxResponse } from './shared.ts';

const base = `${API}/rankings`;

/** 赛马: compute a draft, review it, publish it (frozen); districts see published rankings only. */
export function registerRankingRoutes(app: AssessmentsApp) {
  app.openapi(
    createRoute({
      method: 'get',
      path: base,
      tags: ['rankings'],
      summary: '排名列表：市级含草稿，区县只见已通报的排名及本单位名次',
      security: bearer,
      middleware: guard('assessments:ranking:read'),
      request: { query: rankingListQuery },
      responses: { 200: json(rankingList, 'newest period first'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const query = c.req.valid('query');
      return c.json({ items: await callerTx(c, (tx, caller) => listRankings(tx, caller, query)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: base,
      tags: ['rankings'],
      summary: '计算（或重新计算）周期排名草稿（仅市级；已通报的排名 409）',
      security: bearer,
      middleware: guard('assessments:ranking:compute'),
      request: jsonBody(computeRankingRequest),
      responses: { 201: json(ranking, 'the draft'), ...problemResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { periodId } = c.req.valid('json');
      const draft = await callerTx(c, async (tx, caller) => {
        requireCity(caller);
        const period = await getPeriodRow(tx, caller, periodId);
        const { before, after } = await computeDraft(tx, caller, period);
        await audit(c, tx, { action: 'ranking.compute', entity: 'ranking', entityId: after.id, before: before && { version: before.version, status: before.status }, after: { periodId, version: after.version, entries: after.result.entries.map((e) => [e.tenantId, e.composite, e.rank]) } });
        return after;
      });
      setEtag(c, draft.version);
      return c.json(draft, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/{id}`,
      tags: ['rankings'],
      summary: '排名详情：综合得分、总排名与组内排名、较上期变化、红黑榜、各指标得分',
      security: bearer,
      middleware: guard('assessments:ranking:read'),
      request: { params: idParam('排名') },
      responses: { 200: json(ranking, 'the ranking; ETag carries the version'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const found = await callerTx(c, (tx, caller) => getRanking(tx, caller, id));
      setEtag(c, found.version);
      return c.json(found, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/{id}/review`,
      tags: ['rankings'],
      summary: '审核排名草稿（仅市级，须带 If-Match）',
      security: bearer,
      middleware: guard('assessments:ranking:review'),
      request: { params: idParam('排名'), headers: ifMatch },
      responses: { 200: json(ranking, 'reviewed'), ...problemResponses(400, 401, 403, 404, 409, 412, 428) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const expected = requiredIfMatch(c);
      const saved = await callerTx(c, async (tx, caller) => {
        requireCity(caller);
        const { before, after } = await reviewRanking(tx, caller, id, expected);
        await audit(c, tx, { action: 'ranking.review', entity: 'ranking', entityId: id, before: { status: before.status }, after: { status: after.status } });
        return after;
      });
      setEtag(c, saved.version);
      return c.json(saved, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/{id}/publish`,
      tags: ['rankings'],
      summary: '发布排名通报（仅市级，须已审核并带 If-Match；必填指标缺数据 422 并列出单位 × 指标；发布后冻结）',
      security: bearer,
      middleware: guard('assessments:ranking:publish'),
      request: { params: idParam('排名'), headers: ifMatch },
      responses: { 200: json(ranking, 'published'), ...problemResponses(400, 401, 403, 404, 409, 412, 422, 428) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const expected = requiredIfMatch(c);
      const saved = await callerTx(c, async (tx, caller) => {
        requireCity(caller);
        const { before, after } = await publishRanking(tx, caller, id, expected);
        await audit(c, tx, { action: 'ranking.publish', entity: 'ranking', entityId: id, before: { status: before.status }, after: { status: after.status, publishedAt: after.publishedAt } });
        return after;
      });
      setEtag(c, saved.version);
      return c.json(saved, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/{id}/verify`,
      tags: ['rankings'],
      summary: '用冻结的数据、权重和公式版本重算，核对结果是否逐位一致',
      security: bearer,
      middleware: guard('assessments:ranking:read'),
      request: { params: idParam('排名') },
      responses: { 200: json(verifyResult, 'identical or the differences'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await callerTx(c, (tx, caller) => verifyRanking(tx, caller, id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/{id}/export`,
      tags: ['rankings'],
      summary: '导出排名通报（Excel）',
      security: bearer,
      middleware: guard('assessments:ranking:read'),
      request: { params: idParam('排名') },
      responses: { 200: xlsxResponse('the ranking as .xlsx'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const found = await callerTx(c, (tx, caller) => getRanking(tx, caller, id));
      const bytes = await rankingWorkbook(found);
      return new Response(bytes as BodyInit, {
        status: 200,
        headers: { 'content-type': XLSX, 'content-disposition': contentDisposition(`赛马排名-${found.periodCode}.xlsx`) },
      }) as never;
    },
  );
}
