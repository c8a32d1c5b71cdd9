import { createRoute } from '@hono/zod-openapi';
import {
  advanceMatchRequest,
  createPolicyRequest,
  matchList,
  matchListQuery,
  matchPreview,
  matchSchema,
  policyList,
  policySchema,
  previewCriteriaRequest,
  publishResult,
  updatePolicyRequest,
} from '@yingshang/contracts';
import { schema } from '@yingshang/db';
import { HttpProblem, audit, guard, idempotent, problemResponses, requiredIfMatch, setEtag } from '@yingshang/service-kit';
import { createPolicy, getMatch, getPolicy, listMatches, listPolicies, lockPolicy, moveMatch, preview, publish, updatePolicy, withdraw } from '../domain/policies.ts';
import type { CriteriaItem } from '@yingshang/contracts';
import type { EnterpriseApp, EnterpriseDeps } from '../deps.ts';
import { API, bearer, callerTx, idParam, idempotencyKey, ifMatch, json, jsonBody, nothingWritten, optionalIfMatch, todayOf } from './shared.ts';

const base = `${API}/policies`;

/** 惠企政策 with criteria as data, the match preview, publishing (免申即享 matching) and the matches' life cycle. */
export function registerPolicyRoutes(app: EnterpriseApp, deps: EnterpriseDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: base,
      tags: ['policies'],
      summary: '惠企政策（企业用户只见已发布的）',
      security: bearer,
      middleware: guard('enterprise:policy:read'),
      responses: { 200: json(policyList, 'newest first'), ...problemResponses(401, 403) },
    }),
    async (c) => c.json({ items: await callerTx(c, (tx, caller) => listPolicies(tx, caller, todayOf(deps))) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/preview`,
      tags: ['policies'],
      summary: '按准入条件预览匹配的企业及理由（不保存）',
      security: bearer,
      middleware: guard('enterprise:policy:update'),
      request: jsonBody(previewCriteriaRequest),
      responses: { 200: json(matchPreview, 'who matches and why'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const { criteria } = c.req.valid('json');
      const result = await callerTx(c, (tx, caller) => preview(tx, caller.tenantId, criteria, todayOf(deps)));
      nothingWritten(c);
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: base,
      tags: ['policies'],
      summary: '新增政策（草稿；准入条件为数据）',
      security: bearer,
      middleware: guard('enterprise:policy:update'),
      request: { headers: idempotencyKey, ...jsonBody(createPolicyRequest) },
      responses: { 201: json(policySchema, 'created as a draft'), ...problemResponses(400, 401, 403, 422) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const day = todayOf(deps);
      const outcome = await callerTx(c, (tx, caller) =>
        idempotent(c, tx, schema.enterpriseIdempotencyKeys, caller.tenantId, input, async () => {
          const row = await createPolicy(tx, caller, input);
          await audit(c, tx, { action: 'policy.create', entity: 'policy', entityId: row.id, after: row });
          return { status: 201, body: await getPolicy(tx, caller, row.id, day) };
        }),
      );
      if (outcome.replayed) nothingWritten(c);
      setEtag(c, outcome.body.version);
      return c.json(outcome.body, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/{id}`,
      tags: ['policies'],
      summary: '查看政策',
      security: bearer,
      middleware: guard('enterprise:policy:read'),
      request: { params: idParam('政策') },
      responses: { 200: json(policySchema, 'the policy'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const found = await callerTx(c, (tx, caller) => getPolicy(tx, caller, id, todayOf(deps)));
      setEtag(c, found.version);
      return c.json(found, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: `${base}/{id}`,
      tags: ['policies'],
      summary: '修改政策（须带 If-Match；已发布政策的准入条件不可改）',
      security: bearer,
      middleware: guard('enterprise:policy:update'),
      request: { params: idParam('政策'), headers: ifMatch, ...jsonBody(updatePolicyRequest) },
      responses: { 200: json(policySchema, 'saved'), ...problemResponses(400, 401, 403, 404, 409, 412, 428) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const expected = requiredIfMatch(c);
      const saved = await callerTx(c, async (tx, caller) => {
        const before = await lockPolicy(tx, caller, id);
        const after = await updatePolicy(tx, before, expected, input);
        await audit(c, tx, { action: 'policy.update', entity: 'policy', entityId: id, before, after });
        return getPolicy(tx, caller, id, todayOf(deps));
      });
      setEtag(c, saved.version);
      return c.json(saved, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/{id}/preview`,
      tags: ['policies'],
      summary: '预览该政策将匹配的企业及理由（不保存）',
      security: bearer,
      middleware: guard('enterprise:policy:update'),
      request: { params: idParam('政策') },
      responses: { 200: json(matchPreview, 'who matches and why'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const result = await callerTx(c, async (tx, caller) => {
        const policy = await lockPolicy(tx, caller, id);
        return preview(tx, caller.tenantId, policy.criteria as CriteriaItem[], todayOf(deps));
      });
      nothingWritten(c);
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/{id}/publish`,
      tags: ['policies'],
      summary: '发布政策并自动匹配（免申即享；数据无法判断的转快申快享）',
      security: bearer,
      middleware: guard('enterprise:policy:update'),
      request: { params: idParam('政策'), headers: ifMatch },
      responses: { 200: json(publishResult, 'published; matches created'), ...problemResponses(400, 401, 403, 404, 409, 412) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const expected = optionalIfMatch(c);
      if (expected === -1) throw new HttpProblem(400, 'bad-if-match', 'If-Match 格式有误', 'If-Match 应为记录的版本号，例如 "3"');
      const day = todayOf(deps);
      const result = await callerTx(c, async (tx, caller) => {
        const before = await lockPolicy(tx, caller, id);
        const out = await publish(tx, caller, before, expected, day);
        await audit(c, tx, { action: 'policy.publish', entity: 'policy', entityId: id, before, after: { ...out.after, matchesCreated: out.created } });
        return { policy: await getPolicy(tx, caller, id, day), created: out.created, automatic: out.automatic, quickApplication: out.quickApplication };
      });
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/{id}/withdraw`,
      tags: ['policies'],
      summary: '撤回已发布的政策（已产生的匹配保留）',
      security: bearer,
      middleware: guard('enterprise:policy:update'),
      request: { params: idParam('政策'), headers: ifMatch },
      responses: { 200: json(policySchema, 'withdrawn'), ...problemResponses(400, 401, 403, 404, 409, 412) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const expected = optionalIfMatch(c);
      if (expected === -1) throw new HttpProblem(400, 'bad-if-match', 'If-Match 格式有误', 'If-Match 应为记录的版本号，例如 "3"');
      const saved = await callerTx(c, async (tx, caller) => {
        const before = await lockPolicy(tx, caller, id);
        const after = await withdraw(tx, before, expected);
        await audit(c, tx, { action: 'policy.withdraw', entity: 'policy', entityId: id, before, after });
        return getPolicy(tx, caller, id, todayOf(deps));
      });
      return c.json(saved, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${API}/matches`,
      tags: ['matches'],
      summary: '政策匹配（企业用户只见本企业的惠企政策）',
      security: bearer,
      middleware: guard('enterprise:benefit:read', 'enterprise:policy:update'),
      request: { query: matchListQuery },
      responses: { 200: json(matchList, 'newest first'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const query = c.req.valid('query');
      return c.json({ items: await callerTx(c, (tx, caller) => listMatches(tx, caller, query, todayOf(deps))) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${API}/matches/{id}/confirm`,
      tags: ['matches'],
      summary: '企业确认享受政策（仅该企业用户）',
      security: bearer,
      middleware: guard('enterprise:benefit:confirm'),
      request: { params: idParam('政策匹配') },
      responses: { 200: json(matchSchema, 'confirmed'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const day = todayOf(deps);
      const saved = await callerTx(c, async (tx, caller) => {
        const { before, after } = await moveMatch(tx, caller, id, 'confirmed', day);
        await audit(c, tx, { action: 'match.confirm', entity: 'policy_match', entityId: id, before, after });
        return getMatch(tx, caller, id, day);
      });
      return c.json(saved, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${API}/matches/{id}/advance`,
      tags: ['matches'],
      summary: '推进政策兑现：通知企业或登记已兑付',
      security: bearer,
      middleware: guard('enterprise:benefit:update'),
      request: { params: idParam('政策匹配'), ...jsonBody(advanceMatchRequest) },
      responses: { 200: json(matchSchema, 'moved on'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { to } = c.req.valid('json');
      const day = todayOf(deps);
      const saved = await callerTx(c, async (tx, caller) => {
        const { before, after } = await moveMatch(tx, caller, id, to, day);
        await audit(c, tx, { action: `match.${to}`, entity: 'policy_match', entityId: id, before, after });
        return getMatch(tx, caller, id, day);
      });
      return c.json(saved, 200);
    },
  );
}
