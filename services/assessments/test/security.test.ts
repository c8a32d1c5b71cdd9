import { signAccessToken } from '@yingshang/service-kit';
import { TEST_JWT_SECRET, badTokens, claimsFor, expectProblem, rowCounts, tokenFor } from '@yingshang/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, harness } from './setup.ts';

/**
 * Every operation of the OpenAPI document against the usual attacks: no or forged token, another tenant's token
 * on this host, a token without permissions, a suspended tenant, and another district's ids. Nothing is written and
 * no id of the other district comes back. Generated from the document, so a new route is covered the day it lands.
 */
let h: Harness;
let ops: { method: string; path: string }[];
const bravoIds: string[] = [];
const TABLES = [
  'assessments.indicators', 'assessments.periods', 'assessments.weight_sets', 'assessments.targets', 'assessments.indicator_values',
  'assessments.supervision_tasks', 'assessments.supervision_reports', 'assessments.tours', 'assessments.tour_scores', 'assessments.rankings', 'audit.operation_log',
];

beforeAll(async () => {
  h = await harness();
  const doc = (await (await h.call('alpha', '/api/assessments/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
  ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    /\/(health|openapi\.json)$/.test(path) ? [] : Object.keys(methods).map((m) => ({ method: m.toUpperCase(), path })),
  );
  // Bravo's own rows: a supervision task and its 三标, which alpha must never reach.
  const V1 = '/api/assessments/v1';
  const ind = (await (await h.call('city', `${V1}/indicators`, { token: h.tokens.cityAdmin, body: { code: 'M', name: '手工', direction: 'higher', dimension: 'environment', source: 'manual' } })).json()) as { id: string };
  const per = (await (await h.call('city', `${V1}/periods`, { token: h.tokens.cityAdmin, body: { code: '2026Q2' } })).json()) as { id: string };
  const tasks = (await (await h.call('city', `${V1}/supervision/tasks`, { token: h.tokens.cityAdmin, body: { title: '乙区绝密任务', category: 'other', target: '完成', deadline: '2026-06-30', tenantIds: [h.fx.b.id] } })).json()) as { items: { id: string }[] };
  const target = (await (await h.call('bravo', `${V1}/periods/${per.id}/targets/${ind.id}`, { method: 'PUT', token: h.tokens.bravoDucha, body: { standardValue: '1' } })).json()) as { id: string };
  bravoIds.push(tasks.items[0]!.id, target.id);
});
afterAll(() => h.db.close());

const fill = (path: string, id: string) => path.replace(/\{[^}]+\}/g, id);
const send = (op: { method: string; path: string }, slug: string | null, token?: string, id: string = crypto.randomUUID()) =>
  h.call(slug ?? '', fill(op.path, id), { method: op.method, ...(token ? { token } : {}), ...(['GET', 'DELETE'].includes(op.method) ? {} : { body: {} }), headers: { 'if-match': '"1"' } });

describe('every operation of the document', () => {
  it('finds the operations', () => {
    expect(ops.length).toBeGreaterThan(25);
  });

  it('refuses without a valid token (401), another tenant’s token (403), no permission (403), a suspended tenant (403); writes nothing', async () => {
    const before = await rowCounts(h.db.pglite, TABLES);
    const forged = await badTokens(h.fx.a);
    const noPerms = await signAccessToken({ ...claimsFor(h.fx.a), perms: [] }, TEST_JWT_SECRET);
    const suspended = await tokenFor(h.fx.suspended);
    for (const op of ops) {
      const what = `${op.method} ${op.path}`;
      await expectProblem(await send(op, 'alpha'), 401);
      for (const [kind, token] of Object.entries(forged)) expect((await send(op, 'alpha', token)).status, `${what} ${kind}`).toBe(401);
      expect((await send(op, 'alpha', h.tokens.bravoAdmin)).status, `${what} with bravo's token`).toBe(403);
      expect((await send(op, 'alpha', noPerms)).status, `${what} without permissions`).toBe(403);
      expect([400, 403], `${what} suspended`).toContain((await send(op, 'closed', suspended)).status);
      const bare = await h.call('', fill(op.path, crypto.randomUUID()), { method: op.method, token: h.tokens.alphaAdmin });
      expect(bare.status, `${what} on the bare host`).toBe(404);
    }
    expect(await rowCounts(h.db.pglite, TABLES)).toEqual(before);
  });

  it('never reaches another district’s rows by their ids, and never echoes them', async () => {
    const before = await rowCounts(h.db.pglite, TABLES);
    for (const op of ops.filter((o) => o.path.includes('{'))) {
      for (const id of bravoIds) {
        for (const token of [h.tokens.alphaAdmin, h.tokens.alphaDucha]) {
          const res = await send(op, 'alpha', token, id);
          const body = await res.text();
          expect([400, 403, 404, 409, 412, 422, 428], `${op.method} ${op.path}: ${res.status} ${body.slice(0, 200)}`).toContain(res.status);
          expect(body.replaceAll(fill(op.path, id), ''), `${op.method} ${op.path} leaked`).not.toContain(id);
        }
      }
    }
    expect(await rowCounts(h.db.pglite, TABLES)).toEqual(before);
  });

  it('a district cannot take city-only actions even with the permission forged into a valid token', async () => {
    const forgedCity = await signAccessToken(
      { ...claimsFor(h.fx.a), perms: ['assessments:indicator:update', 'assessments:ranking:compute', 'assessments:supervision:assign', 'assessments:observation:update'] },
      TEST_JWT_SECRET,
    );
    const before = await rowCounts(h.db.pglite, TABLES);
    const V1 = '/api/assessments/v1';
    const attempts: [string, string, unknown][] = [
      ['POST', `${V1}/indicators`, { code: 'X', name: '伪造', direction: 'higher', dimension: 'projects', source: 'manual' }],
      ['POST', `${V1}/periods`, { code: '2030' }],
      ['POST', `${V1}/values/snapshot`, {}],
      ['POST', `${V1}/supervision/tasks`, { title: '伪造', category: 'other', target: 'x', deadline: '2026-12-31', tenantIds: [h.fx.b.id] }],
      ['POST', `${V1}/tours`, { name: '伪造', startsOn: '2026-05-01', endsOn: '2026-05-01', criteria: [{ code: 'a', name: 'a', maxPoints: '10' }], scorers: [{ name: 'x' }] }],
    ];
    for (const [method, path, body] of attempts) {
      const problem = await expectProblem(await h.call('alpha', path, { method, token: forgedCity, body }), 403);
      expect(problem.type, path).toContain('city-only');
    }
    expect(await rowCounts(h.db.pglite, TABLES)).toEqual(before);
  });
});

