import { schema } from '@yingshang/db';
import { uuidv7 } from '@yingshang/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type ProjectBody, type ProjectsHarness, newProject, projectsHarness } from './setup.ts';

// The read contract assessments ranks districts on: projects.tenant_month_figures_v.
let h: ProjectsHarness;
let otherCity: string;
beforeAll(async () => {
  h = await projectsHarness();
  for (const [tenant, slug, amounts] of [
    [h.fx.a, 'alpha', ['1000', '2000']],
    [h.fx.b, 'bravo', ['500.25', '0']],
  ] as const) {
    const token = await h.token(tenant);
    const res = await h.call(slug, `${API}/projects`, {
      token,
      body: newProject({
        stage: 'started', plannedStartDate: '2026-03-01', actualStartDate: '2026-03-10', stageDate: '2026-03-10',
        annualPlans: [{ year: 2026, plannedInvestment: '12000' }],
      }),
    });
    const { id } = (await res.json()) as ProjectBody;
    await h.call(slug, `${API}/projects/${id}/reports/2026-09`, { method: 'PUT', token, body: { plannedInvestment: 1000, completedInvestment: amounts[0] } });
    await h.call(slug, `${API}/projects/${id}/reports/2026-10`, { method: 'PUT', token, body: { plannedInvestment: 1500, completedInvestment: amounts[1] } });
  }
  otherCity = uuidv7();
  await h.db.owner.insert(schema.tenants).values({ id: otherCity, cityId: otherCity, kind: 'city', divisionCode: '419800', name: '别市', shortName: '别市', slug: 'other', status: 'active' });
});
afterAll(() => h.db.close());

async function as<T>(role: string, tenant: string | null, query: string): Promise<T[]> {
  return h.db.pglite.transaction(async (tx) => {
    await tx.query(`set local role ${role}`);
    if (tenant) await tx.query(`select set_config('app.tenant_id', $1, true)`, [tenant]);
    return (await tx.query<T>(query)).rows;
  });
}

type Figures = Record<string, unknown> & { tenant_id: string; month: string };
const figures = (tenant: string | null) =>
  as<Figures>('ys_assessments', tenant, `select v.*, to_char(v.month, 'YYYY-MM') as month from projects.tenant_month_figures_v v order by v.tenant_id, v.month`);

describe('projects.tenant_month_figures_v', () => {
  it('gives per-tenant, per-month figures summed from the reports', async () => {
    const rows = await figures(h.fx.a.id);
    expect(new Set(rows.map((r) => r.tenant_id))).toEqual(new Set([h.fx.a.id]));
    const oct = rows.find((r) => r.month === '2026-10')!;
    expect(oct).toMatchObject({
      year: 2026,
      month_number: 10,
      time_benchmark: '0.8333',
      planned_investment: '1500.00',
      completed_investment: '2000.00',
      ytd_completed_investment: '3000.00',
      annual_planned_investment: '12000.00',
      completion_rate: '0.2500',
      projects_count: 1,
      started_count: 1,
      planned_to_start_count: 1,
      started_of_planned_count: 1,
      in_production_count: 0,
      reported_count: 1,
      behind_schedule_count: 1,
    });
    expect(rows.find((r) => r.month === '2026-09')).toMatchObject({ completed_investment: '1000.00', ytd_completed_investment: '1000.00' });
  });

  it('lets the city read each of its districts, and a district only itself', async () => {
    const city = await figures(h.fx.city.id);
    const tenants = new Set(city.map((r) => r.tenant_id));
    expect(tenants.has(h.fx.a.id) && tenants.has(h.fx.b.id) && tenants.has(h.fx.suspended.id)).toBe(true);
    expect(city.find((r) => r.tenant_id === h.fx.b.id && r.month === '2026-10')).toMatchObject({ ytd_completed_investment: '500.25' });
    expect(new Set((await figures(h.fx.b.id)).map((r) => r.tenant_id))).toEqual(new Set([h.fx.b.id]));
    // Another city sees none of this city's districts; no tenant at all sees nothing.
    expect(new Set((await figures(otherCity)).map((r) => r.tenant_id))).toEqual(new Set([otherCity]));
    expect(await figures(null)).toEqual([]);
  });

  it('is the only thing assessments may read in the projects schema, and only assessments may read it', async () => {
    for (const table of ['projects.projects', 'projects.investment_reports', 'projects.annual_plans', 'projects.stage_history', 'projects.blockers']) {
      await expect(as('ys_assessments', h.fx.a.id, `select 1 from ${table}`), table).rejects.toThrow(/permission denied/);
    }
    for (const role of ['ys_projects', 'ys_enterprise', 'ys_identity']) {
      await expect(as(role, h.fx.a.id, 'select 1 from projects.tenant_month_figures_v'), role).rejects.toThrow(/permission denied/);
    }
    await expect(as('ys_assessments', h.fx.a.id, `insert into projects.projects (tenant_id, id) values ('${h.fx.a.id}', gen_random_uuid())`)).rejects.toThrow(
      /permission denied/,
    );
  });
});

describe('identity.department_tree_v', () => {
  it('publishes the current tenant’s tree with ancestor paths to the projects role, and nothing else', async () => {
    const rows = await as<{ code: string; path: string[] }>('ys_projects', h.fx.a.id, 'select code, path from identity.department_tree_v order by cardinality(path), code');
    expect(rows.map((r) => `${r.code}:${r.path.length}`)).toEqual(['office:1', 'fgw:2', 'gxj:2', 'fgw-xm:3']);
    expect(rows.find((r) => r.code === 'fgw-xm')!.path).toEqual([h.depts.office, h.depts.fgw, h.depts.fgwSub]);
    expect((await as('ys_projects', h.fx.b.id, 'select * from identity.department_tree_v')).length).toBe(1);
    expect(await as('ys_projects', null, 'select * from identity.department_tree_v')).toEqual([]);
    await expect(as('ys_projects', h.fx.a.id, 'select 1 from identity.departments')).rejects.toThrow(/permission denied/);
    await expect(as('ys_assessments', h.fx.a.id, 'select 1 from identity.department_tree_v')).rejects.toThrow(/permission denied/);
  });
});
