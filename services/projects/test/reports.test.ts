import { expectProblem, rowCounts } from '@yingshang/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../src/domain/time.ts';
import { API, type ProjectBody, type ProjectsHarness, newProject, projectsHarness } from './setup.ts';

let h: ProjectsHarness;
let token: string;
beforeAll(async () => {
  h = await projectsHarness();
  token = await h.token(h.fx.a);
});
afterAll(() => h.db.close());

const register = async (extra: Record<string, unknown> = {}) => {
  const res = await h.call('alpha', `${API}/projects`, {
    token,
    body: newProject({ stage: 'started', actualStartDate: '2022-01-10', stageDate: '2022-01-10', ...extra }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as ProjectBody;
};
const put = (id: string, month: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  h.call('alpha', `${API}/projects/${id}/reports/${month}`, { method: 'PUT', token, body, headers });
const counts = () => rowCounts(h.db.pglite, ['projects.investment_reports', 'audit.operation_log']);

describe('PUT /projects/{id}/reports/{month}', () => {
  it('files a report once: the same report twice is one row, unchanged version, one audit entry', async () => {
    const p = await register({ annualPlans: [{ year: 2026, plannedInvestment: 12000 }] });
    const body = { plannedInvestment: '1000', completedInvestment: 800.5, progress: '主体结构封顶', photos: ['https://img.example/1.jpg'] };
    const before = await counts();
    const first = await put(p.id, '2026-10', body);
    expect(first.status).toBe(201);
    const filed = (await first.json()) as Record<string, unknown>;
    expect(filed).toMatchObject({ month: '2026-10', plannedInvestment: '1000.00', completedInvestment: '800.50', version: 1, created: true, warnings: [] });
    expect(filed.progressAfter).toMatchObject({ ytdCompleted: '800.50', annualPlan: '12000.00', status: 'behind' });
    const again = await put(p.id, '2026-10', body);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: filed.id, version: 1, created: false });
    const after = await counts();
    expect(after['projects.investment_reports']).toBe(before['projects.investment_reports']! + 1);
    expect(after['audit.operation_log']).toBe(before['audit.operation_log']! + 1);
    const changed = await put(p.id, '2026-10', { ...body, completedInvestment: '900' });
    expect(await changed.json()).toMatchObject({ id: filed.id, version: 2, completedInvestment: '900.00' });
  });

  it('honours If-Match when sent: a report changed since is not overwritten', async () => {
    const p = await register();
    await put(p.id, '2026-09', { plannedInvestment: 1, completedInvestment: 1 });
    await put(p.id, '2026-09', { plannedInvestment: 1, completedInvestment: 2 });
    const stale = await expectProblem(await put(p.id, '2026-09', { plannedInvestment: 1, completedInvestment: 3 }, { 'if-match': '"1"' }), 412);
    expect(stale.currentVersion).toBe(2);
    expect((await put(p.id, '2026-09', { plannedInvestment: 1, completedInvestment: 3 }, { 'if-match': '"2"' })).status).toBe(200);
    await expectProblem(await put(p.id, '2026-08', { plannedInvestment: 1, completedInvestment: 3 }, { 'if-match': '"1"' }), 412);
  });

  it('sums 50 concurrent reports of different months exactly', async () => {
    const p = await register({ totalInvestment: '9999999.99' });
    const months = Array.from({ length: 50 }, (_, i) => addMonths('2022-09', i));
    expect(months.at(-1)).toBe('2026-10');
    const amounts = months.map((_, i) => `${1000 + i * 37}.${String((i * 7) % 100).padStart(2, '0')}`);
    const results = await Promise.all(months.map((m, i) => put(p.id, m, { plannedInvestment: '1000.01', completedInvestment: amounts[i] })));
    expect(results.map((r) => r.status)).toEqual(months.map(() => 201));
    const expectedCents = amounts.reduce((sum, a) => sum + BigInt(a.replace('.', '')), 0n);
    const expected = `${expectedCents / 100n}.${String(expectedCents % 100n).padStart(2, '0')}`;
    const { rows } = await h.db.pglite.query<{ n: number; total: string }>(
      `select count(*)::int as n, sum(completed_investment)::text as total from projects.investment_reports where project_id = $1`,
      [p.id],
    );
    expect(rows[0]).toEqual({ n: 50, total: expected });
    const list = await h.call('alpha', `${API}/projects/${p.id}/reports`, { token });
    const body = (await list.json()) as { items: { month: string }[]; progress: { sinceStartCompleted: string } };
    expect(body.items.map((r) => r.month)).toEqual(months);
    expect(body.progress.sinceStartCompleted).toBe(expected);
  });

  it('refuses a future month, bad amounts and unknown fields, naming the field and writing nothing', async () => {
    const p = await register();
    const before = await counts();
    const future = await expectProblem(await put(p.id, '2026-12', { plannedInvestment: 1, completedInvestment: 1 }), 400);
    expect(future.errors).toEqual([{ field: 'param.month', message: expect.stringContaining('未来') }]);
    const bad = await expectProblem(await put(p.id, '2026-10', { plannedInvestment: '-1', completedInvestment: '1.234', extra: 1 }), 400);
    expect((bad.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['json', 'json.completedInvestment', 'json.plannedInvestment']);
    await expectProblem(await put(p.id, '2026-13', { plannedInvestment: 1, completedInvestment: 1 }), 400);
    expect(await counts()).toEqual(before);
  });

  it('asks for confirmation past the total investment, then saves with a warning', async () => {
    const p = await register({ totalInvestment: '1000.00' });
    await put(p.id, '2026-08', { plannedInvestment: 600, completedInvestment: 600 });
    const before = await counts();
    const problem = await expectProblem(await put(p.id, '2026-09', { plannedInvestment: 500, completedInvestment: 500 }), 422);
    expect(problem.type).toContain('needs-confirmation');
    expect(problem.errors).toEqual([{ field: 'json.completedInvestment', message: expect.stringContaining('1100.00') }]);
    expect(await counts()).toEqual(before);
    const confirmed = await put(p.id, '2026-09', { plannedInvestment: 500, completedInvestment: 500, confirmExceedsTotal: true });
    expect(confirmed.status).toBe(201);
    expect(((await confirmed.json()) as { warnings: unknown[] }).warnings).toHaveLength(1);
  });
});

describe('GET /monthly-reports/{month}', () => {
  it('lists every project in scope for the month, reported or not, with totals summed exactly', async () => {
    const h2 = await projectsHarness();
    try {
      const t = await h2.token(h2.fx.b);
      const mk = async (code: string, plan: string) => {
        const res = await h2.call('bravo', `${API}/projects`, {
          token: t,
          body: newProject({ code, stage: 'started', actualStartDate: '2026-01-05', stageDate: '2026-01-05', annualPlans: [{ year: 2026, plannedInvestment: plan }] }),
        });
        return ((await res.json()) as ProjectBody).id;
      };
      const a = await mk('M-a', '1200.00');
      const b = await mk('M-b', '2400.10');
      await h2.call('bravo', `${API}/projects/${a}/reports/2026-09`, { method: 'PUT', token: t, body: { plannedInvestment: 100, completedInvestment: 100.1 } });
      await h2.call('bravo', `${API}/projects/${a}/reports/2026-10`, { method: 'PUT', token: t, body: { plannedInvestment: 100, completedInvestment: 0.2 } });
      expect(b).toBeDefined();
      const res = await h2.call('bravo', `${API}/monthly-reports/2026-10`, { token: t });
      expect(res.status).toBe(200);
      const report = (await res.json()) as { items: { code: string; reported: boolean; ytdCompleted: string }[]; totals: Record<string, unknown>; timeBenchmark: number };
      expect(report.timeBenchmark).toBe(0.8333);
      expect(report.items.map((i) => [i.code, i.reported, i.ytdCompleted])).toEqual([
        ['M-a', true, '100.30'],
        ['M-b', false, '0.00'],
      ]);
      expect(report.totals).toMatchObject({ projects: 2, reported: 1, completedInvestment: '0.20', ytdCompleted: '100.30', annualPlan: '3600.10' });
      await expectProblem(await h2.call('bravo', `${API}/monthly-reports/2027-01`, { token: t }), 400);
    } finally {
      await h2.db.close();
    }
  });
});
