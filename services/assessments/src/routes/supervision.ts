import { createRoute } from '@hono/zod-openapi';
import { assignTaskRequest, supervisionReportRequest, supervisionTask, supervisionTaskList, supervisionTaskListQuery } from '@yingshang/contracts';
import { schema } from '@yingshang/db';
import { audit, guard, idempotent, problemResponses, setEtag } from '@yingshang/service-kit';
import { districtOnly, fieldProblem, fieldsProblem } from '../domain/problems.ts';
import type { AssessmentsApp, AssessmentsDeps } from '../deps.ts';
import { requireCity, scopeTenants } from '../store/caller.ts';
import { assignTasks, getTask, listTasks, reportProgress } from '../store/supervision.ts';
import { API, bearer, callerTx, idParam, idempotencyKey, ifMatch, json, jsonBody, nothingWritten, optionalIfMatch, todayOf } from './shared.ts';

const base = `${API}/supervision/tasks`;

/** 督查: the city office assigns tasks with a deadline and target; districts report progress; overdue is flagged. */
export function registerSupervisionRoutes(app: AssessmentsApp, deps: AssessmentsDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: base,
      tags: ['supervision'],
      summary: '督查任务：市级看全部区县（可按区县筛选），区县只看本单位任务；逾期任务标记',
      security: bearer,
      middleware: guard('assessments:supervision:read'),
      request: { query: supervisionTaskListQuery },
      responses: { 200: json(supervisionTaskList, 'by deadline'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const { tenantId, ...filter } = c.req.valid('query');
      const today = todayOf(deps);
      const items = await callerTx(c, (tx, caller) => listTasks(tx, scopeTenants(caller, tenantId).map((t) => t.id), filter, today));
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: base,
      tags: ['supervision'],
      summary: '交办督查任务给一个或多个区县（仅市级；可带 Idempotency-Key 防止重复交办）',
      security: bearer,
      middleware: guard('assessments:supervision:assign'),
      request: { headers: idempotencyKey, ...jsonBody(assignTaskRequest) },
      responses: { 201: json(supervisionTaskList, 'one task per district'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const today = todayOf(deps);
      const outcome = await callerTx(c, async (tx, caller) => {
        requireCity(caller);
        if (input.deadline < today) throw fieldProblem('json.deadline', `完成时限不能早于今天（${today}）`);
        const known = new Set(caller.districts.map((d) => d.id));
        const bad = input.tenantIds.flatMap((id, i) => (known.has(id) ? [] : [{ field: `json.tenantIds.${i}`, message: '不是本市的区县（市）' }]));
        if (bad.length) throw fieldsProblem(bad);
        return idempotent(c, tx, schema.assessmentsIdempotencyKeys, caller.tenantId, input, async () => {
          const rows = await assignTasks(tx, caller, input, today);
          // The city office's log records the assignment, with every district's row.
          await audit(c, tx, { action: 'supervision.assign', entity: 'supervision_task', entityId: rows[0]!.batchId, after: rows });
          const all = await listTasks(tx, rows.map((r) => r.tenantId), {}, today);
          return { status: 201, body: all.filter((t) => t.batchId === rows[0]!.batchId) };
        });
      });
      if (outcome.replayed) nothingWritten(c);
      const items = outcome.body;
      return c.json({ items }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/{id}`,
      tags: ['supervision'],
      summary: '督查任务详情及进展报送记录',
      security: bearer,
      middleware: guard('assessments:supervision:read'),
      request: { params: idParam('督查任务') },
      responses: { 200: json(supervisionTask, 'the task'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const today = todayOf(deps);
      const found = await callerTx(c, async (tx, caller) => (await getTask(tx, caller.visible.map((t) => t.id), id, today)).task);
      setEtag(c, found.version);
      return c.json(found, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/{id}/reports`,
      tags: ['supervision'],
      summary: '报送本单位督查任务进展（done=true 即完成；If-Match 可选）',
      security: bearer,
      middleware: guard('assessments:supervision:report'),
      request: { params: idParam('督查任务'), headers: ifMatch, ...jsonBody(supervisionReportRequest) },
      responses: { 201: json(supervisionTask, 'the task with the new report'), ...problemResponses(400, 401, 403, 404, 409, 412) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const expected = optionalIfMatch(c);
      const today = todayOf(deps);
      const saved = await callerTx(c, async (tx, caller) => {
        if (caller.isCity) throw districtOnly('督查进展由承办的区县（市）报送');
        const { row, task: before } = await getTask(tx, [caller.tenantId], id, today, true);
        await reportProgress(tx, caller, row, expected, input, today);
        const { task: after } = await getTask(tx, [caller.tenantId], id, today);
        await audit(c, tx, { action: 'supervision.report', entity: 'supervision_task', entityId: id, before, after });
        return after;
      });
      setEtag(c, saved.version);
      return c.json(saved, 201);
    },
  );
}

