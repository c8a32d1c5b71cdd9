import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { superviseAll } from '../src/domain/overdue.ts';
import { API, type Harness, body, harness, newEnterprise } from './setup.ts';

// The overdue supervisor (Cron Trigger) and the read contract for assessments (enterprise.tenant_month_figures_v).
type Json = Record<string, unknown> & { id: string };
let h: Harness;
const ids: Record<'alpha' | 'bravo', string[]> = { alpha: [], bravo: [] };

async function as<T>(role: string, tenant: string | null, query: string): Promise<T[]> {
  return h.db.pglite.transaction(async (tx) => {
    await tx.query(`set local role ${role}`);
    if (tenant) await tx.query(`select set_config('app.tenant_id', $1, true)`, [tenant]);
    return (await tx.query<T>(query)).rows;
  });
}

beforeAll(async () => {
  h = await harness();
  h.setToday('2026-11-02');
  for (const [tenant, slug] of [[h.fx.a, 'alpha'], [h.fx.b, 'bravo']] as const) {
    const token = await h.token(tenant, 'service');
    const e = await body<Json>(await h.call(slug, `${API}/enterprises`, { token, body: newEnterprise() }));
    const user = await h.enterpriseUser(tenant, e.id);
    for (let i = 0; i < 3; i++) {
      const a = await body<Json>(await h.call(slug, `${API}/appeals`, { token: user.token, body: { category: 'utilities', title: `停电${i}`, description: '线路老化' } }));
      ids[slug].push(a.id);
      await h.call(slug, `${API}/appeals/${a.id}/assign`, { token, body: { assignedUnit: '供电公司' } }); // due 2026-11-11
      await h.call(slug, `${API}/appeals/${a.id}/accept`, { token, body: {} });
    }
    // One closes on time in November: resolved 11-05, rated, followed up, closed.
    const done = ids[slug][2]!;
    h.setToday('2026-11-05');
    await h.call(slug, `${API}/appeals/${done}/report-resolution`, { token, body: { resolution: '已更换线路', solved: true } });
    await h.call(slug, `${API}/appeals/${done}/follow-up`, { token, body: { method: 'visit' } });
    await h.call(slug, `${API}/appeals/${done}/rate`, { token: user.token, body: { rating: 'very_satisfied' } });
    await h.call(slug, `${API}/appeals/${done}/close`, { token, body: {} });
    await h.call(slug, `${API}/visits`, { token, body: { enterpriseId: e.id, notes: '回访' } });
    h.setToday('2026-11-02');
  }
});
afterAll(() => h.db.close());

const events = async (id: string) =>
  (await h.db.pglite.query<{ kind: string }>(`select kind from enterprise.appeal_events where appeal_id = $1 order by at`, [id])).rows.map((r) => r.kind);

describe('overdue supervision', () => {
  it('does nothing before the deadline', async () => {
    expect(await superviseAll(h.db.owner, '2026-11-11')).toMatchObject({ flagged: 0, escalated: 0, failures: [] });
  });

  it('flags every tenant’s appeals past the deadline once, escalates after 3 working days, and is idempotent', async () => {
    const first = await superviseAll(h.db.owner, '2026-11-12');
    expect(first).toMatchObject({ flagged: 4, escalated: 0, failures: [] });
    // Only active tenants: the suspended one is never opened.
    expect(first.tenants).toBe(3);
    const again = await superviseAll(h.db.owner, '2026-11-12');
    expect(again).toMatchObject({ flagged: 0, escalated: 0 });
    expect(await events(ids.alpha[0]!)).toEqual(['register', 'assign', 'accept', 'overdue']);
    const later = await superviseAll(h.db.owner, '2026-11-16');
    expect(later).toMatchObject({ flagged: 0, escalated: 4 });
    expect(await superviseAll(h.db.owner, '2026-11-16')).toMatchObject({ flagged: 0, escalated: 0 });
    expect(await events(ids.bravo[1]!)).toEqual(['register', 'assign', 'accept', 'overdue', 'auto_escalate']);
    // Closed appeals are left alone.
    expect(await events(ids.alpha[2]!)).not.toContain('overdue');
    const token = await h.token(h.fx.a, 'service');
    h.setToday('2026-11-16');
    const a = await body<{ overdue: boolean; overdueSince: string; escalated: boolean; escalatedTo: string }>(await h.call('alpha', `${API}/appeals/${ids.alpha[0]}`, { token }));
    expect(a).toMatchObject({ overdue: true, overdueSince: '2026-11-12', escalated: true, escalatedTo: 'city_office' });
    const list = await body<{ total: number }>(await h.call('alpha', `${API}/appeals?overdue=true`, { token }));
    expect(list.total).toBe(2);
  });

  it('the timeline is append-only, even for the service role', async () => {
    await expect(as('ys_enterprise', h.fx.a.id, `update enterprise.appeal_events set note = 'x'`)).rejects.toThrow(/permission denied/);
    await expect(as('ys_enterprise', h.fx.a.id, `delete from enterprise.appeal_events`)).rejects.toThrow(/permission denied/);
  });
});

type Figures = Record<string, number | string> & { tenant_id: string; month: string };
const figures = (tenant: string | null) =>
  as<Figures>('ys_assessments', tenant, `select v.*, to_char(v.month, 'YYYY-MM') as month from enterprise.tenant_month_figures_v v order by v.tenant_id, v.month`);

describe('enterprise.tenant_month_figures_v (read contract)', () => {
  it('gives per-tenant, per-month figures', async () => {
    const rows = await figures(h.fx.a.id);
    expect(new Set(rows.map((r) => r.tenant_id))).toEqual(new Set([h.fx.a.id]));
    const nov = rows.find((r) => r.month === '2026-11')!;
    expect(nov).toMatchObject({
      appeals_received: 3,
      appeals_closed: 1,
      appeals_closed_on_time: 1,
      appeals_resolved: 1,
      appeals_rated: 1,
      appeals_satisfied: 1,
      appeals_followed_up: 1,
      appeals_overdue: 2,
      close_workdays_sum: 3,
      enterprises: 1,
      visits: 1,
      benefits_matched: 0,
      benefits_paid: 0,
    });
    expect(Object.keys(nov).sort()).toEqual(
      [
        'tenant_id', 'month', 'appeals_received', 'appeals_closed', 'appeals_closed_on_time', 'appeals_resolved', 'appeals_rated',
        'appeals_satisfied', 'appeals_followed_up', 'appeals_overdue', 'close_workdays_sum', 'enterprises', 'visits', 'benefits_matched', 'benefits_paid',
      ].sort(),
    );
  });

  it('the city sees each of its districts; a district only itself; no tenant, nothing', async () => {
    const city = await figures(h.fx.city.id);
    expect(new Set(city.map((r) => r.tenant_id))).toEqual(new Set([h.fx.a.id, h.fx.b.id, h.fx.suspended.id, h.fx.city.id]));
    expect(new Set((await figures(h.fx.b.id)).map((r) => r.tenant_id))).toEqual(new Set([h.fx.b.id]));
    expect(await figures(null)).toEqual([]);
  });

  it('is assessments’ only: the enterprise role cannot read it, assessments cannot read the tables', async () => {
    await expect(as('ys_enterprise', h.fx.a.id, 'select * from enterprise.tenant_month_figures_v')).rejects.toThrow(/permission denied/);
    await expect(as('ys_assessments', h.fx.a.id, 'select * from enterprise.appeals')).rejects.toThrow(/permission denied/);
  });
});
