/**
 * Why the scale data loads with COPY: the same 100,000 monthly-report rows into a freshly migrated PGlite, once
 * through COPY FROM '/dev/blob' and once through multi-row INSERTs of 500 rows (the ordinary seed's way).
 * `pnpm --filter @yingshang/bench exec tsx src/copy-vs-insert.ts`
 */
import { PGlite } from '@electric-sql/pglite';
import { migratePglite } from '@yingshang/db/migrate';
import { seed } from '@yingshang/seeds';
import { pgliteTarget, readBase, tenantChunks } from '@yingshang/seeds/scale';
import { scaledSize } from '@yingshang/seeds/scale';
import { drizzle } from 'drizzle-orm/pglite';

async function fresh() {
  const db = new PGlite();
  await migratePglite(db);
  await seed(drizzle({ client: db }) as never, { today: '2026-11-26' });
  return db;
}

const size = { ...scaledSize(0.5), projects: 25_000, reports: 450_000 };
for (const mode of ['copy', 'insert'] as const) {
  const db = await fresh();
  const target = pgliteTarget(db);
  const base = await readBase(target);
  const chunks = tenantChunks(base, { seed: 1, size, today: '2026-11-26' }, 0, { projects: true, enterprise: false });
  const projects = chunks.find((c) => c.table === 'projects.projects')!;
  await target.copy(projects.table, projects.columns, projects.lines);
  const reports = chunks.find((c) => c.table === 'projects.investment_reports')!;
  const lines = reports.lines.slice(0, 100_000);
  const t = performance.now();
  if (mode === 'copy') await target.copy(reports.table, reports.columns, lines);
  else {
    // The same rows as VALUES lists: parse the CSV back into parameters, 500 rows a statement.
    const cols = reports.columns.length;
    for (let i = 0; i < lines.length; i += 500) {
      const slice = lines.slice(i, i + 500);
      const params: (string | null)[] = [];
      const values = slice.map((line, r) => {
        const cells = line.trimEnd().match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.slice(0, cols).map((c) => c.replace(/,$/, ''));
        for (const c of cells) params.push(c === '' ? null : c.startsWith('"') ? c.slice(1, -1).replace(/""/g, '"') : c);
        return `(${cells.map((_, k) => `$${r * cols + k + 1}`).join(',')})`;
      });
      await db.query(`insert into ${reports.table} (${reports.columns.join(',')}) values ${values.join(',')}`, params);
    }
  }
  const s = (performance.now() - t) / 1000;
  console.log(`${mode.padEnd(6)} ${lines.length.toLocaleString('en')} rows in ${s.toFixed(1)} s = ${Math.round(lines.length / s).toLocaleString('en')} rows/s`);
  await db.close();
}
