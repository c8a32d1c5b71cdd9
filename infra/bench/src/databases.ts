import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { migratePglite, migrationsFolder } from '@yingshang/db/migrate';
import { type PostgresServer, startPostgresServer } from '@yingshang/local';
import { seed } from '@yingshang/seeds';
import { type LoadReport, type Modules, SCALE_VERSION, type ScaleSize, ensureAssessments, loadScale, pgTarget, pgliteTarget } from '@yingshang/seeds/scale';
import { drizzle as pgDrizzle } from 'drizzle-orm/node-postgres';
import { migrate as pgMigrate } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as pgliteDrizzle } from 'drizzle-orm/pglite';
import { Client } from 'pg';


export const SEED = 20_261_126;

/**
 * What a cached database was loaded with. Another generator version, seed, size or reporting month reloads it from
 * scratch; new migrations are applied on top and a module whose data is missing is loaded alone.
 */
interface Stamp {
  version: number;
  seed: number;
  size: ScaleSize;
  today: string;
  /** Modules whose scale data is in the database (`modules` in stamps of the first format). */
  loaded?: Modules;
  modules?: Modules;
  load?: LoadReport;
}

function readStamp(file: string): Stamp | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Stamp;
  } catch {
    return null;
  }
}

const sameData = (a: Stamp | null, b: Stamp) =>
  !!a && a.version === b.version && a.seed === b.seed && a.today.slice(0, 7) === b.today.slice(0, 7) && JSON.stringify(a.size) === JSON.stringify(b.size);

/** Modules wanted but not yet loaded. */
function missing(old: Stamp | null, want: Modules): Modules {
  const have = old?.loaded ?? old?.modules ?? { projects: false, enterprise: false };
  return { projects: want.projects && !have.projects, enterprise: want.enterprise && !have.enterprise };
}

function merge(old: LoadReport | undefined, add: LoadReport | null): LoadReport {
  if (!old) return add ?? { seconds: 0, rows: {} };
  if (!add) return old;
  const rows = { ...old.rows };
  for (const [k, v] of Object.entries(add.rows)) rows[k] = (rows[k] ?? 0) + v;
  return { seconds: old.seconds + add.seconds, rows };
}

/** The assessments module's migration is in: its data (and a third year of periods) can go in too. */
export const assessmentsReady = () => existsSync(join(migrationsFolder, '0010_assessments.sql'));

export interface Loaded {
  /** Period ids of the 2024 quarters, whose rankings the bench computes. */
  quarters: string[];
  /** Seconds the load took (this run or the cached run that built it) and the rows per table. */
  load: LoadReport;
  cached: boolean;
}

/** Settings for a dedicated 2-core, 24 GB benchmark box; fsync and synchronous_commit stay on. */
export const PG_SETTINGS = {
  shared_buffers: '2GB',
  effective_cache_size: '8GB',
  work_mem: '32MB',
  maintenance_work_mem: '512MB',
  max_wal_size: '8GB',
  checkpoint_timeout: '30min',
  random_page_cost: '1.1',
};

/** Debian's PostgreSQL under `root`, migrated, seeded and loaded with the scale data unless the cache matches. */
export async function preparePostgres(root: string, size: ScaleSize, today: string, modules: Modules, log: (l: string) => void): Promise<{ server: PostgresServer; loaded: Loaded }> {
  const stampFile = join(root, 'stamp.json');
  const want: Stamp = { version: SCALE_VERSION, seed: SEED, size, today };
  let old = readStamp(stampFile);
  if (!sameData(old, want)) {
    rmSync(root, { recursive: true, force: true });
    log(old ? 'postgres: cached data has another size, seed or month: reloading' : 'postgres: no cached data: loading');
    old = null;
  }
  mkdirSync(root, { recursive: true });
  const server = await startPostgresServer({ dataDir: root, settings: PG_SETTINGS, log });
  const client = new Client({ connectionString: server.url });
  await client.connect();
  try {
    await pgMigrate(pgDrizzle({ client }), { migrationsFolder });
    await seed(pgDrizzle({ client }) as never, { today, log });
    const todo = missing(old, modules);
    const add = todo.projects || todo.enterprise ? await loadScale(pgTarget(client), { seed: SEED, size, today, modules: todo, label: 'postgres' }) : null;
    const load = merge(old?.load, add);
    const quarters = assessmentsReady() ? await ensureAssessments(pgDrizzle({ client }) as never, { today, seed: SEED }) : [];
    writeFileSync(stampFile, JSON.stringify({ ...want, loaded: modules, load }, null, 2));
    return { server, loaded: { load, cached: add === null, quarters } };
  } catch (err) {
    await server.stop();
    throw err;
  } finally {
    await client.end();
  }
}

/** A PGlite directory laid out as infra/local's startStack expects (`<dir>/pglite`), loaded unless cached. */
export async function preparePglite(dir: string, size: ScaleSize, today: string, modules: Modules, log: (l: string) => void): Promise<Loaded> {
  const stampFile = join(dir, 'stamp.json');
  const want: Stamp = { version: SCALE_VERSION, seed: SEED, size, today };
  let old = readStamp(stampFile);
  if (!sameData(old, want) || !existsSync(join(dir, 'pglite', 'PG_VERSION'))) {
    log(old ? 'pglite: cached data has another size, seed or month: reloading' : 'pglite: no cached data: loading');
    rmSync(dir, { recursive: true, force: true });
    old = null;
  }
  mkdirSync(dir, { recursive: true });
  const db = new PGlite(join(dir, 'pglite'));
  try {
    await migratePglite(db);
    await seed(pgliteDrizzle({ client: db }) as never, { today, log });
    const todo = missing(old, modules);
    const add = todo.projects || todo.enterprise ? await loadScale(pgliteTarget(db), { seed: SEED, size, today, modules: todo, label: 'pglite  ' }) : null;
    const load = merge(old?.load, add);
    const quarters = assessmentsReady() ? await ensureAssessments(pgliteDrizzle({ client: db }) as never, { today, seed: SEED }) : [];
    writeFileSync(stampFile, JSON.stringify({ ...want, loaded: modules, load }, null, 2));
    return { load, cached: add === null, quarters };
  } finally {
    await db.close();
  }
}
