import { type DbHandle, schema } from '@yingshang/db';
import { tenantRequest, testEnv } from '@yingshang/testing';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnterpriseApp } from '../src/app.ts';
import { API, type Harness, harness, newEnterprise } from './setup.ts';

/**
 * No N+1: a list endpoint sends the same number of statements for 3 enterprises (each with an appeal, a pairing
 * and a visit) as for 30. Counted by a drizzle logger on the request's database handle, without the transaction's
 * own set-up (role, tenant), as in services/projects/test/query-count.test.ts.
 */
const SETUP = /^\s*(begin|commit|rollback|set local role|select set_config)/i;

let h: Harness;
let svc: string;
let statements: string[] = [];
let counted: ReturnType<typeof createEnterpriseApp>;

const post = async (path: string, payload: unknown) => {
  const res = await h.call('alpha', `${API}${path}`, { method: 'POST', token: svc, body: payload });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return (await res.json()) as { id: string };
};

async function addEnterprises(n: number) {
  for (let i = 0; i < n; i++) {
    const e = await post('/enterprises', newEnterprise());
    await post('/pairings', { enterpriseId: e.id, cadreUserId: h.fx.a.users.clerk.id });
    await post('/visits', { enterpriseId: e.id, notes: '走访了解用工需求' });
    await post('/appeals', { enterpriseId: e.id, category: 'labour', title: '招工难', description: '缺技术工人' });
  }
}

async function count(path: string): Promise<number> {
  statements = [];
  const res = await counted.fetch(tenantRequest('alpha', path, { token: svc }), testEnv);
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
  await res.arrayBuffer();
  return statements.filter((s) => !SETUP.test(s)).length;
}

const LISTS = [
  `${API}/enterprises?limit=20`,
  `${API}/appeals?limit=20`,
  `${API}/appeals?limit=20&q=${encodeURIComponent('招工')}`,
  `${API}/pairings?active=true`,
  `${API}/visits?limit=20`,
  `${API}/policies`,
  `${API}/matches`,
  `${API}/parks`,
  `${API}/statistics/appeals?from=2026-01&to=2026-11`,
];

async function countAll(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const path of LISTS) out[path] = await count(path);
  return out;
}

beforeAll(async () => {
  h = await harness();
  svc = await h.token(h.fx.a, 'service');
  const factory = (): DbHandle => ({
    db: drizzle({ client: h.db.pglite, schema, logger: { logQuery: (q) => statements.push(q) } }) as never,
    close: async () => {},
  });
  counted = createEnterpriseApp({ database: factory, now: () => h.clock.now });
  await addEnterprises(3);
});
afterAll(() => h.db.close());

describe('enterprise list endpoints send a fixed number of statements, whatever the number of rows', () => {
  it('the same for 3 enterprises as for 30, and only a handful', async () => {
    const small = await countAll();
    await addEnterprises(27);
    const large = await countAll();
    expect(large).toEqual(small);
    for (const [path, n] of Object.entries(large)) expect(n, path).toBeLessThanOrEqual(8);
  });
});
