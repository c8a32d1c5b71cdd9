import { PGlite } from '@electric-sql/pglite';
import { APPEAL_STATUSES, checkUscc } from '@yingshang/contracts';
import { migratePglite } from '@yingshang/db/migrate';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICT_TENANTS, buildDemoEnterprise, buildDemoRows, seed } from '../src/index.ts';

const TODAY = '2026-11-26';
const client = new PGlite();
beforeAll(async () => {
  await migratePglite(client);
  await seed(drizzle({ client }), { today: TODAY });
});
afterAll(() => client.close());
const q = async <T>(sql: string) => (await client.query<T>(sql)).rows;

describe('demo enterprise service data', () => {
  it('gives every district enterprises with valid USCCs and its qiye user mapped to one of them', async () => {
    const rows = await q<{ tenant_id: string; uscc: string }>(`select tenant_id, uscc from enterprise.enterprises`);
    expect(new Set(rows.map((r) => r.tenant_id)).size).toBe(DISTRICT_TENANTS.length);
    for (const r of rows) expect(checkUscc(r.uscc), r.uscc).toMatchObject({ valid: true, allowlisted: false, warnings: [] });
    const mapped = await q<{ n: number }>(`select count(*)::int as n from enterprise.enterprise_users m join identity.users u on u.tenant_id = m.tenant_id and u.id = m.user_id where u.username = 'qiye'`);
    expect(mapped[0]!.n).toBe(DISTRICT_TENANTS.length);
    const pilots = await q<{ uscc: string }>(`select uscc from enterprise.uscc_allowlist`);
    for (const p of pilots) expect(checkUscc(p.uscc).failed).toBe('check_digit');
  });

  it('has appeals in every state, some overdue and escalated, with timelines that end where the appeal stands', async () => {
    const statuses = await q<{ status: string }>(`select distinct status::text from enterprise.appeals`);
    expect(statuses.map((s) => s.status).sort()).toEqual([...APPEAL_STATUSES].sort());
    const flags = await q<{ overdue: number; escalated: number; pending: number; redo: number }>(`
      select count(*) filter (where overdue)::int as overdue, count(*) filter (where escalated)::int as escalated,
             count(*) filter (where extension_pending)::int as pending, count(*) filter (where redo_count > 0)::int as redo
      from enterprise.appeals`);
    expect(flags[0]!.overdue).toBeGreaterThan(0);
    expect(flags[0]!.escalated).toBeGreaterThan(0);
    expect(flags[0]!.pending).toBeGreaterThan(0);
    expect(flags[0]!.redo).toBeGreaterThan(0);
    const bad = await q(`
      select a.code from enterprise.appeals a
      where (select e.kind from enterprise.appeal_events e where e.appeal_id = a.id order by e.at limit 1) <> 'register'
         or a.status <> (select e.to_status from enterprise.appeal_events e where e.appeal_id = a.id and e.to_status is not null order by e.at desc limit 1)
         or a.registered_on > '${TODAY}' or coalesce(a.closed_on, a.registered_on) > '${TODAY}'
         or (a.overdue and a.deadline >= '${TODAY}')
         or (a.status in ('registered', 'assigned', 'in_progress') and not a.overdue and a.deadline < '${TODAY}' and a.status <> 'in_progress')`);
    expect(bad).toEqual([]);
  });

  it('publishes the 免申即享 batch with explained matches, including quick applications', async () => {
    const policies = await q<{ title: string; n: number }>(`
      select p.title, count(m.id)::int as n from enterprise.policies p left join enterprise.policy_matches m on m.policy_id = p.id and m.tenant_id = p.tenant_id
      where p.status = 'published' group by p.title`);
    expect(policies.map((p) => p.title).sort()).toEqual(['专精特新“小巨人”企业奖励', '专精特新中小企业奖励', '制造业单项冠军奖励', '智能车间、智能工厂奖励'].sort());
    for (const p of policies) expect(p.n, p.title).toBeGreaterThan(0);
    const modes = await q<{ mode: string }>(`select distinct mode::text from enterprise.policy_matches`);
    expect(modes.map((m) => m.mode).sort()).toEqual(['automatic', 'quick_application']);
    const [sample] = await q<{ explanation: { summary: string } }>(`select explanation from enterprise.policy_matches where mode = 'automatic' limit 1`);
    expect(sample!.explanation.summary).toMatch(/^符合：.*✓/);
    const statuses = await q<{ status: string }>(`select distinct status::text from enterprise.policy_matches`);
    expect(statuses).toHaveLength(4);
    expect((await q(`select 1 from enterprise.parks`)).length).toBe(DISTRICT_TENANTS.length * 2);
  });

  it('feeds the read contract for assessments', async () => {
    const rows = await client.transaction(async (tx) => {
      await tx.query('set local role ys_assessments');
      await tx.query(`select set_config('app.tenant_id', $1, true)`, ['0193f1a0-0000-7000-8000-000000410100']);
      return (await tx.query<{ appeals_received: number; appeals_closed: number }>(`select * from enterprise.tenant_month_figures_v`)).rows;
    });
    expect(rows.reduce((s, r) => s + r.appeals_received, 0)).toBe((await q(`select 1 from enterprise.appeals`)).length);
    expect(rows.reduce((s, r) => s + r.appeals_closed, 0)).toBeGreaterThan(0);
  });

  it('is deterministic for a day, and fast', () => {
    const users = buildDemoRows('x').users;
    const started = performance.now();
    const a = buildDemoEnterprise({ today: TODAY, users });
    expect(performance.now() - started).toBeLessThan(2000);
    const b = buildDemoEnterprise({ today: TODAY, users });
    expect(a.enterprises.map((e) => e.uscc)).toEqual(b.enterprises.map((e) => e.uscc));
    expect(a.appeals.map((x) => [x.code, x.status, x.deadline])).toEqual(b.appeals.map((x) => [x.code, x.status, x.deadline]));
  });
});
