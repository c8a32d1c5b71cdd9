import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '@yingshang/seeds';
import { type PostgresServer, type Stack, startPostgresServer, startStack } from '@yingshang/local';
import autocannon from 'autocannon';

/**
 * `pnpm test:load`: mixed reads and writes through the gateway at 100 connections for 60 s against the whole
 * local stack (workers in workerd, production driver), first on the embedded PGlite, then on Debian's PostgreSQL
 * server started on loopback. Afterwards every acknowledged write is reconciled against the database: the count
 * and the sum of what was acknowledged must be exactly what is stored. Exits non-zero on any error or mismatch.
 *
 *   LOAD_SECONDS=10 pnpm test:load          a shorter run
 *   LOAD_CONNECTIONS=50 pnpm test:load      fewer connections
 *   LOAD_TARGETS=pglite pnpm test:load      one backend only (pglite, postgres)
 */
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 100);
const TARGETS = (process.env.LOAD_TARGETS ?? 'pglite,postgres').split(',').map((t) => t.trim()).filter(Boolean);
const TENANTS = ['jinshui', 'erqi', 'zhongyuan', 'guancheng'];

interface Acknowledged {
  /** code → total investment of each project whose creation was answered 201. */
  projects: Map<string, string>;
  /** project id → completed investment of each monthly report answered 201/200. */
  reports: Map<string, string>;
  statuses: Map<string, number>;
}

interface Context {
  tenant?: string;
  kind?: 'create' | 'report' | 'list' | 'detail';
  code?: string;
  total?: string;
  id?: string;
  fresh?: boolean;
  amount?: string;
}

const cents = (amount: string) => BigInt(amount.replace('.', ''));
const money = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;
const sum = (values: Iterable<string>) => money([...values].reduce((s, v) => s + cents(v), 0n));

function previousMonth(): string {
  const now = new Date(Date.now() + 8 * 3600_000); // Asia/Shanghai
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

async function signIn(stack: Stack, slug: string): Promise<string> {
  const res = await stack.fetch(`${stack.tenantUrl(slug)}/api/identity/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'fgw', password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${slug}/fgw answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function load(stack: Stack, run: string): Promise<{ result: autocannon.Result; acked: Acknowledged }> {
  const tokens = Object.fromEntries(await Promise.all(TENANTS.map(async (t) => [t, await signIn(stack, t)] as const)));
  const acked: Acknowledged = { projects: new Map(), reports: new Map(), statuses: new Map() };
  const month = previousMonth();
  let counter = 0;
  let connection = 0;
  const host = (slug: string) => `${slug}.${stack.baseDomain}`;
  const note = (kind: string, status: number) => acked.statuses.set(`${kind} ${status}`, (acked.statuses.get(`${kind} ${status}`) ?? 0) + 1);
  const headersFor = (ctx: Context, extra: Record<string, string> = {}) => ({
    host: host(ctx.tenant!),
    authorization: `Bearer ${tokens[ctx.tenant!]}`,
    ...extra,
  });
  const list = (ctx: Context, req: autocannon.Request): autocannon.Request => {
    ctx.kind = 'list';
    return { ...req, method: 'GET', path: '/api/projects/v1/projects?limit=20', headers: headersFor(ctx), body: undefined } as autocannon.Request;
  };

  const requests: autocannon.Request[] = [
    {
      // A write: register a project with a code no one else uses; its total investment is what we reconcile.
      setupRequest: (req, raw) => {
        const ctx = raw as Context;
        ctx.tenant ??= TENANTS[connection++ % TENANTS.length];
        const n = ++counter;
        ctx.kind = 'create';
        ctx.code = `LOAD-${run}-${n}`;
        ctx.total = `${1000 + (n % 9973)}.${String(n % 100).padStart(2, '0')}`;
        return {
          ...req,
          method: 'POST',
          path: '/api/projects/v1/projects',
          headers: headersFor(ctx, { 'content-type': 'application/json', 'idempotency-key': `load-${ctx.code}` }),
          body: JSON.stringify({
            code: ctx.code,
            name: `负载测试项目${n}`,
            ownerUnit: '负载测试单位',
            category: 'advanced_manufacturing',
            level: 'district',
            totalInvestment: ctx.total,
            stage: 'started',
            actualStartDate: '2025-03-01',
          }),
        } as autocannon.Request;
      },
      onResponse: (status, body, raw) => {
        const ctx = raw as Context;
        note('create', status);
        ctx.fresh = status === 201;
        if (status === 201) {
          acked.projects.set(ctx.code!, ctx.total!);
          ctx.id = (JSON.parse(body) as { id: string }).id;
        }
      },
    },
    {
      // A write: the new project's first monthly report (one per project, so the sum is unambiguous).
      setupRequest: (req, raw) => {
        const ctx = raw as Context;
        if (!ctx.fresh || !ctx.id) return list(ctx, req);
        ctx.kind = 'report';
        ctx.amount = `${(cents(ctx.total!) % 50000n) / 100n}.${String(cents(ctx.total!) % 100n).padStart(2, '0')}`;
        return {
          ...req,
          method: 'PUT',
          path: `/api/projects/v1/projects/${ctx.id}/reports/${month}`,
          headers: headersFor(ctx, { 'content-type': 'application/json' }),
          body: JSON.stringify({ plannedInvestment: '100.00', completedInvestment: ctx.amount, confirmExceedsTotal: true }),
        } as autocannon.Request;
      },
      onResponse: (status, _body, raw) => {
        const ctx = raw as Context;
        note(ctx.kind!, status);
        if (ctx.kind === 'report' && (status === 201 || status === 200)) acked.reports.set(ctx.id!, ctx.amount!);
        ctx.fresh = false;
      },
    },
    {
      setupRequest: (req, raw) => list(raw as Context, req),
      onResponse: (status) => note('list', status),
    },
    {
      setupRequest: (req, raw) => {
        const ctx = raw as Context;
        if (!ctx.id) return list(ctx, req);
        ctx.kind = 'detail';
        return { ...req, method: 'GET', path: `/api/projects/v1/projects/${ctx.id}`, headers: headersFor(ctx), body: undefined } as autocannon.Request;
      },
      onResponse: (status, _body, raw) => note((raw as Context).kind!, status),
    },
  ];

  const result = await autocannon({
    url: `http://127.0.0.1:${stack.port}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    timeout: 30,
    requests,
  });
  return { result, acked };
}

interface StoredRow {
  code: string;
  id: string;
  total: string;
  reported: string | null;
}

const STORED = (run: string) => `
  select coalesce(json_agg(json_build_object('code', p.code, 'id', p.id, 'total', p.total_investment::numeric(18,2)::text,
                                             'reported', r.completed_investment::numeric(18,2)::text)), '[]'::json) as rows
  from projects.projects p
  left join projects.investment_reports r on r.tenant_id = p.tenant_id and r.project_id = p.id
  where p.code like 'LOAD-${run}-%'`;

async function stored(stack: Stack, server: PostgresServer | null, run: string): Promise<StoredRow[]> {
  if (stack.pglite) {
    // PGlite is one session behind its socket server: a query sent while a request's transaction is still open
    // would run inside it (as that service role, for that tenant). Wait until the last connection has closed.
    for (const until = Date.now() + 60_000; stack.dbConnections() > 0 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 200));
    if (stack.dbConnections() > 0) throw new Error(`${stack.dbConnections()} database connections still open a minute after the load`);
    return (await stack.pglite.query<{ rows: StoredRow[] }>(STORED(run))).rows[0]!.rows;
  }
  await new Promise((r) => setTimeout(r, 2_000)); // let requests cut off at the end finish or fail
  const r = spawnSync(join(server!.bin, 'psql'), [server!.url, '-v', 'ON_ERROR_STOP=1', '-tAc', STORED(run)], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim()) as StoredRow[];
}

/**
 * Every acknowledged write must be stored with exactly the acknowledged figure. A write still in flight when the
 * run stopped may have committed without its answer arriving: those are listed, never more than the connections.
 */
function reconcile(acked: Acknowledged, rows: StoredRow[]) {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const missing = [...acked.projects.keys()].filter((c) => !byCode.has(c));
  const wrongTotal = [...acked.projects].filter(([c, t]) => byCode.has(c) && byCode.get(c)!.total !== t).map(([c]) => c);
  const idToRow = new Map(rows.map((r) => [r.id, r]));
  const missingReports = [...acked.reports.keys()].filter((id) => !idToRow.get(id)?.reported);
  const wrongReports = [...acked.reports].filter(([id, a]) => idToRow.get(id)?.reported && idToRow.get(id)!.reported !== a).map(([id]) => id);
  const ackedRows = rows.filter((r) => acked.projects.has(r.code));
  const unacknowledged = rows.length - ackedRows.length;
  const reportsOfAcked = ackedRows.filter((r) => r.reported !== null && acked.reports.has(r.id));
  return {
    projects: { acked: acked.projects.size, stored: ackedRows.length, ackedSum: sum(acked.projects.values()), storedSum: sum(ackedRows.map((r) => r.total)) },
    reports: { acked: acked.reports.size, stored: reportsOfAcked.length, ackedSum: sum(acked.reports.values()), storedSum: sum(reportsOfAcked.map((r) => r.reported!)) },
    extraReports: ackedRows.filter((r) => r.reported !== null && !acked.reports.has(r.id)).length + rows.filter((r) => !acked.projects.has(r.code) && r.reported !== null).length,
    unacknowledged,
    problems: [
      ...missing.map((c) => `acknowledged project ${c} missing`),
      ...wrongTotal.map((c) => `project ${c} stored with another total`),
      ...missingReports.map((id) => `acknowledged report of ${id} missing`),
      ...wrongReports.map((id) => `report of ${id} stored with another amount`),
    ],
  };
}

async function runOn(target: string): Promise<boolean> {
  const run = `${target.slice(0, 2).toUpperCase()}${Date.now().toString(36).toUpperCase()}`;
  let server: PostgresServer | null = null;
  if (target === 'postgres') {
    server = await startPostgresServer({ log: (l) => console.log(`  ${l}`) });
  } else if (target !== 'pglite') throw new Error(`unknown target ${target}: use pglite or postgres`);
  const stack = await startStack({ port: 0, dataDir: null, ...(server ? { databaseUrl: server.url } : {}) });
  try {
    console.log(`\n» ${target}: ${CONNECTIONS} connections for ${SECONDS} s — create project, file its monthly report, list, view (4 tenants)`);
    const { result, acked } = await load(stack, run);
    const rec = reconcile(acked, await stored(stack, server, run));
    const lat = result.latency;
    console.log(`  requests ${result.requests.total} (${result.requests.average.toFixed(0)}/s), of which acknowledged writes ${rec.projects.acked + rec.reports.acked}`);
    console.log(`  latency ms: p50 ${lat.p50}, p90 ${lat.p90}, p97.5 ${lat.p97_5}, p99 ${lat.p99}, max ${lat.max}`);
    console.log(`  errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}`);
    console.log(`  answers: ${[...acked.statuses].sort().map(([k, n]) => `${k}×${n}`).join(', ')}`);
    console.log(`  reconciliation — acknowledged / stored:`);
    console.log(`    projects  ${rec.projects.acked} / ${rec.projects.stored}   total investment ${rec.projects.ackedSum} / ${rec.projects.storedSum} 万元`);
    console.log(`    reports   ${rec.reports.acked} / ${rec.reports.stored}   completed investment ${rec.reports.ackedSum} / ${rec.reports.storedSum} 万元`);
    console.log(`    cut off by the end of the run (sent, stored, answer not received): ${rec.unacknowledged} projects, ${rec.extraReports} reports`);
    for (const p of rec.problems.slice(0, 20)) console.log(`    ✗ ${p}`);
    const matches =
      rec.problems.length === 0 &&
      rec.projects.acked === rec.projects.stored &&
      rec.projects.ackedSum === rec.projects.storedSum &&
      rec.reports.acked === rec.reports.stored &&
      rec.reports.ackedSum === rec.reports.storedSum &&
      rec.unacknowledged + rec.extraReports <= CONNECTIONS;
    const clean = result.errors === 0 && result.timeouts === 0 && result.non2xx === 0;
    console.log(`  ${clean ? 'zero errors' : 'ERRORS'}; reconciliation ${matches ? 'matches' : 'DOES NOT MATCH'}`);
    return clean && matches;
  } finally {
    await stack.stop();
    await server?.stop();
  }
}

let ok = true;
for (const target of TARGETS) ok = (await runOn(target)) && ok;
console.log(ok ? '\nload: zero errors, every acknowledged write reconciled' : '\nload: FAILED');
process.exit(ok ? 0 : 1);
