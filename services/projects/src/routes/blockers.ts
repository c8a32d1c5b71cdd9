import { createRoute } from '@hono/zod-openapi';
import {
  blocker,
  blockerListQuery,
  blockerNoteRequest,
  blockerPage,
  closeBlockerRequest,
  createBlockerRequest,
  updateBlockerRequest,
} from '@yingshang/contracts';
import { audit, guard, problemResponses, requiredIfMatch, setEtag, tenantTx } from '@yingshang/service-kit';
import {
  addBlockerNote,
  closeBlocker,
  createBlocker,
  getBlocker,
  listBlockers,
  lockBlocker,
  updateBlocker,
} from '../domain/blockers.ts';
import { lockProject } from '../domain/projects.ts';
import type { ProjectsApp, ProjectsDeps } from '../deps.ts';
import { API, bearer, idParam, ifMatch, json, jsonBody, todayOf, viewerOf } from './shared.ts';

const base = `${API}/blockers`;

/** 问题台账: problems that need coordination, assigned with a deadline, followed up, and closed off (销号). */
export function registerBlockerRoutes(app: ProjectsApp, deps: ProjectsDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: base,
      tags: ['blockers'],
      summary: '问题台账（可按状态、是否逾期、项目、关键词筛选）',
      security: bearer,
      middleware: guard('projects:blocker:read'),
      request: { query: blockerListQuery },
      responses: { 200: json(blockerPage, 'newest first'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const page = await tenantTx(c, (tx) => listBlockers(tx, viewerOf(c), query, todayOf(deps)));
      return c.json(page, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${API}/projects/{id}/blockers`,
      tags: ['blockers'],
      summary: '登记项目问题（交办责任单位与办结时限）',
      security: bearer,
      middleware: guard('projects:blocker:create'),
      request: { params: idParam('项目'), ...jsonBody(createBlockerRequest) },
      responses: { 201: json(blocker, 'registered'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const viewer = viewerOf(c);
      const day = todayOf(deps);
      const created = await tenantTx(c, async (tx) => {
        const project = await lockProject(tx, viewer, id);
        const row = await createBlocker(tx, viewer, project, input, day);
        await audit(c, tx, { action: 'blocker.create', entity: 'blocker', entityId: row.id, after: row });
        return getBlocker(tx, viewer, row.id, day);
      });
      setEtag(c, created.version);
      return c.json(created, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/{id}`,
      tags: ['blockers'],
      summary: '查看问题及其进展',
      security: bearer,
      middleware: guard('projects:blocker:read'),
      request: { params: idParam('问题') },
      responses: { 200: json(blocker, 'the blocker; ETag carries the version'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const found = await tenantTx(c, (tx) => getBlocker(tx, viewerOf(c), id, todayOf(deps)));
      setEtag(c, found.version);
      return c.json(found, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: `${base}/{id}`,
      tags: ['blockers'],
      summary: '修改问题：改派责任单位、调整时限（须带 If-Match）',
      security: bearer,
      middleware: guard('projects:blocker:update'),
      request: { params: idParam('问题'), headers: ifMatch, ...jsonBody(updateBlockerRequest) },
      responses: { 200: json(blocker, 'saved'), ...problemResponses(400, 401, 403, 404, 409, 412, 428) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const expected = requiredIfMatch(c);
      const viewer = viewerOf(c);
      const day = todayOf(deps);
      const saved = await tenantTx(c, async (tx) => {
        const before = await lockBlocker(tx, viewer, id);
        const after = await updateBlocker(tx, before, expected, input);
        await audit(c, tx, { action: 'blocker.update', entity: 'blocker', entityId: id, before, after });
        return getBlocker(tx, viewer, id, day);
      });
      setEtag(c, saved.version);
      return c.json(saved, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/{id}/notes`,
      tags: ['blockers'],
      summary: '记录问题进展',
      security: bearer,
      middleware: guard('projects:blocker:update'),
      request: { params: idParam('问题'), ...jsonBody(blockerNoteRequest) },
      responses: { 201: json(blocker, 'the blocker with the new note'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { note, notedOn } = c.req.valid('json');
      const viewer = viewerOf(c);
      const day = todayOf(deps);
      const saved = await tenantTx(c, async (tx) => {
        const before = await lockBlocker(tx, viewer, id);
        const row = await addBlockerNote(tx, viewer, before, note, notedOn ?? day, day);
        await audit(c, tx, { action: 'blocker.note', entity: 'blocker', entityId: id, after: row });
        return getBlocker(tx, viewer, id, day);
      });
      setEtag(c, saved.version);
      return c.json(saved, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/{id}/close`,
      tags: ['blockers'],
      summary: '问题销号（须带 If-Match 与销号说明）',
      security: bearer,
      middleware: guard('projects:blocker:close'),
      request: { params: idParam('问题'), headers: ifMatch, ...jsonBody(closeBlockerRequest) },
      responses: { 200: json(blocker, 'closed'), ...problemResponses(400, 401, 403, 404, 409, 412, 428) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { closureNote, closedOn } = c.req.valid('json');
      const expected = requiredIfMatch(c);
      const viewer = viewerOf(c);
      const day = todayOf(deps);
      const saved = await tenantTx(c, async (tx) => {
        const before = await lockBlocker(tx, viewer, id);
        const after = await closeBlocker(tx, before, expected, closureNote, closedOn ?? day, day);
        await audit(c, tx, { action: 'blocker.close', entity: 'blocker', entityId: id, before, after });
        return getBlocker(tx, viewer, id, day);
      });
      setEtag(c, saved.version);
      return c.json(saved, 200);
    },
  );
}

