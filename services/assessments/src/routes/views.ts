import { createRoute } from '@hono/zod-openapi';
import { gapsQuery, midyearQuery, midyearView, tenantGaps, weightItem } from '@yingshang/contracts';
import { schema } from '@yingshang/db';
import { guard, problemResponses } from '@yingshang/service-kit';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { markProgress, midyearStatus } from '../domain/marks.ts';
import { fieldProblem } from '../domain/problems.ts';
import { isOverdue } from '../domain/supervision.ts';
import type { AssessmentsApp, AssessmentsDeps } from '../deps.ts';
import { scopeTenants } from '../store/caller.ts';
import { getPeriodRow, listIndicators, num } from '../store/catalogue.ts';
import { rankingForPeriod } from '../store/rankings.ts';
import { API, bearer, callerTx, json, todayOf } from './shared.ts';

const { targets, indicatorValues, weightSets, periods, supervisionTasks } = schema;

/** The district's own page (rank, gaps to the 三标, tasks) and the mid-year view (双过半, 半年红). */
export function registerViewRoutes(app: AssessmentsApp, deps: AssessmentsDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: `${API}/gaps`,
      tags: ['views'],
      summary: '一个区县在某周期的名次、与标杆和标准的差距、督查任务（区县看本单位；市级须指定区县）',
      security: bearer,
      middleware: guard('assessments:target:read', 'assessments:ranking:read'),
      request: { query: gapsQuery },
      responses: { 200: json(tenantGaps, 'the tenant’s page'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { periodId, tenantId } = c.req.valid('query');
      const today = todayOf(deps);
      const out = await callerTx(c, async (tx, caller) => {
        if (caller.isCity && !tenantId) throw fieldProblem('query.tenantId', '请选择要查看的区县（市）');
        const tenant = scopeTenants(caller, tenantId ?? caller.tenantId)[0]!;
        const period = await getPeriodRow(tx, caller, periodId);
        const ranking = await rankingForPeriod(tx, caller, period.id);
        const [weights] = await tx.select().from(weightSets).where(and(eq(weightSets.tenantId, caller.cityId), eq(weightSets.periodId, period.id)));
        const all = (await listIndicators(tx, caller)).filter((i) => i.active);
        const weighted = weights ? new Set(z.array(weightItem).parse(weights.items).map((i) => i.indicatorId)) : null;
        const inds = weighted ? all.filter((i) => weighted.has(i.id)) : all;
        const vals = await tx.select().from(indicatorValues).where(and(eq(indicatorValues.tenantId, tenant.id), eq(indicatorValues.periodId, period.id)));
        const tgts = await tx.select().from(targets).where(and(eq(targets.tenantId, tenant.id), eq(targets.periodId, period.id)));
        const tasks = await tx.select().from(supervisionTasks).where(eq(supervisionTasks.tenantId, tenant.id));
        return {
          tenantId: tenant.id,
          periodId: period.id,
          ranking: ranking?.result.entries.find((e) => e.tenantId === tenant.id) ?? null,
          rankingStatus: ranking?.status ?? null,
          indicators: inds.map((i) => {
            const v = vals.find((x) => x.indicatorId === i.id);
            const t = tgts.find((x) => x.indicatorId === i.id);
            const value = num(v?.value ?? null);
            const benchmarkProgress = markProgress(value, num(t?.benchmarkValue ?? null), i.direction);
            const standardProgress = markProgress(value, num(t?.standardValue ?? null), i.direction);
            return {
              indicatorId: i.id,
              code: i.code,
              name: i.name,
              unit: i.unit,
              direction: i.direction,
              value,
              source: v?.source ?? null,
              benchmarkName: t?.benchmarkName ?? null,
              benchmarkValue: num(t?.benchmarkValue ?? null),
              standardValue: num(t?.standardValue ?? null),
              benchmarkProgress,
              standardProgress,
              trailing: benchmarkProgress.reached === false || standardProgress.reached === false,
            };
          }),
          openTasks: tasks.filter((t) => t.status !== 'done').length,
          overdueTasks: tasks.filter((t) => isOverdue(t, today)).length,
        };
      });
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${API}/midyear`,
      tags: ['views'],
      summary: '双过半、半年红：各指标对照年度目标（三标中的标准）与序时进度（月份 ÷ 12）',
      security: bearer,
      middleware: guard('assessments:target:read', 'assessments:ranking:read'),
      request: { query: midyearQuery },
      responses: { 200: json(midyearView, 'rows per tenant and indicator'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const { year, month, tenantId } = c.req.valid('query');
      const out = await callerTx(c, async (tx, caller) => {
        const tenants = scopeTenants(caller, tenantId);
        const ids = tenants.map((t) => t.id);
        // Year-to-date values: the first half for months up to June, the whole year after.
        const codes = [String(year), month <= 6 ? `${year}H1` : String(year)];
        const ps = await tx.select().from(periods).where(and(eq(periods.tenantId, caller.cityId), inArray(periods.code, codes)));
        const yearPeriod = ps.find((p) => p.code === String(year)) ?? null;
        const valuePeriod = ps.find((p) => p.code === codes[1]) ?? null;
        const inds = (await listIndicators(tx, caller)).filter((i) => i.active);
        const tgts = yearPeriod && ids.length ? await tx.select().from(targets).where(and(inArray(targets.tenantId, ids), eq(targets.periodId, yearPeriod.id))) : [];
        const vals = valuePeriod && ids.length ? await tx.select().from(indicatorValues).where(and(inArray(indicatorValues.tenantId, ids), eq(indicatorValues.periodId, valuePeriod.id))) : [];
        const shown = inds.filter((i) => tgts.some((t) => t.indicatorId === i.id && t.standardValue !== null));
        const rows = tenants.flatMap((t) =>
          shown.map((i) => {
            const value = num(vals.find((v) => v.tenantId === t.id && v.indicatorId === i.id)?.value ?? null);
            const target = num(tgts.find((x) => x.tenantId === t.id && x.indicatorId === i.id)?.standardValue ?? null);
            return { tenantId: t.id, indicatorId: i.id, value, annualTarget: target, ...midyearStatus(value, target, i.direction, month) };
          }),
        );
        const halfYearRed = tenants
          .filter((t) => {
            const mine = rows.filter((r) => r.tenantId === t.id && r.status !== 'no_target');
            return mine.length > 0 && mine.every((r) => r.status === 'ahead' || r.status === 'on_track');
          })
          .map((t) => t.id);
        return {
          year,
          month,
          periodId: valuePeriod?.id ?? null,
          timeBenchmark: midyearStatus(null, null, 'higher', month).timeBenchmark,
          indicators: shown.map((i) => ({ indicatorId: i.id, code: i.code, name: i.name, unit: i.unit, direction: i.direction })),
          rows,
          halfYearRed,
        };
      });
      return c.json(out, 200);
    },
  );
}
