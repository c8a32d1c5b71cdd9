import { badTokens, expectProblem, rowCounts } from '@yingshang/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type ProjectBody, type ProjectsHarness, newProject, projectsHarness } from './setup.ts';

// Every endpoint against the usual attacks: no or forged token, another tenant's token on this host, a role
// without the permission, and another tenant's ids. Nothing may be written and nothing leaked.
let h: ProjectsHarness;
let alphaClerk: string;
let bravoClerk: string;
let alphaProject: string;
let bravoProject: string;
let bravoBlocker: string;
beforeAll(async () => {
  h = await projectsHarness();
  alphaClerk = await h.token(h.fx.a);
  bravoClerk = await h.token(h.fx.b);
  const mk = async (slug: string, token: string, name: string) => {
    const res = await h.call(slug, `${API}/projects`, { token, body: newProject({ name, stage: 'started', actualStartDate: '2026-01-05' }) });
    return ((await res.json()) as ProjectBody).id;
  };
  alphaProject = await mk('alpha', alphaClerk, '甲区项目');
  bravoProject = await mk('bravo', bravoClerk, '乙区绝密项目');
  const b = await h.call('bravo', `${API}/projects/${bravoProject}/blockers`, { token: bravoClerk, body: { title: '乙区绝密问题' } });
  bravoBlocker = ((await b.json()) as { id: string }).id;
  await h.call('bravo', `${API}/projects/${bravoProject}/reports/2026-10`, { method: 'PUT', token: bravoClerk, body: { plannedInvestment: 1, completedInvestment: 1 } });
});
afterAll(() => h.db.close());

interface Endpoint {
  method: string;
  path: (project: string, blocker: string) => string;
  permission: string;
  body?: unknown;
  /** Takes a foreign id in its path. */
  byId?: boolean;
  write?: boolean;
}

const endpoints: Endpoint[] = [
  { method: 'GET', path: () => `${API}/projects`, permission: 'projects:project:read' },
  { method: 'POST', path: () => `${API}/projects`, permission: 'projects:project:create', body: newProject(), write: true },
  { method: 'GET', path: (p) => `${API}/projects/${p}`, permission: 'projects:project:read', byId: true },
  { method: 'PATCH', path: (p) => `${API}/projects/${p}`, permission: 'projects:project:update', body: { name: '篡改' }, byId: true, write: true },
  { method: 'DELETE', path: (p) => `${API}/projects/${p}`, permission: 'projects:project:delete', byId: true, write: true },
  { method: 'POST', path: (p) => `${API}/projects/${p}/stage`, permission: 'projects:project:advance', body: { stage: 'constructing', date: '2026-02-01' }, byId: true, write: true },
  { method: 'GET', path: (p) => `${API}/projects/${p}/stage-history`, permission: 'projects:project:read', byId: true },
  { method: 'PUT', path: (p) => `${API}/projects/${p}/reports/2026-09`, permission: 'projects:investment:report', body: { plannedInvestment: 9, completedInvestment: 9 }, byId: true, write: true },
  { method: 'GET', path: (p) => `${API}/projects/${p}/reports`, permission: 'projects:investment:read', byId: true },
  { method: 'GET', path: () => `${API}/monthly-reports/2026-10`, permission: 'projects:investment:read' },
  { method: 'GET', path: () => `${API}/monthly-reports/2026-10/export`, permission: 'projects:project:export' },
  { method: 'POST', path: () => `${API}/monthly-reports/import`, permission: 'projects:investment:report', write: true },
  { method: 'GET', path: () => `${API}/projects/export`, permission: 'projects:project:export' },
  { method: 'GET', path: () => `${API}/projects/import-template`, permission: 'projects:project:import' },
  { method: 'POST', path: () => `${API}/projects/import`, permission: 'projects:project:import', write: true },
  { method: 'GET', path: () => `${API}/blockers`, permission: 'projects:blocker:read' },
  { method: 'POST', path: (p) => `${API}/projects/${p}/blockers`, permission: 'projects:blocker:create', body: { title: '注入问题' }, byId: true, write: true },
  { method: 'GET', path: (_, b) => `${API}/blockers/${b}`, permission: 'projects:blocker:read', byId: true },
  { method: 'PATCH', path: (_, b) => `${API}/blockers/${b}`, permission: 'projects:blocker:update', body: { title: '篡改' }, byId: true, write: true },
  { method: 'POST', path: (_, b) => `${API}/blockers/${b}/notes`, permission: 'projects:blocker:update', body: { note: '注入' }, byId: true, write: true },
  { method: 'POST', path: (_, b) => `${API}/blockers/${b}/close`, permission: 'projects:blocker:close', body: { closureNote: '篡改' }, byId: true, write: true },
  { method: 'GET', path: () => `${API}/statistics`, permission: 'projects:stats:read' },
  { method: 'GET', path: () => `${API}/batches`, permission: 'projects:batch:read' },
  { method: 'GET', path: () => `${API}/departments`, permission: 'projects:project:read' },
];

const TABLES = ['projects.projects', 'projects.investment_reports', 'projects.stage_history', 'projects.blockers', 'projects.blocker_notes', 'audit.operation_log'];
const send = (e: Endpoint, slug: string, token: string | undefined, project = alphaProject, blocker = bravoBlocker) =>
  h.call(slug, e.path(project, blocker), {
    method: e.method,
    ...(token ? { token } : {}),
    ...(e.body !== undefined ? { body: e.body } : {}),
    headers: { 'if-match': '1' },
  });

describe.each(endpoints.map((e) => [`${e.method} ${e.path(':id', ':id')}`, e] as const))('%s', (_, e) => {
  it('refuses a request without a valid token (401) and writes nothing', async () => {
    const before = await rowCounts(h.db.pglite, TABLES);
    await expectProblem(await send(e, 'alpha', undefined), 401);
    for (const [kind, token] of Object.entries(await badTokens(h.fx.a))) {
      expect((await send(e, 'alpha', token)).status, kind).toBe(401);
    }
    expect(await rowCounts(h.db.pglite, TABLES)).toEqual(before);
  });

  it('refuses bravo’s token on alpha’s host (403) and a host naming no tenant (404)', async () => {
    const problem = await expectProblem(await send(e, 'alpha', bravoClerk), 403);
    expect(problem.type).toContain('tenant-mismatch');
    await expectProblem(await send(e, null as unknown as string, alphaClerk), 404);
  });

  it(`refuses a role without ${e.permission} (403)`, async () => {
    const without = await h.token(h.fx.a, { perms: h.fx.a.users.clerk.permissions.filter((p) => p !== e.permission) });
    expect((await expectProblem(await send(e, 'alpha', without), 403)).type).toContain('forbidden');
    // The city's supervisors hold no projects permission at all.
    await expectProblem(await send(e, 'city', await h.token(h.fx.city)), 403);
    if (e.write) await expectProblem(await send(e, 'alpha', await h.token(h.fx.a, {}, 'admin')), 403);
  });

  if (e.byId) {
    it('answers 404 for bravo’s ids on alpha’s host, leaking and writing nothing', async () => {
      const before = await rowCounts(h.db.pglite, TABLES);
      const res = await send(e, 'alpha', alphaClerk, bravoProject, bravoBlocker);
      const problem = await expectProblem(res, 404);
      expect(JSON.stringify(problem)).not.toMatch(/乙区绝密/);
      expect(await rowCounts(h.db.pglite, TABLES)).toEqual(before);
    });
  }
});

describe('the OpenAPI document', () => {
  it('documents every endpoint', async () => {
    const doc = (await (await h.call('alpha', '/api/projects/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    for (const e of endpoints) {
      const path = e.path('{id}', '{id}').replace('/2026-09', '/{month}').replace('/2026-10', '/{month}');
      expect(doc.paths[path]?.[e.method.toLowerCase()], `${e.method} ${path}`).toBeDefined();
    }
  });
});

describe('bravo’s data stays out of alpha’s lists and figures', () => {
  it('in the ledger, blockers, monthly report, statistics and export', async () => {
    const bodies = await Promise.all(
      ['/projects', '/blockers', '/monthly-reports/2026-10', '/statistics', '/batches'].map(async (p) => (await h.call('alpha', `${API}${p}`, { token: alphaClerk })).text()),
    );
    for (const body of bodies) expect(body).not.toMatch(/乙区绝密/);
    const xlsx = new Uint8Array(await (await h.call('alpha', `${API}/projects/export`, { token: alphaClerk })).arrayBuffer());
    const { readFirstSheet } = await import('@yingshang/service-kit/xlsx');
    expect(JSON.stringify(await readFirstSheet(xlsx))).not.toMatch(/乙区绝密/);
  });
});
