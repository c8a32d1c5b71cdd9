import { createRoute } from '@hono/zod-openapi';
import {
  indicatorValue,
  indicatorValueList,
  snapshotResult,
  target,
  targetList,
  targetListQuery,
  targetRequest,
  valueListQuery,
  valueRequest,
} from '@yingshang/contracts';
import { audit, guard, problemResponses, setEtag } from '@yingshang/service-kit';
import { z } from 'zod';
import { closedPeriodProblem, districtOnly } from '../domain/problems.ts';
import type { AssessmentsApp, AssessmentsDeps } from '../deps.ts';
import { requireCity, scopeTenants } from '../store/caller.ts';
import { getIndicator, getPeriodRow } from '../store/catalogue.ts';
import { listTargets, saveTarget } from '../store/targets.ts';
import { currentOpenPeriods, listValues, saveManualValue, snapshotPeriods } from '../store/values.ts';
import { API, bearer, callerTx, ifMatch, json, jsonBody, nothingWritten, optionalIfMatch, periodIndicatorParams, todayOf } from './shared.ts';

const snapshotRequest = z.object({ periodId: z.uuid('周期编号格式有误').optional() }).meta({ id: 'SnapshotRequest' });

/** A district's own inputs: its 三标 and its indicator values (the city office sees every district's). */
export function registerInputRoutes(app: AssessmentsApp, deps: AssessmentsDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: `${API}/targets`,
      tags: ['targets'],
      summary: '三标（标杆、标准、标志）及进度：区县只看本单位，市级可看全部或指定区县',
      security: bearer,
      middleware: guard('assessments:target:read'),
      request: { query: targetListQuery },
      responses: { 200: json(targetList, 'per tenant and indicator'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { periodId, tenantId } = c.req.valid('query');
      const today = todayOf(deps);
      const items = await callerTx(c, async (tx, caller) => {
        await getPeriodRow(tx, caller, periodId);
        return listTargets(tx, caller, scopeTenants(caller, tenantId).map((t) => t.id), periodId, today);
      });
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: `${API}/periods/{periodId}/targets/{indicatorId}`,
      tags: ['targets'],
      summary: '填报本单位某指标某周期的三标（已有时须带 If-Match）；已关闭的周期 409',
      security: bearer,
      middleware: guard('assessments:target:update'),
      request: { params: periodIndicatorParams, headers: ifMatch, ...jsonBody(targetRequest) },
      responses: { 200: json(target, 'saved'), ...problemResponses(400, 401, 403, 404, 409, 412) },
    }),
    async (c) => {
      const { periodId, indicatorId } = c.req.valid('param');
      const input = c.req.valid('json');
      const expected = optionalIfMatch(c);
      const today = todayOf(deps);
      const saved = await callerTx(c, async (tx, caller) => {
        // 三标 belong to a district; the city office is not itself assessed.
        if (caller.isCity) throw districtOnly('三标由各区县（市）填报本单位的标杆、标准和标志');
        const period = await getPeriodRow(tx, caller, periodId);
        const indicator = await getIndicator(tx, caller, indicatorId);
        const { before, after } = await saveTarget(tx, caller, period, indicator, input, expected, today);
        await audit(c, tx, { action: 'target.save', entity: 'target', entityId: after.id, before, after });
        return after;
      });
      setEtag(c, saved.version);
      return c.json(saved, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${API}/values`,
      tags: ['values'],
      summary: '指标数据及其来源（系统计算、手工填报、观摩评分、督查落实）：区县只看本单位',
      security: bearer,
      middleware: guard('assessments:value:read'),
      request: { query: valueListQuery },
      responses: { 200: json(indicatorValueList, 'values with their source'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { periodId, tenantId } = c.req.valid('query');
      const items = await callerTx(c, async (tx, caller) => {
        await getPeriodRow(tx, caller, periodId);
        return listValues(tx, scopeTenants(caller, tenantId).map((t) => t.id), periodId);
      });
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: `${API}/periods/{periodId}/values/{indicatorId}`,
      tags: ['values'],
      summary: '手工填报本单位指标数据（须附佐证材料；仅限手工填报指标，已关闭周期 409）',
      security: bearer,
      middleware: guard('assessments:value:report'),
      request: { params: periodIndicatorParams, headers: ifMatch, ...jsonBody(valueRequest) },
      responses: { 200: json(indicatorValue, 'saved'), ...problemResponses(400, 401, 403, 404, 409, 412, 422) },
    }),
    async (c) => {
      const { periodId, indicatorId } = c.req.valid('param');
      const input = c.req.valid('json');
      const expected = optionalIfMatch(c);
      const saved = await callerTx(c, async (tx, caller) => {
        if (caller.isCity) throw districtOnly('指标数据由各区县（市）填报本单位的数据');
        const period = await getPeriodRow(tx, caller, periodId);
        const indicator = await getIndicator(tx, caller, indicatorId);
        const { before, after } = await saveManualValue(tx, caller, period, indicator, input, expected);
        await audit(c, tx, { action: 'value.report', entity: 'indicator_value', entityId: `${periodId}/${indicatorId}`, before, after });
        return after;
      });
      setEtag(c, saved.version);
      return c.json(saved, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${API}/values/snapshot`,
      tags: ['values'],
      summary: '立即从项目、助企服务的公开数据口径计算指标数据（仅市级；与夜间定时任务相同，可重复执行）',
      security: bearer,
      middleware: guard('assessments:ranking:compute'),
      request: jsonBody(snapshotRequest),
      responses: { 200: json(snapshotResult, 'how many values changed'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { periodId } = c.req.valid('json');
      const today = todayOf(deps);
      const result = await callerTx(c, async (tx, caller) => {
        requireCity(caller);
        const periodRows = periodId ? [await getPeriodRow(tx, caller, periodId)] : await currentOpenPeriods(tx, caller.cityId, today);
        if (periodId && periodRows[0]!.status === 'closed') throw closedPeriodProblem(periodRows[0]!.code);
        const outcome = await snapshotPeriods(tx, caller, periodRows, today);
        if (outcome.written > 0) await audit(c, tx, { action: 'values.snapshot', entity: 'indicator_value', after: outcome });
        else nothingWritten(c);
        return outcome;
      });
      return c.json(result, 200);
    },
  );
}
