import { PGlite } from '@electric-sql/pglite';
import { migratePglite } from '@yingshang/db/migrate';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../src/index.ts';
import { type BaseData, FULL_SCALE, digest, loadScale, pgliteTarget, readBase, scaledSize, split } from '../src/scale/index.ts';

const TODAY = '2026-11-26';
const size = scaledSize(0.002);

let db: PGlite;
let base: BaseData;
beforeAll(async () => {
  db = new PGlite();
  await migratePglite(db);
  await seed(drizzle({ client: db }) as never, { today: TODAY });
  base = await readBase(pgliteTarget(db));
});
afterAll(() => db.close());

describe('scale data', () => {
  it('is the same for the same seed and different for another', () => {
    const a = digest(base, { seed: 7, size, today: TODAY });
    const b = digest(base, { seed: 7, size, today: TODAY });
    const c = digest(base, { seed: 8, size, today: TODAY });
    expect(a.sha256).toBe(b.sha256);
    expect(c.sha256).not.toBe(a.sha256);
  });

  it('has exactly the volumes asked for, the first district a fifth of them', () => {
    const { rows } = digest(base, { seed: 7, size, today: TODAY });
    expect(rows['projects.projects']).toBe(size.projects);
    expect(rows['projects.investment_reports']).toBe(size.reports);
    expect(rows['enterprise.enterprises']).toBe(size.enterprises);
    expect(rows['enterprise.appeals']).toBe(size.appeals);
    expect(rows['enterprise.appeal_events']).toBe(size.events);
    expect(rows['enterprise.policies']).toBe(size.policies);
    expect(split(FULL_SCALE.projects, 16)[0]).toBeGreaterThanOrEqual(10_000);
    expect(split(FULL_SCALE.projects, 16).reduce((a, b) => a + b, 0)).toBe(FULL_SCALE.projects);
  });

  it('loads through the schema and its constraints, and agrees with itself', async () => {
    const report = await loadScale(pgliteTarget(db), { seed: 7, size, today: TODAY, progress: false });
    expect(report.rows['projects.projects']).toBe(size.projects);
    const q = async (text: string) => (await db.query<{ n: number }>(text)).rows[0]!.n;
    // Every appeal's events: as many as the volume says, and a closed appeal's last status event is its closing.
    expect(await q(`select count(*)::int as n from enterprise.appeal_events e join enterprise.appeals a on a.tenant_id = e.tenant_id and a.id = e.appeal_id where a.code like 'SA%'`)).toBe(size.events);
    expect(await q(`select count(*)::int as n from enterprise.appeals a where a.code like 'SA%' and a.status = 'closed' and not exists (select 1 from enterprise.appeal_events e where e.tenant_id = a.tenant_id and e.appeal_id = a.id and e.kind = 'close')`)).toBe(0);
    // No date in the future, and reports only for projects that have started.
    expect(await q(`select count(*)::int as n from enterprise.appeal_events where on_date > '${TODAY}'`)).toBe(0);
    expect(await q(`select count(*)::int as n from projects.investment_reports r join projects.projects p on p.tenant_id = r.tenant_id and p.id = r.project_id where p.actual_start_date is null or r.month > '${TODAY}'`)).toBe(0);
  });
});
