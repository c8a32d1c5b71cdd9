import { createRoute, z } from '@hono/zod-openapi';
import {
  createProjectRequest,
  deleteProjectResult,
  monthSchema,
  project,
  projectListQuery,
  projectPage,
  updateProjectRequest,
} from '@yingshang/contracts';
import { schema } from '@yingshang/db';
import { audit, guard, idempotent, problemResponses, requiredIfMatch, setEtag, tenantTx } from '@yingshang/service-kit';
import { createProject, deleteProject, getProject, listProjects, lockProject, updateProject } from '../domain/projects.ts';
import type { ProjectsApp, ProjectsDeps } from '../deps.ts';
import { API, asOfFor, bearer, idParam, idempotencyKey, ifMatch, json, jsonBody, nothingWritten, todayOf, viewerOf } from './shared.ts';

const base = `${API}/projects`;
const asOfQuery = z.object({ month: monthSchema.optional().openapi({ description: '进度截至月份（YYYY-MM），默认上月（报告期）' }) });

/** The project ledger: list, register, view, edit, delete. */
export function registerProjectRoutes(app: ProjectsApp, deps: ProjectsDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: base,
      tags: ['projects'],
      summary: '项目台账：搜索、筛选、排序、分页（含截至报告期的投资进度）',
      security: bearer,
      middleware: guard('projects:project:read'),
      request: { query: projectListQuery },
      responses: { 200: json(projectPage, 'a page of projects in the caller’s data scope'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const asOf = asOfFor(deps, query.month);
      const page = await tenantTx(c, (tx) => listProjects(tx, viewerOf(c), query, asOf));
      return c.json(page, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: base,
      tags: ['projects'],
      summary: '登记项目（可带 Idempotency-Key）',
      security: bearer,
      middleware: guard('projects:project:create'),
      request: { headers: idempotencyKey, ...jsonBody(createProjectRequest) },
      responses: { 201: json(project, 'registered'), 200: json(project, 'replayed answer of an earlier attempt'), ...problemResponses(400, 401, 403, 409, 422) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const viewer = viewerOf(c);
      const day = todayOf(deps);
      const outcome = await tenantTx(c, (tx) =>
        idempotent(c, tx, schema.projectsIdempotencyKeys, viewer.tenantId, input, async () => {
          const row = await createProject(tx, viewer, input, day);
          const created = await getProject(tx, viewer, row.id, asOfFor(deps, undefined));
          await audit(c, tx, { action: 'project.create', entity: 'project', entityId: row.id, after: created });
          return { status: 201, body: created };
        }),
      );
      if (outcome.replayed) nothingWritten(c);
      setEtag(c, outcome.body.version);
      return c.json(outcome.body, outcome.replayed ? 200 : 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/{id}`,
      tags: ['projects'],
      summary: '查看项目（含派生进度：年度累计、年度计划完成率、开工以来累计、占总投资比例、序时进度状态、双过半）',
      security: bearer,
      middleware: guard('projects:project:read'),
      request: { params: idParam('项目'), query: asOfQuery },
      responses: { 200: json(project, 'the project; ETag carries the version'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const asOf = asOfFor(deps, c.req.valid('query').month);
      const found = await tenantTx(c, (tx) => getProject(tx, viewerOf(c), id, asOf));
      setEtag(c, found.version);
      return c.json(found, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: `${base}/{id}`,
      tags: ['projects'],
      summary: '修改项目信息（须带 If-Match；阶段通过阶段推进接口变更）',
      security: bearer,
      middleware: guard('projects:project:update'),
      request: { params: idParam('项目'), headers: ifMatch, ...jsonBody(updateProjectRequest) },
      responses: { 200: json(project, 'saved'), ...problemResponses(400, 401, 403, 404, 409, 412, 428) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const expected = requiredIfMatch(c);
      const viewer = viewerOf(c);
      const day = todayOf(deps);
      const after = await tenantTx(c, async (tx) => {
        const before = await lockProject(tx, viewer, id);
        await updateProject(tx, viewer, before, expected, input, day);
        const saved = await getProject(tx, viewer, id, asOfFor(deps, undefined));
        await audit(c, tx, { action: 'project.update', entity: 'project', entityId: id, before, after: { ...input, version: saved.version } });
        return saved;
      });
      setEtag(c, after.version);
      return c.json(after, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: `${base}/{id}`,
      tags: ['projects'],
      summary: '删除误登记的项目（须带 If-Match；已填报投资月报的项目不能删除）',
      security: bearer,
      middleware: guard('projects:project:delete'),
      request: { params: idParam('项目'), headers: ifMatch },
      responses: { 200: json(deleteProjectResult, 'deleted'), ...problemResponses(400, 401, 403, 404, 409, 412, 428) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const expected = requiredIfMatch(c);
      const viewer = viewerOf(c);
      await tenantTx(c, async (tx) => {
        const before = await lockProject(tx, viewer, id);
        await deleteProject(tx, before, expected);
        await audit(c, tx, { action: 'project.delete', entity: 'project', entityId: id, before });
      });
      return c.json({ deleted: true as const, id }, 200);
    },
  );
}
