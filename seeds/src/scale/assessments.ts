import { schema } from '@yingshang/db';
import { sql } from 'drizzle-orm';
import { buildDemoAssessments } from '../assessments.ts';
import type { SeedDatabase } from '../index.ts';
import { CITY_TENANT_ID } from '../tenants-data.ts';
import { rng } from './rng.ts';

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * The assessments side of the scale data, for a database first seeded before the module existed: the demo
 * catalogue, periods of 2025–2026, weights and rankings (as the ordinary seed writes them), then a third year
 * (2024: months, quarters, halves, the year) with each quarter weighted like the same quarter of 2025. Rankings
 * of the 2024 quarters are computed by the service itself (the benchmark times that). Returns the 2024 quarters'
 * period ids.
 */
/** Both drivers answer raw SQL with `{ rows }`; drizzle's generic database type cannot say so. */
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

export async function ensureAssessments(db: SeedDatabase, opts: { today: string; seed: number }): Promise<string[]> {
  return db.transaction(async (tx) => {
    const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from assessments.indicators`));
    if (n === 0) {
      const demo = buildDemoAssessments({ today: opts.today });
      const insert = async (table: Parameters<SeedDatabase['insert']>[0], rows: unknown[]) => {
        for (let i = 0; i < rows.length; i += 500) await tx.insert(table).values(rows.slice(i, i + 500) as never);
      };
      await insert(schema.indicators, demo.indicators);
      await insert(schema.periods, demo.periods);
      await insert(schema.weightSets, demo.weightSets);
      await insert(schema.indicatorValues, demo.values);
      await insert(schema.targets, demo.targets);
      await insert(schema.tours, demo.tours);
      await insert(schema.tourSites, demo.tourSites);
      await insert(schema.tourScores, demo.tourScores);
      await insert(schema.supervisionTasks, demo.tasks);
      await insert(schema.supervisionReports, demo.reports);
      await insert(schema.rankings, demo.rankings);
    }
    const r = rng(opts.seed, 'assessments:2024');
    const quarters: string[] = [];
    const periods: { code: string; kind: string; name: string; startsOn: string; endsOn: string }[] = [];
    const y = 2024;
    for (let m = 1; m <= 12; m++) periods.push({ code: `${y}-${pad(m)}`, kind: 'month', name: `${y}年${m}月`, startsOn: `${y}-${pad(m)}-01`, endsOn: `${y}-${pad(m)}-${pad(lastDay(y, m))}` });
    for (let q = 1; q <= 4; q++) periods.push({ code: `${y}Q${q}`, kind: 'quarter', name: `${y}年第${'一二三四'[q - 1]}季度`, startsOn: `${y}-${pad(q * 3 - 2)}-01`, endsOn: `${y}-${pad(q * 3)}-${pad(lastDay(y, q * 3))}` });
    periods.push({ code: `${y}H1`, kind: 'half', name: `${y}年上半年`, startsOn: `${y}-01-01`, endsOn: `${y}-06-30` });
    periods.push({ code: `${y}H2`, kind: 'half', name: `${y}年下半年`, startsOn: `${y}-07-01`, endsOn: `${y}-12-31` });
    periods.push({ code: `${y}`, kind: 'year', name: `${y}年度`, startsOn: `${y}-01-01`, endsOn: `${y}-12-31` });
    for (const p of periods) {
      const id = r.uuidv7(Date.parse(`${p.startsOn}T00:00:00Z`));
      const inserted = rowsOf<{ id: string }>(
        await tx.execute(sql`insert into assessments.periods (tenant_id, id, kind, code, name, starts_on, ends_on, status)
          values (${CITY_TENANT_ID}::uuid, ${id}::uuid, ${p.kind}::assessments.period_kind, ${p.code}, ${p.name}, ${p.startsOn}::date, ${p.endsOn}::date, 'closed')
          on conflict do nothing returning id`),
      );
      const [row] = rowsOf<{ id: string }>(await tx.execute(sql`select id from assessments.periods where tenant_id = ${CITY_TENANT_ID}::uuid and code = ${p.code}`));
      if (p.kind !== 'quarter' || !row) continue;
      quarters.push(row.id);
      if (inserted.length > 0) {
        await tx.execute(sql`insert into assessments.weight_sets (tenant_id, period_id, formula_version, normalisation, missing_policy, weight_total, red_list_size, black_list_size, items)
          select w.tenant_id, ${row.id}::uuid, w.formula_version, w.normalisation, w.missing_policy, w.weight_total, w.red_list_size, w.black_list_size, w.items
          from assessments.weight_sets w join assessments.periods p on p.tenant_id = w.tenant_id and p.id = w.period_id
          where w.tenant_id = ${CITY_TENANT_ID}::uuid and p.code = ${`2025${p.code.slice(4)}`}
          on conflict do nothing`);
      }
    }
    return quarters;
  });
}
