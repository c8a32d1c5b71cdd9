/**
 * `pnpm bench`: the scale data on a real PostgreSQL server (Debian's, on loopback) and on PGlite, then every figure
 * of the performance budget printed beside its budget. Results also go to infra/bench/results/latest.{json,md}
 * and the EXPLAIN (ANALYZE, BUFFERS) of each hot query to infra/bench/explain/.
 */
// First: zod-openapi must extend zod before any schema exists (the contracts build schemas on import), as in the
// workers' bundles; the services' apps are built in-process below.
// oxlint-disable-next-line import/no-unassigned-import
import '@hono/zod-openapi';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { PGlite } from '@electric-sql/pglite';
import { type Stack, startStack } from '@yingshang/local';
import { DEMO_PASSWORD } from '@yingshang/seeds';
import { FULL_SCALE, type Modules, type ScaleSize, scaledSize } from '@yingshang/seeds/scale';
import { signAccessToken } from '@yingshang/service-kit';
import { Client, Pool } from 'pg';

import { type Loaded, preparePglite, preparePostgres } from './databases.ts';
import { type Latency, httpLoad, loopLoad, timeOnce } from './measure.ts';
import { type Statement, pgReplay, pgReplayConnecting, pgliteReplay, recorder } from './record.ts';
import { frontEnd } from './front.ts';
import { workerFigures } from './workers.ts';
import { explainAll } from './explain.ts';
import { type Figure, printFigures, writeMarkdown } from './report.ts';
import { type Endpoint, endpointsFor, serviceApps } from './endpoints.ts';

// `pnpm bench:all -- --only postgres` hands the `--` on through the package script; it is not an argument.
const argv = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--'));
const { values: args } = parseArgs({
  args: argv,
  options: {
    'pglite-scale': { type: 'string', default: process.env.BENCH_PGLITE_SCALE ?? '0.2' },
    'pg-scale': { type: 'string', default: process.env.BENCH_PG_SCALE ?? '1' },
    seconds: { type: 'string', default: process.env.BENCH_SECONDS ?? '6' },
    only: { type: 'string' },
    'skip-front': { type: 'boolean', default: false },
    'skip-workers': { type: 'boolean', default: false },
    'load-only': { type: 'boolean', default: false },
  },
});

const root = join(import.meta.dirname, '..', '..', '..');
const dataRoot = join(root, '.data', 'bench');
const seconds = Number(args.seconds);
const CONNECTIONS = [1, 10, 50];
const figures: Figure[] = [];
const log = (line: string) => console.log(`» ${line}`);
const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

const modules: Modules = {
  projects: true,
  // The enterprise module's data goes in once its schema has been migrated (0008_enterprise).
  enterprise: existsSync(join(root, 'packages', 'db', 'migrations', '0008_enterprise.sql')),
};

interface Target {
  name: 'postgres' | 'pglite';
  size: ScaleSize;
  loaded: Loaded;
  stack: Stack;
  url?: string;
  pglite?: PGlite;
  stop(): Promise<void>;
}

async function tokenFor(query: <T>(sql: string, params: unknown[]) => Promise<T[]>, slug: string, username: string, secret: string) {
  const [u] = await query<{ id: string; tid: string; dept: string | null; role: string; perms: string[]; scope: 'all' }>(
    `select u.id, u.tenant_id as tid, u.department_id as dept, r.code as role, r.permissions as perms, r.data_scope as scope
       from identity.users u join identity.roles r on r.tenant_id = u.tenant_id and r.id = u.role_id
       join identity.tenants t on t.id = u.tenant_id where t.slug = $1 and u.username = $2`,
    [slug, username],
  );
  if (!u) throw new Error(`no user ${username} in ${slug}`);
  return signAccessToken({ sub: u.id, tid: u.tid, ten: slug, name: username, role: u.role, perms: u.perms, scope: u.scope, dept: u.dept }, secret);
}

/** The largest district: the scale generator gives the first one a fifth of everything. */
async function biggestTenant(t: Target): Promise<string> {
  const text = `select slug from identity.tenants where kind <> 'city' and status = 'active' order by sort_order, slug limit 1`;
  if (t.pglite) {
    return (
      await t.pglite.transaction(async (tx) => {
        await tx.query('reset role');
        return (await tx.query<{ slug: string }>(text)).rows;
      })
    )[0]!.slug;
  }
  const client = new Client({ connectionString: t.url });
  await client.connect();
  try {
    return (await client.query<{ slug: string }>(text)).rows[0]!.slug;
  } finally {
    await client.end();
  }
}

async function benchTarget(t: Target): Promise<string> {
  const { stack } = t;
  const pool = t.url ? new Pool({ connectionString: t.url, max: 50 }) : null;
  const query = async <T>(sql: string, params: unknown[]) =>
    pool
      ? ((await pool.query(sql, params)).rows as T[])
      : t.pglite!.transaction(async (tx) => {
          // PGlite has one backend for every socket connection: a worker's `set local role` may still be in force
          // when a connection dropped mid-transaction under load. These set-up reads run as the owner.
          await tx.query('reset role');
          return (await tx.query<T>(sql, params)).rows;
        });
  const slug = await biggestTenant(t);
  const apps = await serviceApps();
  const env = { DATABASE_URL: t.url ?? 'postgresql://unused', JWT_SECRET: stack.jwtSecret, BASE_DOMAIN: stack.baseDomain, ENVIRONMENT: 'bench' };
  const published = apps.assessments
    ? await query<{ id: string }>(`select id from assessments.rankings where status = 'published' order by published_at desc limit 1`, []).catch(() => [])
    : [];
  const endpoints = endpointsFor(modules, apps, published[0]?.id ?? null);
  for (const ep of endpoints) {
    const token = await tokenFor(query, slug, ep.username, stack.jwtSecret);
    const host = `${slug}.${stack.baseDomain}`;
    // What the service sends for this request, recorded in-process: the raw side replays exactly that.
    const rec = recorder(t.url ? { url: t.url } : { pglite: t.pglite! });
    const app = apps[ep.service]!(rec.factory);
    const check = await app.fetch(new Request(`http://${host}${ep.path}`, { headers: { authorization: `Bearer ${token}` } }), env);
    if (check.status !== 200) {
      log(`${t.name}: ${ep.name}: ${ep.path} answered ${check.status}: skipped (${(await check.text()).slice(0, 200)})`);
      continue;
    }
    await check.arrayBuffer();
    const statements: Statement[] = [...rec.statements];
    await explainAll({ name: `${t.name}-${ep.key}`, statements, pool, pglite: t.pglite ?? null, dir: join(import.meta.dirname, '..', 'explain') });
    const once = pool ? pgReplay(pool, statements) : pgliteReplay(t.pglite!, statements);
    await loopLoad(once, 1, 1); // warm the cache
    for (const c of CONNECTIONS) {
      const raw = await loopLoad(once, c, seconds);
      const http = await httpLoad({ url: `http://127.0.0.1:${stack.port}${ep.path}`, headers: { host, authorization: `Bearer ${token}` }, connections: c, seconds });
      const connecting = t.url ? await loopLoad(pgReplayConnecting(t.url, statements), c, seconds) : null;
      record(t, ep, c, http, raw, connecting);
      if (pool) {
        const [a] = await query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where backend_type = 'client backend'`, []);
        log(`${t.name}: ${ep.name} @${c}: http p99 ${http.p99.toFixed(1)} ms, ${http.errors} errors; ${a?.n} server connections open after`);
      }
    }
  }
  if (apps.assessments && t.loaded.quarters.length) await rankingCompute(t, query);
  // Excel export of the largest district's ledger (10,000 rows at full scale; the row count is printed).
  const exportToken = await tokenFor(query, slug, 'fgw', stack.jwtSecret);
  const exportPath = '/api/projects/v1/projects/export';
  const get = () => stack.fetch(`${stack.tenantUrl(slug)}${exportPath}`, { headers: { authorization: `Bearer ${exportToken}` } }).then(async (r) => ({ status: r.status, bytes: (await r.arrayBuffer()).byteLength }));
  await get();
  const exp = await timeOnce(get);
  const [{ n } = { n: 0 }] = await query<{ n: number }>(`select least(count(*), 10000)::int as n from projects.projects p join identity.tenants t on t.id = p.tenant_id where t.slug = $1`, [slug]);
  figures.push({ target: t.name, group: 'export', figure: `Excel export, ${n.toLocaleString('en')} rows (${(exp.value.bytes / 1024).toFixed(0)} KB xlsx)`, value: exp.ms, unit: 'ms', budget: null, note: exp.value.status === 200 ? '' : `status ${exp.value.status}` });
  await pool?.end();
  return slug;
}

/** The city office computes the 2024 quarters' rankings (drafts; recomputing a draft is allowed) at scale. */
async function rankingCompute(t: Target, query: <T>(sql: string, params: unknown[]) => Promise<T[]>) {
  const token = await tokenFor(query, 'zhengzhou', 'ducha', t.stack.jwtSecret);
  const times: number[] = [];
  let failed = '';
  for (const periodId of t.loaded.quarters) {
    const run = await timeOnce(() =>
      t.stack.fetch(`${t.stack.tenantUrl('zhengzhou')}/api/assessments/v1/rankings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ periodId }),
      }).then(async (r) => ({ status: r.status, body: await r.text() })),
    );
    if (run.value.status === 201) times.push(run.ms);
    else failed = `${run.value.status} ${run.value.body.slice(0, 160)}`;
  }
  times.sort((a, b) => a - b);
  const median = times.length ? times[Math.floor(times.length / 2)]! : Number.NaN;
  figures.push({ target: t.name, group: 'ranking', figure: `ranking compute for a quarter, 16 districts, through the gateway (median of ${times.length})`, value: median, unit: 'ms', budget: { op: '<=', value: 1000, of: 'ms' }, note: `${times.map((x) => x.toFixed(0)).join(', ')} ms${failed ? `; failed: ${failed}` : ''}` });
}

function record(t: Target, ep: Endpoint, c: number, http: Latency, raw: Latency, connecting: Latency | null) {
  const errors = (http.errors ? ` (${http.errors} non-2xx/errors)` : '') + (http.count === 0 ? `; none completed within the ${seconds} s window (each > ${seconds * 1000} ms)` : '');
  const budgetP99 = ep.list ? 50 : null;
  const ratio = http.p50 / raw.p50;
  figures.push(
    { target: t.name, group: ep.name, figure: `${ep.name} @${c} conn, gateway→worker→db p50 / p95 / p99`, value: [http.p50, http.p95, http.p99], unit: 'ms', budget: c === 50 && budgetP99 !== null ? { op: '<=', value: budgetP99, of: 'p99' } : ep.p50Budget && c === 1 ? { op: '<=', value: ep.p50Budget, of: 'p50' } : null, note: `${http.rps.toFixed(0)} req/s${errors}` },
    { target: t.name, group: ep.name, figure: `${ep.name} @${c} conn, same SQL on the driver p50 / p95 / p99`, value: [raw.p50, raw.p95, raw.p99], unit: 'ms', budget: null, note: `${raw.rps.toFixed(0)} req/s` },
    { target: t.name, group: ep.name, figure: `${ep.name} @${c} conn, overhead ratio (p50 http / p50 raw)`, value: ratio, unit: '×', budget: { op: '<=', value: 2, of: 'ratio' }, note: '' },
  );
  if (connecting) {
    figures.push({ target: t.name, group: ep.name, figure: `${ep.name} @${c} conn, same SQL, new connection per request p50 / p95 / p99`, value: [connecting.p50, connecting.p95, connecting.p99], unit: 'ms', budget: null, note: `${connecting.rps.toFixed(0)} req/s${connecting.errors ? `, ${connecting.errors} errors` : ''}; ratio http/this ${(http.p50 / connecting.p50).toFixed(2)}×` });
  }
}

const out = join(import.meta.dirname, '..', 'results');

/**
 * Results so far to infra/bench/results/latest.{json,md}, after every section (a crash keeps what was measured).
 * With `--only`, the other database's figures of the previous run are kept beside the new ones.
 */
function save(started: number) {
  mkdirSync(out, { recursive: true });
  const file = join(out, 'latest.json');
  let kept: Figure[] = [];
  if (args.only && existsSync(file)) {
    const measured = new Set(figures.map((f) => f.target));
    kept = (JSON.parse(readFileSync(file, 'utf8')) as { figures: Figure[] }).figures.filter((f) => !measured.has(f.target));
  }
  const all = [...kept, ...figures];
  const minutes = (Date.now() - started) / 60_000;
  writeFileSync(file, JSON.stringify({ today, modules, minutes, loadAverage: loadavg(), machine: { cores: cpus().length, cpu: cpus()[0]?.model, memGB: totalmem() / 2 ** 30 }, figures: all }, null, 2));
  writeMarkdown(join(out, 'latest.md'), all, { today, minutes });
}

async function main() {
  const started = Date.now();
  mkdirSync(dataRoot, { recursive: true });
  console.log(`yingshang bench · ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GB · load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} · today ${today} · modules ${JSON.stringify(modules)}`);
  if (!args['skip-workers'] && !args['load-only']) {
    log('workers: bundle sizes and startup in workerd');
    for (const w of await workerFigures(root, ['gateway', 'identity', 'projects', 'enterprise', 'assessments'])) {
      figures.push({ target: 'workerd', group: 'workers', figure: `${w.name} bundle (gzip)`, value: w.gzipBytes / 1024, unit: 'KB', budget: { op: '<=', value: 400, of: 'size' }, note: `${(w.rawBytes / 1024).toFixed(0)} KB raw` });
      figures.push({ target: 'workerd', group: 'workers', figure: `${w.name} startup CPU (wrangler check startup profile)`, value: w.startupCpuMs ?? Number.NaN, unit: 'ms', budget: { op: '<=', value: 50, of: 'startup' }, note: 'busy time of the startup-phase CPU profile in workerd' });
      figures.push({ target: 'workerd', group: 'workers', figure: `${w.name} time to ready in miniflare`, value: w.startupMs, unit: 'ms', budget: null, note: 'ready time minus an empty worker’s (includes miniflare’s own per-script work)' });
    }
    printFigures(figures.filter((f) => f.target === 'workerd'));
    save(started);
  }
  const order = (args.only === 'workers' ? [] : args.only ? [args.only] : ['postgres', 'pglite']) as Target['name'][];
  for (const name of order) {
    const size = scaledSize(Number(name === 'postgres' ? args['pg-scale'] : args['pglite-scale']), FULL_SCALE);
    log(`${name}: scale ${JSON.stringify(size)}`);
    let target: Target;
    if (name === 'postgres') {
      if (!existsSync('/usr/lib/postgresql') && !process.env.PG_BIN) {
        log('postgres: no PostgreSQL server installed (apt-get install postgresql): its figures are skipped');
        continue;
      }
      const { server, loaded } = await preparePostgres(join(dataRoot, 'postgres'), size, today, modules, log);
      const stack = await startStack({ port: 0, dataDir: null, databaseUrl: server.url, log });
      target = { name, size, loaded, stack, url: server.url, stop: async () => { await stack.stop(); await server.stop(); } };
    } else {
      const dir = join(dataRoot, 'pglite');
      const loaded = await preparePglite(dir, size, today, modules, log);
      const stack = await startStack({ port: 0, dataDir: dir, log });
      target = { name, size, loaded, stack, pglite: stack.pglite!, stop: () => stack.stop() };
    }
    if (args['load-only']) {
      await target.stop();
      continue;
    }
    const rows = Object.values(target.loaded.load.rows).reduce((a, b) => a + b, 0);
    figures.push({ target: name, group: 'load', figure: `scale data load, ${rows.toLocaleString('en')} rows${target.loaded.cached ? ' (cached from an earlier run)' : ''}`, value: target.loaded.load.seconds, unit: 's', budget: null, note: Object.entries(target.loaded.load.rows).map(([k, v]) => `${k.split('.')[1]} ${v.toLocaleString('en')}`).join(', ') });
    try {
      if (name === 'postgres' && !args['skip-front']) {
        log('front end: sign-in page and first views in headless Chromium');
        for (const v of await frontEnd({
          tenantUrl: target.stack.tenantUrl(await biggestTenant(target)),
          username: 'admin',
          password: DEMO_PASSWORD,
          modules: [
            { name: 'projects', path: '/projects', ready: '[data-testid^="project-row-"], .el-table' },
            { name: 'admin', path: '/admin', ready: '.el-table, .el-form, main' },
            ...(existsSync(join(root, 'apps', 'enterprise', 'dist')) ? [{ name: 'enterprise', path: '/enterprise', ready: '.el-table, main' }] : []),
            ...(existsSync(join(root, 'apps', 'assessments', 'dist')) ? [{ name: 'assessments', path: '/assessments', ready: '.el-table, main' }] : []),
          ],
        })) {
          const budget = v.name === 'sign-in page' ? 170 : 450;
          figures.push({ target: 'chromium', group: 'front end', figure: `${v.name} (${v.path}) bytes, gzip`, value: v.assetBytes / 1024, unit: 'KB', budget: { op: '<=', value: budget, of: 'size' }, note: `${v.requests} requests, +${(v.apiBytes / 1024).toFixed(1)} KB API JSON; ECharts ${v.echarts ? 'loaded' : 'not loaded'}` });
          figures.push({ target: 'chromium', group: 'front end', figure: `${v.name} LCP`, value: v.lcpMs ?? Number.NaN, unit: 'ms', budget: { op: '<=', value: 1500, of: 'lcp' }, note: '' });
        }
        printFigures(figures.filter((f) => f.target === 'chromium'));
        save(started);
      }
      await benchTarget(target);
    } finally {
      await target.stop();
    }
    printFigures(figures.filter((f) => f.target === name));
    save(started);
  }
  const minutes = (Date.now() - started) / 60_000;
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  printFigures(figures);
  save(started);
  console.log(`\nbench finished in ${minutes.toFixed(1)} min; results in infra/bench/results/latest.md, EXPLAIN plans in infra/bench/explain/`);
}

await main();
process.exit(0);
