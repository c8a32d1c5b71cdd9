import { createRoute, z } from '@hono/zod-openapi';
import {
  APPEAL_ACTIONS,
  APPEAL_LEDGER_COLUMNS,
  type AppealAction,
  appealActionLabels,
  appealActionRequests,
  appealCategoryLabels,
  appealDetailSchema,
  appealListQuery,
  appealPage,
  appealSourceLabels,
  appealStatistics as appealStatisticsSchema,
  appealStatisticsQuery,
  appealStatusLabels,
  createAppealRequest,
  monthSchema,
  satisfactionLabels,
} from '@yingshang/contracts';
import { schema } from '@yingshang/db';
import { HttpProblem, audit, guard, idempotent, problemResponses, setEtag } from '@yingshang/service-kit';
import { writeWorkbook } from '@yingshang/service-kit/xlsx';
import { act, allAppeals, createAppeal, getAppeal, listAppeals } from '../domain/appeals.ts';
import { fieldProblem } from '../domain/problems.ts';
import { appealStatistics } from '../domain/statistics.ts';
import type { EnterpriseApp, EnterpriseDeps } from '../deps.ts';
import { API, XLSX, appealTx, bearer, idParam, idempotencyKey, ifMatch, json, jsonBody, nothingWritten, optionalIfMatch, todayOf, xlsxResponse } from './shared.ts';

const base = `${API}/appeals`;

const contentDisposition = (filename: string) => `attachment; filename="appeals.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`;

const ACTION_PERMISSION: Record<AppealAction, string> = {
  assign: 'enterprise:appeal:assign',
  object: 'enterprise:appeal:handle',
  reroute: 'enterprise:appeal:assign',
  accept: 'enterprise:appeal:handle',
  report_progress: 'enterprise:appeal:handle',
  request_extension: 'enterprise:appeal:handle',
  approve_extension: 'enterprise:appeal:extend',
  reject_extension: 'enterprise:appeal:extend',
  report_resolution: 'enterprise:appeal:handle',
  follow_up: 'enterprise:appeal:follow_up',
  rate: 'enterprise:appeal:rate',
  close: 'enterprise:appeal:close',
  escalate: 'enterprise:appeal:escalate',
};

/** Appeals: register, the ledger, one route per state-machine action, the Excel ledger and the figures. */
export function registerAppealRoutes(app: EnterpriseApp, deps: EnterpriseDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/export`,
      tags: ['appeals'],
      summary: '导出诉求台账（Excel，筛选条件同列表）',
      security: bearer,
      middleware: guard('enterprise:appeal:read'),
      request: { query: appealListQuery },
      responses: { 200: xlsxResponse('the ledger as .xlsx'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const rows = await appealTx(c, deps, (tx, caller, env) => allAppeals(tx, caller, query, env));
      const C = APPEAL_LEDGER_COLUMNS;
      const yes = (v: boolean | null) => (v === null ? '' : v ? '是' : '否');
      const bytes = await writeWorkbook([
        {
          name: '诉求台账',
          columns: [
            { header: C.code, width: 16 },
            { header: C.enterprise, width: 28 },
            { header: C.uscc, width: 22 },
            { header: C.category },
            { header: C.title, width: 30 },
            { header: C.description, width: 40 },
            { header: C.source },
            { header: C.grade, width: 18 },
            { header: C.registeredOn, kind: 'date' },
            { header: C.assignedUnit, width: 20 },
            { header: C.coUnits, width: 20 },
            { header: C.assignedOn, kind: 'date' },
            { header: C.deadline, kind: 'date' },
            { header: C.status },
            { header: C.overdue },
            { header: C.escalated },
            { header: C.resolvedOn, kind: 'date' },
            { header: C.resolution, width: 30 },
            { header: C.solved },
            { header: C.followedUpOn, kind: 'date' },
            { header: C.rating },
            { header: C.closedOn, kind: 'date' },
            { header: C.closedOnTime },
            { header: C.closeWorkdays, kind: 'int' },
          ],
          rows: rows.map((a) => [
            a.code,
            a.enterpriseName,
            a.uscc,
            appealCategoryLabels[a.category],
            a.title,
            a.description,
            appealSourceLabels[a.source],
            a.gradeLabel,
            a.registeredOn,
            a.assignedUnit,
            a.coUnits.join('、'),
            a.assignedOn,
            a.deadline,
            appealStatusLabels[a.status],
            yes(a.overdue),
            yes(a.escalated),
            a.resolvedOn,
            a.resolution,
            yes(a.solved),
            a.followedUpOn,
            a.rating ? satisfactionLabels[a.rating] : '',
            a.closedOn,
            yes(a.closedOnTime),
            a.closeWorkdays,
          ]),
        },
      ]);
      return new Response(bytes as BodyInit, {
        status: 200,
        headers: { 'content-type': XLSX, 'content-disposition': contentDisposition(`诉求台账-${todayOf(deps)}.xlsx`) },
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${API}/statistics/appeals`,
      tags: ['statistics'],
      summary: '助企统计：办结率、按时办结率、解决率、满意率、回访率、平均办理用时、逾期数（按单位、类别、月份）',
      security: bearer,
      middleware: guard('enterprise:stats:read'),
      request: { query: appealStatisticsQuery },
      responses: { 200: json(appealStatisticsSchema, 'figures'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const today = todayOf(deps);
      const thisMonth = today.slice(0, 7);
      const to = q.to ?? thisMonth;
      const from = q.from ?? `${to.slice(0, 4)}-01`;
      if (!monthSchema.safeParse(to).success || to > thisMonth) throw fieldProblem('query.to', `不能晚于本月（${thisMonth}）`);
      if (from > to) throw fieldProblem('query.from', '起始月份不能晚于截止月份');
      const stats = await appealTx(c, deps, (tx, caller) => appealStatistics(tx, caller, { from, to }, today));
      return c.json(stats, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: base,
      tags: ['appeals'],
      summary: '诉求台账（状态、类别、企业、责任单位、是否逾期/升级、登记日期筛选；新登记的在前）',
      security: bearer,
      middleware: guard('enterprise:appeal:read'),
      request: { query: appealListQuery },
      responses: { 200: json(appealPage, 'a page; each appeal lists the actions the caller may take'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const query = c.req.valid('query');
      return c.json(await appealTx(c, deps, (tx, caller, env) => listAppeals(tx, caller, query, env)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: base,
      tags: ['appeals'],
      summary: '登记诉求（企业用户为本企业提交；干部走访代为登记；热线转办）',
      security: bearer,
      middleware: guard('enterprise:appeal:create'),
      request: { headers: idempotencyKey, ...jsonBody(createAppealRequest) },
      responses: { 201: json(appealDetailSchema, 'registered, with its deadline to be assigned'), ...problemResponses(400, 401, 403, 422) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const outcome = await appealTx(c, deps, (tx, caller, env) =>
        idempotent(c, tx, schema.enterpriseIdempotencyKeys, caller.tenantId, input, async () => {
          const row = await createAppeal(tx, caller, input, env);
          await audit(c, tx, { action: 'appeal.create', entity: 'appeal', entityId: row.id, after: row });
          return { status: 201, body: await getAppeal(tx, caller, row.id, env) };
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
      tags: ['appeals'],
      summary: '诉求详情：时间线、延期申请、当前可执行的操作',
      security: bearer,
      middleware: guard('enterprise:appeal:read'),
      request: { params: idParam('诉求') },
      responses: { 200: json(appealDetailSchema, 'the appeal; ETag carries the version'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const found = await appealTx(c, deps, (tx, caller, env) => getAppeal(tx, caller, id, env));
      setEtag(c, found.version);
      return c.json(found, 200);
    },
  );

  for (const action of APPEAL_ACTIONS) {
    const body = appealActionRequests[action] as z.ZodType;
    app.openapi(
      createRoute({
        method: 'post',
        path: `${base}/{id}/${action.replace(/_/g, '-')}`,
        tags: ['appeal actions'],
        summary: `${appealActionLabels[action]}（仅限当前状态与角色允许时；If-Match 可选）`,
        security: bearer,
        middleware: guard(ACTION_PERMISSION[action]),
        request: { params: idParam('诉求'), headers: ifMatch, ...jsonBody(body.meta({ id: `Appeal${action.replace(/(^|_)(\w)/g, (_m, _s, ch: string) => ch.toUpperCase())}Request` })) },
        responses: { 200: json(appealDetailSchema, 'the appeal after the action'), ...problemResponses(400, 401, 403, 404, 409, 412, 422) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const input = c.req.valid('json') as Record<string, unknown>;
        const expected = optionalIfMatch(c);
        if (expected === -1) throw new HttpProblem(400, 'bad-if-match', 'If-Match 格式有误', 'If-Match 应为记录的版本号，例如 "3"');
        const saved = await appealTx(c, deps, async (tx, caller, env) => {
          const { before, after, outcome } = await act(tx, caller, id, action, input, expected, env);
          await audit(c, tx, { action: `appeal.${action}`, entity: 'appeal', entityId: id, before, after: { ...after, events: outcome.events.map((e) => e.kind) } });
          return getAppeal(tx, caller, id, env);
        });
        setEtag(c, saved.version);
        return c.json(saved, 200);
      },
    );
  }
}

export const appealActionPath = (action: AppealAction) => action.replace(/_/g, '-');
