import { createRoute, z } from '@hono/zod-openapi';
import { monthSchema, monthlyReport as monthlyReportSchema } from '@yingshang/contracts';
import { audit, guard, problemResponses, tenantTx } from '@yingshang/service-kit';
import { importMonthly, monthlyWorkbook } from '../domain/excel/monthly.ts';
import { monthlyReport } from '../domain/reports.ts';
import type { ProjectsApp, ProjectsDeps } from '../deps.ts';
import { API, asOfFor, bearer, json, nothingWritten, todayOf, viewerOf, xlsxResponse } from './shared.ts';
import { importResponses, uploadBody, xlsxFile } from './project-excel.ts';
import { DryRun, maybeDryRun, readUpload } from './uploads.ts';

const base = `${API}/monthly-reports`;
const monthParam = z.object({ month: monthSchema.openapi({ param: { name: 'month', in: 'path' } }) });

/** The tenant's monthly investment report (every project in scope for one month), as JSON and Excel, and its import. */
export function registerMonthlyReportRoutes(app: ProjectsApp, deps: ProjectsDeps) {
  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/import`,
      tags: ['excel'],
      summary: '导入投资月报（Excel）：逐行校验，任一行有误则全部不导入并返回行、列、原因',
      security: bearer,
      middleware: guard('projects:investment:report'),
      request: {
        query: z.object({
          dryRun: z.enum(['true', 'false'], '取值须为 true 或 false').optional(),
          confirmExceedsTotal: z.enum(['true', 'false'], '取值须为 true 或 false').optional().openapi({ description: '确认超过项目总投资的金额无误' }),
        }),
        ...uploadBody,
      },
      responses: importResponses,
    }),
    async (c) => {
      const { dryRun, confirmExceedsTotal } = c.req.valid('query');
      const bytes = await readUpload(c);
      const viewer = viewerOf(c);
      const result = await maybeDryRun(() =>
        tenantTx(c, async (tx) => {
          const outcome = await importMonthly(tx, viewer, bytes, todayOf(deps), confirmExceedsTotal === 'true');
          const summary = { dryRun: dryRun === 'true', rows: outcome.rows, created: outcome.created, updated: outcome.updated };
          if (dryRun === 'true') throw new DryRun(summary);
          await audit(c, tx, { action: 'report.import', entity: 'investment_report', entityId: null, after: { ...summary, projects: outcome.projects } });
          return summary;
        }),
      );
      if (result.dryRun) nothingWritten(c);
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/{month}`,
      tags: ['reports'],
      summary: '某月投资月报（数据范围内全部项目，含未填报）',
      security: bearer,
      middleware: guard('projects:investment:read'),
      request: { params: monthParam },
      responses: { 200: json(monthlyReportSchema, 'the month'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const { month } = c.req.valid('param');
      asOfFor(deps, month, 'param.month');
      const body = await tenantTx(c, (tx) => monthlyReport(tx, viewerOf(c), month));
      return c.json(body, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/{month}/export`,
      tags: ['excel'],
      summary: '导出某月投资月报（Excel）',
      security: bearer,
      middleware: guard('projects:project:export'),
      request: { params: monthParam },
      responses: { 200: xlsxResponse('the month as .xlsx'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const { month } = c.req.valid('param');
      asOfFor(deps, month, 'param.month');
      const report = await tenantTx(c, (tx) => monthlyReport(tx, viewerOf(c), month));
      return xlsxFile(await monthlyWorkbook(report, c.get('principal').tenantSlug), `投资月报-${month}.xlsx`);
    },
  );
}
