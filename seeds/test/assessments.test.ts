import { PGlite } from '@electric-sql/pglite';
import { migratePglite } from '@yingshang/db/migrate';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeRanking, type RankingInputs } from '../../services/assessments/src/domain/ranking.ts';
import { DISTRICT_TENANTS, TENANTS, buildDemoAssessments, seed } from '../src/index.ts';

const TODAY = '2026-11-26';
const client = new PGlite();
beforeAll(async () => {
  await migratePglite(client);
  await seed(drizzle({ client }), { today: TODAY });
});
afterAll(() => client.close());
const q = async <T>(sql: string) => (await client.query<T>(sql)).rows;
const jinshui = TENANTS.find((t) => t.slug === 'jinshui')!.id;

describe('demo assessments', () => {
  it('is deterministic', () => {
    expect(JSON.stringify(buildDemoAssessments({ today: TODAY }))).toBe(JSON.stringify(buildDemoAssessments({ today: TODAY })));
  });

  it('has the indicator catalogue across the five dimensions and two years of periods', async () => {
    const dims = await q<{ dimension: string }>(`select distinct dimension::text as dimension from assessments.indicators order by 1`);
    expect(dims.map((d) => d.dimension)).toEqual(['enterprise', 'environment', 'observation', 'projects', 'supervision']);
    const kinds = await q<{ kind: string; n: number }>(`select kind::text as kind, count(*)::int as n from assessments.periods group by kind order by kind`);
    expect(kinds).toEqual([{ kind: 'half', n: 4 }, { kind: 'month', n: 24 }, { kind: 'quarter', n: 8 }, { kind: 'year', n: 2 }]);
  });

  it('publishes every quarter that has ended and keeps a draft for the current one', async () => {
    const rows = await q<{ code: string; status: string }>(`select p.code, r.status::text as status from assessments.rankings r join assessments.periods p on p.id = r.period_id order by p.code`);
    expect(rows.at(-1)).toEqual({ code: '2026Q4', status: 'draft' });
    expect(rows.slice(0, -1).every((r) => r.status === 'published')).toBe(true);
    expect(rows.map((r) => r.code)).toContain('2026Q3');
  });

  it('gives 金水区 a rank in 2026Q3 and the change since 2026Q2', async () => {
    const [row] = await q<{ result: { result: { entries: { tenantId: string; rank: number; previousRank: number | null; change: number | null }[] } } }>(
      `select r.result from assessments.rankings r join assessments.periods p on p.id = r.period_id where p.code = '2026Q3'`,
    );
    const line = row!.result.result.entries.find((e) => e.tenantId === jinshui)!;
    expect(line.rank).toBeGreaterThanOrEqual(1);
    expect(line.previousRank).not.toBeNull();
    expect(line.change).toBe(line.previousRank! - line.rank);
    expect(row!.result.result.entries).toHaveLength(DISTRICT_TENANTS.length);
  });

  it('stores rankings that recompute to the same numbers from their snapshots', async () => {
    const rows = await q<{ snapshot: { inputs: RankingInputs }; result: unknown }>(`select snapshot, result from assessments.rankings`);
    for (const r of rows) expect(computeRanking(r.snapshot.inputs)).toEqual(r.result);
  });

  it('has the June 2026 tour with five scorers’ sheets for every district, none above the maximum', async () => {
    const [tour] = await q<{ id: string; status: string }>(`select id, status::text as status from assessments.tours where starts_on = '2026-06-09'`);
    expect(tour!.status).toBe('closed');
    const [sheets] = await q<{ n: number }>(`select count(*)::int as n from assessments.tour_scores where tour_id = '${tour!.id}'`);
    expect(sheets!.n).toBe(5 * DISTRICT_TENANTS.length);
    const over = await q(`select 1 from assessments.tour_scores where total > 100`);
    expect(over).toEqual([]);
  });

  it('assigns the four supervision campaigns to every district, some done, some overdue', async () => {
    const rows = await q<{ title: string; n: number; done: number; overdue: number }>(`
      select title, count(*)::int as n, count(*) filter (where status = 'done')::int as done,
             count(*) filter (where status <> 'done' and deadline < '${TODAY}')::int as overdue
      from assessments.supervision_tasks group by title order by title`);
    expect(rows.map((r) => r.title).sort()).toEqual(['城市有机更新', '安置房建设提速', '安置房网签攻坚', '房地产项目复工复产'].sort());
    expect(rows.every((r) => r.n === DISTRICT_TENANTS.length)).toBe(true);
    expect(rows.reduce((a, r) => a + r.done, 0)).toBeGreaterThan(0);
    expect(rows.reduce((a, r) => a + r.overdue, 0)).toBeGreaterThan(0);
  });
});
