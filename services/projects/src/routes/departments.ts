import { createRoute } from '@hono/zod-openapi';
import { departmentOptions } from '@yingshang/contracts';
import { queryRows } from '@yingshang/db';
import { guard, problemResponses, tenantTx } from '@yingshang/service-kit';
import { sql } from 'drizzle-orm';
import type { ProjectsApp } from '../deps.ts';
import { API, bearer, json } from './shared.ts';

/**
 * The tenant's departments as identity publishes them (`identity.department_tree_v`), for the responsible-unit
 * picker and filter: a 发改委 clerk needs the names without holding identity's admin permissions.
 */
export function registerDepartmentRoutes(app: ProjectsApp) {
  app.openapi(
    createRoute({
      method: 'get',
      path: `${API}/departments`,
      tags: ['departments'],
      summary: '责任单位选项（本单位部门树，按层级排序）',
      security: bearer,
      middleware: guard('projects:project:read'),
      responses: { 200: json(departmentOptions, 'departments, parents before children'), ...problemResponses(401, 403) },
    }),
    async (c) => {
      const items = await tenantTx(c, (tx) =>
        queryRows<{ id: string; parentId: string | null; code: string; name: string; depth: number }>(
          tx,
          sql`select d.id, d.parent_id as "parentId", d.code, d.name, cardinality(d.path) - 1 as depth
              from identity.department_tree_v d order by d.path`,
        ),
      );
      return c.json({ items }, 200);
    },
  );
}
