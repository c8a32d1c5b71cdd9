import { type DbHandle, schema } from '@yingshang/db';
import { tenantRequest, testEnv, uuidv7 } from '@yingshang/testing';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProjectsApp } from '../src/app.ts';
import { API, NOW, type ProjectsHarness, projectsHarness } from './setup.ts';

/**
 * No N+1: a list endpoint sends the same number of statements for 3 rows as for 40, and only a handful. Statements
 * are counted by a drizzle logger on the request's database handle; the transaction's own set-up (role, tenant)
 * is left out of the count, so the figures are the queries the endpoint itself needs.
 */
const SETUP = /^\s*(begin|commit|rollback|set local role|select set_config)/i;

let h: ProjectsHarness;
let token: string;
let statements: string[] = [];
let counted: ReturnType<typeof createProjectsApp>;
let projectId: string;

async function addProjects(n: number, offset: number) {
  const a = h.fx.a;
  for (let i = 0; i < n; i++) {
    const id = uuidv7();
    if (!projectId) projectId = id;
    await h.db.owner.insert(schema.projectsTable).values({
      tenantId: a.id, id, code: `QC-${offset + i}`, name: `查询计数项目${offset + i}`, ownerUnit: '测试公司', category: 'other', level: 'district',
      totalInvestment: '20000.00', stage: 'constructing', stageDate: '2025-03-01', departmentId: h.depts.fgw,
    });
    await h.db.owner.insert(schema.annualPlans).values({ tenantId: a.id, projectId: id, year: 2026, plannedInvestment: '1200.00' });
    await h.db.owner.insert(schema.stageHistory).values({ tenantId: a.id, id: uuidv7(), projectId: id, toStage: 'constructing', movedOn: '2025-03-01' });
    for (const month of ['2026-08-01', '2026-09-01', '2026-10-01']) {
      await h.db.owner.insert(schema.investmentReports).values({ tenantId: a.id, id: uuidv7(), projectId: id, month, plannedInvestment: '100.00', completedInvestment: '90.00' });
    }
    await h.db.owner.insert(schema.blockers).values({ tenantId: a.id, id: uuidv7(), projectId: id, title: '用地指标', raisedOn: '2026-10-10' });
  }
}

/** One request at a time: the statements of concurrent requests would mix. */
async function countAll(paths: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const p of paths) out[p] = await count(p);
  return out;
}

async function count(path: string): Promise<number> {
  statements = [];
  const res = await counted.fetch(tenantRequest('alpha', path, { token }), testEnv);
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
  await res.arrayBuffer();
  return statements.filter((s) => !SETUP.test(s)).length;
}

const LISTS = [
  `${API}/projects?limit=20`,
  `${API}/projects?limit=20&sort=-totalInvestment&schedule=behind`,
  `${API}/blockers?limit=20`,
  `${API}/monthly-reports/2026-10`,
  `${API}/statistics`,
  `${API}/batches`,
];

beforeAll(async () => {
  h = await projectsHarness();
  token = await h.token(h.fx.a, { scope: 'all' });
  const factory = (): DbHandle => ({
    db: drizzle({ client: h.db.pglite, schema, logger: { logQuery: (q) => statements.push(q) } }) as never,
    close: async () => {},
  });
  counted = createProjectsApp({ database: factory, now: () => NOW });
  await addProjects(3, 0);
});
afterAll(() => h.db.close());

describe('list endpoints send a fixed number of statements, whatever the number of rows', () => {
  it('the same for 3 rows as for 40, and at most 4', async () => {
    const small = await countAll(LISTS);
    await addProjects(37, 100);
    const reportsPath = `${API}/projects/${projectId}/reports`;
    const historyPath = `${API}/projects/${projectId}/stage-history`;
    const large = await countAll(LISTS);
    expect(large).toEqual(small);
    console.log(`statements per request: ${JSON.stringify(large)}`);
    for (const [path, n] of Object.entries(large)) expect(n, path).toBeLessThanOrEqual(4);
    // A project's own lists: one query for the project check, one for the rows.
    expect(await count(reportsPath)).toBeLessThanOrEqual(3);
    expect(await count(historyPath)).toBeLessThanOrEqual(3);
  });
});
