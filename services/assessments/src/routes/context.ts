import { createRoute } from '@hono/zod-openapi';
import { assessmentContext } from '@yingshang/contracts';
import { guard, problemResponses } from '@yingshang/service-kit';
import type { AssessmentsApp } from '../deps.ts';
import { API, bearer, callerTx, json } from './shared.ts';

const READ = ['assessments:ranking:read', 'assessments:indicator:read', 'assessments:target:read', 'assessments:value:read', 'assessments:supervision:read', 'assessments:observation:read'];

export function registerContextRoutes(app: AssessmentsApp) {
  app.openapi(
    createRoute({
      method: 'get',
      path: `${API}/context`,
      tags: ['context'],
      summary: '当前单位在考核模块中的身份：是否市级、可查看哪些区县（市）、排名分组',
      security: bearer,
      middleware: guard(...READ),
      responses: { 200: json(assessmentContext, 'who the caller is here'), ...problemResponses(401, 403) },
    }),
    async (c) => {
      const caller = await callerTx(c, async (_tx, caller) => caller);
      const groups = [...new Set(caller.districts.map((d) => d.rankingGroup ?? '未分组'))];
      return c.json({ tenantId: caller.tenantId, cityId: caller.cityId, isCity: caller.isCity, tenants: caller.visible, allTenants: caller.districts, groups }, 200);
    },
  );
}
