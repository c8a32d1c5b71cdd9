import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Log, LogLevel, Miniflare } from 'miniflare';

export interface WorkerFigures {
  name: string;
  gzipBytes: number;
  rawBytes: number;
  /** Median time for workerd to load and evaluate the bundle, beyond an empty worker's. */
  startupMs: number;
  /** CPU time of the startup phase (top-level evaluation) from `wrangler check startup`'s profile; null if it failed. */
  startupCpuMs: number | null;
}

/**
 * `wrangler check startup` runs the worker's startup phase in workerd under the V8 profiler (what Cloudflare's
 * startup limit is about): the busy time of that profile, idle samples left out.
 */
function startupCpu(dir: string): number | null {
  const out = join(tmpdir(), `ys-startup-${process.pid}-${Date.now()}.cpuprofile`);
  const r = spawnSync('pnpm', ['exec', 'wrangler', 'check', 'startup', '--env', 'local', '--outfile', out], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    timeout: 120_000,
  });
  if (r.status !== 0) return null;
  try {
    const p = JSON.parse(readFileSync(out, 'utf8')) as { nodes: { id: number; callFrame: { functionName: string } }[]; samples: number[]; timeDeltas: number[] };
    const idle = new Set(p.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
    let busy = 0;
    p.samples.forEach((s, i) => {
      if (!idle.has(s)) busy += p.timeDeltas[i] ?? 0;
    });
    return busy / 1000;
  } catch {
    return null;
  } finally {
    rmSync(out, { force: true });
  }
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function readyTime(script: { scriptPath: string; modulesRoot: string } | { script: string }, compatibilityDate: string, flags: string[]): Promise<number> {
  const t = performance.now();
  const mf = new Miniflare({
    log: new Log(LogLevel.ERROR),
    cf: false,
    modules: true,
    ...('script' in script ? { script: script.script } : { ...script, modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }] }),
    compatibilityDate,
    compatibilityFlags: flags,
    bindings: { DATABASE_URL: 'postgresql://unused@127.0.0.1:1/none', JWT_SECRET: 'x'.repeat(32), BASE_DOMAIN: 'localhost' },
  } as never);
  await mf.ready;
  const ms = performance.now() - t;
  await mf.dispose();
  return ms;
}

/**
 * Each worker's deployable bundle (`services/<name>/dist`, what `wrangler deploy --dry-run` produced) gzipped,
 * and its startup in workerd: time to ready with the bundle minus time to ready with an empty module worker,
 * median of `runs`.
 */
export async function workerFigures(root: string, names: readonly string[], runs = 5): Promise<WorkerFigures[]> {
  const compat = '2026-07-01';
  const empty: number[] = [];
  for (let i = 0; i < runs; i++) empty.push(await readyTime({ script: 'export default { fetch() { return new Response("ok") } }' }, compat, ['nodejs_compat']));
  const baseline = median(empty);
  const out: WorkerFigures[] = [];
  for (const name of names) {
    const dist = join(root, 'services', name, 'dist');
    let all: string[];
    try {
      all = files(dist).filter((f) => /\.(m?js|wasm)$/.test(f));
    } catch {
      continue;
    }
    const bytes = all.map((f) => readFileSync(f));
    const gzipBytes = bytes.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
    const rawBytes = bytes.reduce((n, b) => n + b.length, 0);
    const wrangler = readFileSync(join(root, 'services', name, 'wrangler.jsonc'), 'utf8');
    const date = /"compatibility_date"\s*:\s*"([^"]+)"/.exec(wrangler)?.[1] ?? compat;
    const flags = [...(/"compatibility_flags"\s*:\s*\[([^\]]*)\]/.exec(wrangler)?.[1] ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await readyTime({ scriptPath: join(dist, 'index.js'), modulesRoot: dist }, date, flags));
    out.push({ name, gzipBytes, rawBytes, startupMs: Math.max(0, median(times) - baseline), startupCpuMs: startupCpu(join(root, 'services', name)) });
  }
  return out;
}
