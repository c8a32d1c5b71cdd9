import { PGlite } from '@electric-sql/pglite';
import { PROJECT_STAGES } from '@yingshang/contracts';
import { migratePglite } from '@yingshang/db/migrate';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICT_TENANTS, buildDemoProjects, buildDemoRows, seed } from '../src/index.ts';

const TODAY = '2026-11-26';
const client = new PGlite();
beforeAll(async () => {
  await migratePglite(client);
  await seed(drizzle({ client }), { today: TODAY });
});
afterAll(() => client.close());
const q = async <T>(sql: string) => (await client.query<T>(sql)).rows;

describe('demo projects', () => {
  it('gives every district 20–40 projects of 1 亿 to 100 亿, across categories and stages', async () => {
    const rows = await q<{ tenant_id: string; n: number; lo: string; hi: string; categories: number; stages: number }>(`
      select tenant_id, count(*)::int as n, min(total_investment)::text as lo, max(total_investment)::text as hi,
             count(distinct category)::int as categories, count(distinct stage)::int as stages
      from projects.projects group by tenant_id`);
    expect(rows).toHaveLength(DISTRICT_TENANTS.length);
    for (const r of rows) {
      expect(r.n).toBeGreaterThanOrEqual(20);
      expect(r.n).toBeLessThanOrEqual(40);
      expect(Number(r.lo)).toBeGreaterThanOrEqual(10_000);
      expect(Number(r.hi)).toBeLessThanOrEqual(1_000_000);
      expect(r.categories).toBeGreaterThanOrEqual(4);
      expect(r.stages).toBeGreaterThanOrEqual(4);
    }
    const [codes] = await q<{ n: number; distinct: number }>(`select count(*)::int as n, count(distinct (tenant_id, code))::int as distinct from projects.projects`);
    expect(codes!.distinct).toBe(codes!.n);
  });

  it('keeps stage histories consistent with the stage: in order, dated in order, none in the future', async () => {
    const bad = await q(`
      select p.code from projects.projects p
      where p.stage <> (select h.to_stage from projects.stage_history h where h.project_id = p.id order by h.moved_on desc, h.to_stage desc limit 1)
         or p.stage_date <> (select max(h.moved_on) from projects.stage_history h where h.project_id = p.id)
         or p.stage_date > '${TODAY}'
         or (select count(*) from projects.stage_history h where h.project_id = p.id) <> array_position(enum_range(null::projects.project_stage), p.stage)
         or exists (select 1 from projects.stage_history a join projects.stage_history b on a.project_id = b.project_id
                    where a.project_id = p.id and a.to_stage < b.to_stage and a.moved_on >= b.moved_on)
         or (p.stage >= 'signed') <> (p.actual_sign_date is not null)
         or (p.stage >= 'started') <> (p.actual_start_date is not null)
         or (p.stage >= 'producing') <> (p.actual_production_date is not null)
         or p.planned_start_date < p.planned_sign_date or p.planned_production_date < p.planned_start_date`);
    expect(bad).toEqual([]);
    const batches = await q<{ b: string }>(`select start_batch as b from projects.projects where start_batch is not null`);
    expect(batches.length).toBeGreaterThan(0);
    expect(batches.every((r) => /^\d{4}Q[1-4]$/.test(r.b))).toBe(true);
    expect(PROJECT_STAGES).toHaveLength(7);
  });

  it('reports the last 18 months up to the reporting month, within the total investment', async () => {
    const [span] = await q<{ first: string; last: string }>(`select to_char(min(month), 'YYYY-MM') as first, to_char(max(month), 'YYYY-MM') as last from projects.investment_reports`);
    expect(span).toEqual({ first: '2025-05', last: '2026-10' });
    expect(await q(`select project_id from projects.investment_reports r join projects.projects p on p.id = r.project_id
                    group by project_id, p.total_investment having sum(completed_investment) > p.total_investment`)).toEqual([]);
    expect(await q(`select 1 from projects.investment_reports r join projects.projects p on p.id = r.project_id where p.actual_start_date is null`)).toEqual([]);
  });

  it('has projects behind 序时进度, some not yet reported for the latest month, and open and closed blockers', async () => {
    const perTenant = await q<{ tenant_id: string; behind: number; unreported: number }>(`
      select p.tenant_id,
        count(*) filter (where projects.schedule_status(
          (select coalesce(sum(r.completed_investment), 0) from projects.investment_reports r where r.project_id = p.id and r.month between '2026-01-01' and '2026-10-01'),
          (select a.planned_investment from projects.annual_plans a where a.project_id = p.id and a.year = 2026), 10) = 'behind')::int as behind,
        count(*) filter (where p.stage in ('started', 'constructing')
          and not exists (select 1 from projects.investment_reports r where r.project_id = p.id and r.month = '2026-10-01'))::int as unreported
      from projects.projects p group by p.tenant_id`);
    expect(perTenant.filter((t) => t.behind > 0).length).toBeGreaterThanOrEqual(12);
    expect(perTenant.reduce((n, t) => n + t.unreported, 0)).toBeGreaterThan(10);
    const [blockers] = await q<{ open: number; closed: number; overdue: number }>(`
      select count(*) filter (where status = 'open')::int as open, count(*) filter (where status = 'closed')::int as closed,
             count(*) filter (where status = 'open' and deadline < '${TODAY}')::int as overdue from projects.blockers`);
    expect(blockers!.open).toBeGreaterThan(20);
    expect(blockers!.closed).toBeGreaterThan(10);
    expect(blockers!.overdue).toBeGreaterThan(5);
  });

  it('is the same ledger every time for the same day', () => {
    const rows = buildDemoRows('x');
    const strip = (r: ReturnType<typeof buildDemoProjects>) => r.projects.map(({ id: _id, tenantId: _t, departmentId: _d, createdBy: _c, ...rest }) => rest);
    const a = buildDemoProjects({ today: TODAY, departments: rows.departments, users: rows.users });
    const b = buildDemoProjects({ today: TODAY, departments: rows.departments, users: rows.users });
    expect(strip(a)).toEqual(strip(b));
    expect(a.reports.map((r) => r.completedInvestment)).toEqual(b.reports.map((r) => r.completedInvestment));
  });
});
