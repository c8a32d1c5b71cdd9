import { createRoute, z } from '@hono/zod-openapi';
import { monthSchema, reportList, upsertReportRequest, upsertReportResult } from '@yingshang/contracts';
import { audit, guard, problemResponses, setEtag, tenantTx } from '@yingshang/service-kit';
import { HttpProblem } from '@yingshang/service-kit';
import { getProject, lockProject } from '../domain/projects.ts';
import { checkReportMonth, reportsOf, toReport, upsertReport } from '../domain/reports.ts';
import type { ProjectsApp, ProjectsDeps } from '../deps.ts';
import { API, asOfFor, bearer, json, jsonBody, nothingWritten, todayOf, viewerOf } from './shared.ts';

const base = `${API}/projects/{id}/reports`;
const params = z.object({
  id: z.uuid('项目编号格式有误').openapi({ param: { name: 'id', in: 'path' } }),
  month: monthSchema.openapi({ param: { name: 'month', in: 'path' } }),
});

/** Optional on a report: with it, a report someone changed since is not overwritten (412). */
function optionalIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) throw new HttpProblem(400, 'bad-if-match', 'If-Match 格式有误', 'If-Match 应为月报的版本号，例如 "3"');
  return Number(match[1]);
}

/** Monthly investment reports of one project: one per month, filed and refiled by an idempotent PUT. */
export function registerReportRoutes(app: ProjectsApp, deps: ProjectsDeps) {
  app.openapi(
    createRoute({
      method: 'put',
      path: `${base}/{month}`,
      tags: ['reports'],
      summary: '填报或修改某月投资月报（幂等：同一内容重复提交只保留一条；不能填报未来月份；超过总投资须确认）',
      security: bearer,
      middleware: guard('projects:investment:report'),
      request: {
        params,
        headers: z.object({
          'if-match': z.string().optional().openapi({ description: '可选：月报的版本号；月报已被他人修改时返回 412' }),
        }),
        ...jsonBody(upsertReportRequest),
      },
      responses: {
        200: json(upsertReportResult, 'updated, or unchanged'),
        201: json(upsertReportResult, 'filed'),
        ...problemResponses(400, 401, 403, 404, 412, 422),
      },
    }),
    async (c) => {
      const { id, month } = c.req.valid('param');
      const input = c.req.valid('json');
      const viewer = viewerOf(c);
      const expected = optionalIfMatch(c.req.header('if-match'));
      checkReportMonth(month, todayOf(deps), 'param.month');
      const result = await tenantTx(c, async (tx) => {
        const project = await lockProject(tx, viewer, id);
        const outcome = await upsertReport(tx, viewer, project, month, input, expected);
        if (outcome.changed) {
          await audit(c, tx, {
            action: outcome.created ? 'report.create' : 'report.update',
            entity: 'investment_report',
            entityId: outcome.report.id,
            before: outcome.before,
            after: outcome.report,
          });
        }
        const after = await getProject(tx, viewer, id, asOfFor(deps, month));
        return { ...toReport(outcome.report), created: outcome.created, changed: outcome.changed, warnings: outcome.warnings, progressAfter: after.progress };
      });
      if (!result.changed) nothingWritten(c);
      setEtag(c, result.version);
      const { changed: _changed, ...body } = result;
      return c.json(body, result.created ? 201 : 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: base,
      tags: ['reports'],
      summary: '项目的投资月报与派生进度',
      security: bearer,
      middleware: guard('projects:investment:read'),
      request: {
        params: z.object({ id: z.uuid('项目编号格式有误').openapi({ param: { name: 'id', in: 'path' } }) }),
        query: z.object({
          year: z.coerce.number('年度须为数字').int('年度须为整数').min(2000, '年度不早于 2000').max(2100, '年度不晚于 2100').optional(),
          month: monthSchema.optional().openapi({ description: '进度截至月份，默认上月（报告期）' }),
        }),
      },
      responses: { 200: json(reportList, 'reports, oldest first, and progress'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { year, month } = c.req.valid('query');
      const viewer = viewerOf(c);
      const asOf = asOfFor(deps, month);
      const body = await tenantTx(c, async (tx) => {
        const found = await getProject(tx, viewer, id, asOf);
        return { items: await reportsOf(tx, { tenantId: viewer.tenantId, id }, year), progress: found.progress };
      });
      return c.json(body, 200);
    },
  );
}
