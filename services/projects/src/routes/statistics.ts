import { createRoute } from '@hono/zod-openapi';
import { projectStatistics, statisticsQuery } from '@yingshang/contracts';
import { guard, problemResponses, tenantTx } from '@yingshang/service-kit';
import { statistics } from '../domain/statistics.ts';
import type { ProjectsApp, ProjectsDeps } from '../deps.ts';
import { API, asOfFor, bearer, json, todayOf, viewerOf } from './shared.ts';

/** The dashboard figures of the tenant (over the caller's data scope). */
export function registerStatisticsRoutes(app: ProjectsApp, deps: ProjectsDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: `${API}/statistics`,
      tags: ['statistics'],
      summary: '项目统计：分阶段/类别/批次/战略的个数与投资，投资完成率、开工率、投产率、双过半、滞后项目、行业集中度',
      security: bearer,
      middleware: guard('projects:stats:read'),
      request: { query: statisticsQuery },
      responses: { 200: json(projectStatistics, 'figures as of the month'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const asOf = asOfFor(deps, c.req.valid('query').month);
      const body = await tenantTx(c, (tx) => statistics(tx, viewerOf(c), asOf, todayOf(deps)));
      return c.json(body, 200);
    },
  );
}
