import { createRoute } from '@hono/zod-openapi';
import { type ProjectStage, batchSummary, projectStageLabels } from '@yingshang/contracts';
import { queryRows } from '@yingshang/db';
import { guard, problemResponses, tenantTx } from '@yingshang/service-kit';
import { sql } from 'drizzle-orm';
import { scopePredicate } from '../domain/scope.ts';
import type { ProjectsApp } from '../deps.ts';
import { API, bearer, json, viewerOf } from './shared.ts';

/** The 三个一批 batches the tenant's projects joined (`2025Q2 开工` …), newest first, with counts and investment. */
export function registerBatchRoutes(app: ProjectsApp) {
  app.openapi(
    createRoute({
      method: 'get',
      path: `${API}/batches`,
      tags: ['batches'],
      summary: '三个一批批次（签约/开工/投产）及其项目数与总投资',
      security: bearer,
      middleware: guard('projects:batch:read'),
      responses: { 200: json(batchSummary, 'newest first'), ...problemResponses(401, 403) },
    }),
    async (c) => {
      const viewer = viewerOf(c);
      const rows = await tenantTx(c, (tx) =>
        queryRows<{ batch: string; stage: ProjectStage; count: number; totalInvestment: string }>(
          tx,
          sql`select b.batch, b.stage, count(*)::int as count, sum(b.total_investment)::text as "totalInvestment"
              from (select p.sign_batch as batch, 'signed' as stage, p.total_investment from projects.projects p
                      where p.tenant_id = ${viewer.tenantId}::uuid and p.sign_batch is not null and ${scopePredicate(viewer)}
                    union all
                    select p.start_batch, 'started', p.total_investment from projects.projects p
                      where p.tenant_id = ${viewer.tenantId}::uuid and p.start_batch is not null and ${scopePredicate(viewer)}
                    union all
                    select p.production_batch, 'producing', p.total_investment from projects.projects p
                      where p.tenant_id = ${viewer.tenantId}::uuid and p.production_batch is not null and ${scopePredicate(viewer)}) b
              group by b.batch, b.stage order by b.batch desc, b.stage`,
        ),
      );
      return c.json({ items: rows.map((r) => ({ ...r, label: `${r.batch} ${projectStageLabels[r.stage]}` })) }, 200);
    },
  );
}
