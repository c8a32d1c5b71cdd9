import { createRoute } from '@hono/zod-openapi';
import {
  allTenantsOperationLogQuery,
  allTenantsSignInLogQuery,
  operationLogPage,
  operationLogQuery,
  signInLogPage,
  signInLogQuery,
} from '@yingshang/contracts/organisation';
import { guard, problemResponses, tenantTx } from '@yingshang/service-kit';
import type { IdentityApp } from '../../deps.ts';
import { cityLogs, listOperationLogs, listSignInLogs, ownLogs } from '../../domain/organisation/audit-logs.ts';
import { requireCityOffice } from '../../domain/organisation/tenant.ts';
import { API, bearer, json } from './shared.ts';

const base = `${API}/audit`;
const tags = ['audit'];
const cityOnly = '只有市级单位可以查看各单位的日志';

export function registerAuditLogRoutes(app: IdentityApp): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/operation-logs`,
      tags,
      summary: '本单位操作日志（按时间、操作人、操作、对象、服务筛选，最新在前）',
      security: bearer,
      middleware: guard('admin:audit:read'),
      request: { query: operationLogQuery },
      responses: { 200: json(operationLogPage, 'a page of entries, newest first'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const { tenantId } = c.get('principal');
      const page = await tenantTx(c, (tx) => listOperationLogs(tx, ownLogs(tenantId), c.req.valid('query')));
      return c.json(page, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/sign-in-logs`,
      tags,
      summary: '本单位登录日志（最新在前）',
      security: bearer,
      middleware: guard('admin:audit:read'),
      request: { query: signInLogQuery },
      responses: { 200: json(signInLogPage, 'a page of sign-in attempts, newest first'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const { tenantId } = c.get('principal');
      const page = await tenantTx(c, (tx) => listSignInLogs(tx, ownLogs(tenantId), c.req.valid('query')));
      return c.json(page, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/all-tenants/operation-logs`,
      tags,
      summary: '全市操作日志：市级单位查看本级及各下属单位（可按单位筛选）',
      security: bearer,
      middleware: guard('admin:audit:read_all'),
      request: { query: allTenantsOperationLogQuery },
      responses: { 200: json(operationLogPage, 'entries of the city and its districts'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { tenantId } = c.get('principal');
      const query = c.req.valid('query');
      const page = await tenantTx(c, async (tx) => {
        const city = await requireCityOffice(tx, tenantId, cityOnly);
        return listOperationLogs(tx, await cityLogs(tx, city, query.tenantId), query);
      });
      return c.json(page, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/all-tenants/sign-in-logs`,
      tags,
      summary: '全市登录日志：市级单位查看本级及各下属单位（可按单位筛选）',
      security: bearer,
      middleware: guard('admin:audit:read_all'),
      request: { query: allTenantsSignInLogQuery },
      responses: { 200: json(signInLogPage, 'sign-in attempts of the city and its districts'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { tenantId } = c.get('principal');
      const query = c.req.valid('query');
      const page = await tenantTx(c, async (tx) => {
        const city = await requireCityOffice(tx, tenantId, cityOnly);
        return listSignInLogs(tx, await cityLogs(tx, city, query.tenantId), query);
      });
      return c.json(page, 200);
    },
  );
}
