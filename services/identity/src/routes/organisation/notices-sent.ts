import { createRoute, z } from '@hono/zod-openapi';
import {
  createNoticeRequest,
  sentNotice,
  sentNoticePage,
  sentNoticeQuery,
  updateNoticeRequest,
} from '@yingshang/contracts/organisation';
import { schema } from '@yingshang/db';
import { audit, guard, idempotent, problemResponses, requiredIfMatch, setEtag, tenantTx } from '@yingshang/service-kit';
import type { IdentityApp } from '../../deps.ts';
import { createNotice, getSent, listSent, publishDraft, updateDraft } from '../../domain/organisation/notices.ts';
import { requireCityOffice } from '../../domain/organisation/tenant.ts';
import { API, bearer, idempotencyKey, idParam, ifMatch, json, jsonBody, nothingWritten } from './shared.ts';

const base = `${API}/notices`;
const tags = ['notices'];
const id = idParam('通知');
const cityOnly = '只有市级单位可以发布通知公告';
const published = z.object({ notice: sentNotice, delivered: z.number().int() }).meta({ id: 'PublishedNotice' });

/** The city office writes notices and sends them to all of its tenants or to chosen districts. */
export function registerSentNoticeRoutes(app: IdentityApp): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: base,
      tags,
      summary: '撰写并发布通知（市级）：发送给全部单位或指定下属单位；publish=false 存为草稿',
      security: bearer,
      middleware: guard('admin:notice:publish'),
      request: { headers: idempotencyKey, ...jsonBody(createNoticeRequest) },
      responses: {
        201: json(published, 'created; `delivered` copies written, one per receiving tenant'),
        ...problemResponses(400, 401, 403, 422),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      const input = c.req.valid('json');
      const outcome = await tenantTx(c, async (tx) => {
        const city = await requireCityOffice(tx, principal.tenantId, cityOnly);
        return idempotent(c, tx, schema.identityIdempotencyKeys, city.id, input, async () => {
          const result = await createNotice(tx, city, principal, input);
          await audit(c, tx, {
            action: result.notice.publishedAt ? 'notice.publish' : 'notice.create',
            entity: 'notice',
            entityId: result.notice.id,
            after: { ...result.notice, delivered: result.delivered },
          });
          return { status: 201, body: result };
        });
      });
      if (outcome.replayed) nothingWritten(c);
      setEtag(c, outcome.body.notice.version);
      return c.json(outcome.body, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/sent`,
      tags,
      summary: '本级发出的通知与草稿（市级，最新在前）',
      security: bearer,
      middleware: guard('admin:notice:publish'),
      request: { query: sentNoticeQuery },
      responses: { 200: json(sentNoticePage, 'a page of notices with their recipients'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const { tenantId } = c.get('principal');
      const query = c.req.valid('query');
      const page = await tenantTx(c, async (tx) => listSent(tx, await requireCityOffice(tx, tenantId, cityOnly), query));
      return c.json(page, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/sent/{id}`,
      tags,
      summary: '查看发出的通知或草稿（市级）',
      security: bearer,
      middleware: guard('admin:notice:publish'),
      request: { params: id },
      responses: { 200: json(sentNotice, 'the notice; ETag carries its version'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { tenantId } = c.get('principal');
      const noticeId = c.req.valid('param').id;
      const notice = await tenantTx(c, async (tx) => getSent(tx, await requireCityOffice(tx, tenantId, cityOnly), noticeId));
      setEtag(c, notice.version);
      return c.json(notice, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: `${base}/sent/{id}`,
      tags,
      summary: '修改草稿（已发布的通知不能修改）',
      security: bearer,
      middleware: guard('admin:notice:publish'),
      request: { params: id, headers: ifMatch, ...jsonBody(updateNoticeRequest) },
      responses: { 200: json(sentNotice, 'the draft after the change'), ...problemResponses(400, 401, 403, 404, 409, 412, 428) },
    }),
    async (c) => {
      const { tenantId } = c.get('principal');
      const expected = requiredIfMatch(c);
      const noticeId = c.req.valid('param').id;
      const input = c.req.valid('json');
      const { after } = await tenantTx(c, async (tx) => {
        const city = await requireCityOffice(tx, tenantId, cityOnly);
        const change = await updateDraft(tx, city, noticeId, expected, input);
        await audit(c, tx, { action: 'notice.update', entity: 'notice', entityId: noticeId, ...change });
        return change;
      });
      setEtag(c, after.version);
      return c.json(after, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/sent/{id}/publish`,
      tags,
      summary: '发布草稿：为每个接收单位写入一份通知',
      security: bearer,
      middleware: guard('admin:notice:publish'),
      request: { params: id, headers: ifMatch },
      responses: { 200: json(published, 'published'), ...problemResponses(400, 401, 403, 404, 409, 412, 428) },
    }),
    async (c) => {
      const principal = c.get('principal');
      const expected = requiredIfMatch(c);
      const noticeId = c.req.valid('param').id;
      const result = await tenantTx(c, async (tx) => {
        const city = await requireCityOffice(tx, principal.tenantId, cityOnly);
        const outcome = await publishDraft(tx, city, principal, noticeId, expected);
        await audit(c, tx, {
          action: 'notice.publish',
          entity: 'notice',
          entityId: noticeId,
          after: { ...outcome.notice, delivered: outcome.delivered },
        });
        return outcome;
      });
      setEtag(c, result.notice.version);
      return c.json(result, 200);
    },
  );
}
