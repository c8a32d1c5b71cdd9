import { createRoute } from '@hono/zod-openapi';
import { receivedNotice, receivedNoticePage, receivedNoticeQuery, unreadNoticeCount } from '@yingshang/contracts/organisation';
import { guard, problemResponses, tenantTx } from '@yingshang/service-kit';
import type { IdentityApp } from '../../deps.ts';
import { listReceived, openReceived, unreadCount } from '../../domain/organisation/notices.ts';
import { API, bearer, idParam, json } from './shared.ts';

const base = `${API}/notices`;
const tags = ['notices'];

/** What every tenant receives. Registered after the city's `/notices/sent` routes, which share the prefix. */
export function registerReceivedNoticeRoutes(app: IdentityApp): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/unread-count`,
      tags,
      summary: '当前用户的未读通知数（页头角标）',
      security: bearer,
      middleware: guard('admin:notice:read'),
      responses: { 200: json(unreadNoticeCount, 'unread notices of this user'), ...problemResponses(401, 403) },
    }),
    async (c) => {
      const { tenantId, userId } = c.get('principal');
      const count = await tenantTx(c, (tx) => unreadCount(tx, { tenantId, userId }));
      c.header('cache-control', 'no-store');
      return c.json({ count }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: base,
      tags,
      summary: '本单位收到的通知公告（含当前用户是否已读，最新在前）',
      security: bearer,
      middleware: guard('admin:notice:read'),
      request: { query: receivedNoticeQuery },
      responses: { 200: json(receivedNoticePage, 'a page of notices'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const { tenantId, userId } = c.get('principal');
      const page = await tenantTx(c, (tx) => listReceived(tx, { tenantId, userId }, c.req.valid('query')));
      return c.json(page, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/{id}`,
      tags,
      summary: '查看通知（同时标记为已读）',
      security: bearer,
      middleware: guard('admin:notice:read'),
      request: { params: idParam('通知') },
      responses: { 200: json(receivedNotice, 'the notice, now read'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { tenantId, userId } = c.get('principal');
      // Marking read is bookkeeping, not a change to anyone's data: it is not written to the operation log.
      const notice = await tenantTx(c, (tx) => openReceived(tx, { tenantId, userId }, c.req.valid('param').id));
      return c.json(notice, 200);
    },
  );
}
