import { createRoute, z } from '@hono/zod-openapi';
import { importResult, projectListQuery } from '@yingshang/contracts';
import { audit, guard, problemResponses, tenantTx } from '@yingshang/service-kit';
import { contentDisposition } from '../domain/excel/sheet-input.ts';
import { ledgerTemplate, ledgerWorkbook, parseLedger } from '../domain/excel/ledger.ts';
import { allProjects, createProject } from '../domain/projects.ts';
import type { ProjectsApp, ProjectsDeps } from '../deps.ts';
import { API, XLSX, asOfFor, bearer, json, nothingWritten, todayOf, viewerOf, xlsxResponse } from './shared.ts';
import { DryRun, maybeDryRun, readUpload } from './uploads.ts';

const base = `${API}/projects`;
const importProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  rows: z.array(z.object({ row: z.number().int(), column: z.string(), reason: z.string() })).optional(),
});

export const xlsxFile = (bytes: Uint8Array, filename: string) =>
  new Response(bytes as BodyInit, { status: 200, headers: { 'content-type': XLSX, 'content-disposition': contentDisposition(filename) } });

export const importResponses = {
  200: json(importResult, 'imported (or, with dryRun, checked and nothing written)'),
  422: {
    description: 'refused whole: every bad row with its column and reason; nothing imported',
    content: { 'application/problem+json': { schema: importProblemSchema } },
  },
  ...problemResponses(400, 401, 403, 413),
};

export const uploadBody = {
  body: {
    required: true,
    description: '.xlsx 文件本身，或 multipart/form-data 的 file 字段',
    content: { [XLSX]: { schema: z.string().openapi({ type: 'string', format: 'binary' }) } },
  },
};

/** The ledger in and out of Excel, with the column names the 发改委 ledgers already use. */
export function registerProjectExcelRoutes(app: ProjectsApp, deps: ProjectsDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/export`,
      tags: ['excel'],
      summary: '导出项目台账（Excel，筛选条件同列表）',
      security: bearer,
      middleware: guard('projects:project:export'),
      request: { query: projectListQuery },
      responses: { 200: xlsxResponse('the ledger as .xlsx'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const asOf = asOfFor(deps, query.month);
      const items = await tenantTx(c, (tx) => allProjects(tx, viewerOf(c), query, asOf));
      return xlsxFile(await ledgerWorkbook(items, asOf.month), `项目台账-${todayOf(deps)}.xlsx`);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/import-template`,
      tags: ['excel'],
      summary: '下载项目台账导入模板',
      security: bearer,
      middleware: guard('projects:project:import'),
      responses: { 200: xlsxResponse('an empty ledger with one example row'), ...problemResponses(401, 403) },
    }),
    async () => xlsxFile(await ledgerTemplate(Number(todayOf(deps).slice(0, 4))), '项目台账导入模板.xlsx'),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/import`,
      tags: ['excel'],
      summary: '导入项目台账（Excel）：逐行校验，任一行有误则全部不导入并返回行、列、原因',
      security: bearer,
      middleware: guard('projects:project:import'),
      request: { query: z.object({ dryRun: z.enum(['true', 'false'], '取值须为 true 或 false').optional() }), ...uploadBody },
      responses: importResponses,
    }),
    async (c) => {
      const dryRun = c.req.valid('query').dryRun === 'true';
      const bytes = await readUpload(c);
      const viewer = viewerOf(c);
      const day = todayOf(deps);
      const result = await maybeDryRun(() =>
        tenantTx(c, async (tx) => {
          const rows = await parseLedger(tx, viewer, bytes, day);
          const ids: string[] = [];
          for (const { row, input } of rows) {
            const created = await createProject(tx, viewer, input, day, `row${row}`);
            ids.push(created.id);
          }
          const outcome = { dryRun, rows: rows.length, created: ids.length, updated: 0 };
          if (dryRun) throw new DryRun(outcome);
          await audit(c, tx, { action: 'project.import', entity: 'project', entityId: null, after: { ...outcome, ids } });
          return outcome;
        }),
      );
      if (result.dryRun) nothingWritten(c);
      return c.json(result, 200);
    },
  );
}
