import { createRoute, z } from '@hono/zod-openapi';
import { project, stageHistoryEntry, stageMoveRequest } from '@yingshang/contracts';
import { audit, guard, problemResponses, setEtag, tenantTx } from '@yingshang/service-kit';
import { findProject, getProject, lockProject } from '../domain/projects.ts';
import { moveStage, stageHistoryOf } from '../domain/stage-moves.ts';
import type { ProjectsApp, ProjectsDeps } from '../deps.ts';
import { API, asOfFor, bearer, idParam, json, jsonBody, todayOf, viewerOf } from './shared.ts';

const base = `${API}/projects/{id}`;

/** Stage moves (谋划 → … → 达产), each dated and recorded, and the history they leave. */
export function registerStageRoutes(app: ProjectsApp, deps: ProjectsDeps) {
  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/stage`,
      tags: ['stages'],
      summary: '推进项目阶段（按顺序；跳过阶段须 skip: true 并说明原因；日期不晚于今天、不早于上一阶段）',
      security: bearer,
      middleware: guard('projects:project:advance'),
      request: { params: idParam('项目'), ...jsonBody(stageMoveRequest) },
      responses: {
        200: json(z.object({ project, entry: stageHistoryEntry }), 'moved; the history entry it left'),
        ...problemResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const move = c.req.valid('json');
      const viewer = viewerOf(c);
      const result = await tenantTx(c, async (tx) => {
        const before = await lockProject(tx, viewer, id);
        const { entry } = await moveStage(tx, viewer, before, move, todayOf(deps));
        await audit(c, tx, {
          action: 'project.stage',
          entity: 'project',
          entityId: id,
          before: { stage: before.stage, stageDate: before.stageDate },
          after: entry,
        });
        return { project: await getProject(tx, viewer, id, asOfFor(deps, undefined)), entry };
      });
      setEtag(c, result.project.version);
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/stage-history`,
      tags: ['stages'],
      summary: '项目阶段时间线',
      security: bearer,
      middleware: guard('projects:project:read'),
      request: { params: idParam('项目') },
      responses: { 200: json(z.object({ items: z.array(stageHistoryEntry) }), 'oldest first'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const viewer = viewerOf(c);
      const items = await tenantTx(c, async (tx) => stageHistoryOf(tx, await findProject(tx, viewer, id)));
      return c.json({ items }, 200);
    },
  );
}
