import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { budgets, limits, workerDir, type Environment, type Plan, type Worker } from './config.ts';
import { describe, type Runner } from './runner.ts';

export interface BundleReport {
  worker: Worker;
  files: { name: string; bytes: number; gzipBytes: number }[];
  bytes: number;
  gzipBytes: number;
  /** Global-scope CPU time at startup in workerd, the least of the runs (the machine's noise only adds). */
  startupMs: number | null;
}

/** The modules Cloudflare receives: everything in the outdir but source maps and wrangler's notes. */
const uploaded = (name: string) => !name.endsWith('.map') && !name.endsWith('.cpuprofile') && name !== 'README.md' && name !== 'worker.bundle';

export function measureOutdir(worker: Worker, outdir: string): Omit<BundleReport, 'startupMs'> {
  const files = readdirSync(outdir)
    .filter(uploaded)
    .filter((name) => statSync(join(outdir, name)).isFile())
    .map((name) => {
      const content = readFileSync(join(outdir, name));
      return { name, bytes: content.length, gzipBytes: gzipSync(content).length };
    });
  return {
    worker,
    files,
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    gzipBytes: files.reduce((n, f) => n + f.gzipBytes, 0),
  };
}

/**
 * Active (non-idle) CPU time in a V8 profile of the Worker's startup, as `wrangler check startup` writes it: the
 * time Cloudflare counts against the startup limit is the evaluation of the Worker's global scope. The profiler
 * samples about every millisecond; a gap far longer than that means the machine did not run workerd at all
 * (another process had the CPU), so each gap counts for at most four typical intervals — else a busy machine
 * reports a preemption as startup time.
 */
export function startupMsFromProfile(profile: { nodes: { id: number; callFrame: { functionName: string } }[]; samples: number[]; timeDeltas: number[] }): number {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  const sorted = [...profile.timeDeltas].sort((a, b) => a - b);
  const cap = 4 * (sorted[Math.floor(sorted.length / 2)] ?? 0);
  let micros = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    if (!idle.has(profile.samples[i]!)) micros += Math.min(profile.timeDeltas[i] ?? 0, cap);
  }
  return micros / 1000;
}

export interface BuildOptions {
  env: Environment;
  outRoot: string;
  /** How many startup profiles to take; the least is kept. 0 skips the startup measurement. */
  startupRuns: number;
  run: Runner;
  log: (line: string) => void;
}

/** `wrangler deploy --dry-run --outdir`: the exact bundle a deploy would upload, built and measured locally. */
export async function buildAndMeasure(worker: Worker, o: BuildOptions): Promise<BundleReport> {
  const outdir = join(o.outRoot, o.env, worker);
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const cwd = workerDir(worker);
  const build = { program: 'wrangler' as const, args: ['deploy', '--dry-run', '--env', o.env, '--outdir', outdir, '--outfile', join(outdir, 'worker.bundle')], cwd };
  o.log(`  local ${describe(build)}`);
  const built = await o.run(build);
  if (built.code !== 0) throw new Error(`bundling ${worker} failed:\n${tail(built.output)}`);
  const measured = measureOutdir(worker, outdir);
  let startupMs: number | null = null;
  for (let i = 0; i < o.startupRuns; i++) {
    const profilePath = join(outdir, `startup-${i}.cpuprofile`);
    const check = { program: 'wrangler' as const, args: ['check', 'startup', '--worker', join(outdir, 'worker.bundle'), '--outfile', profilePath], cwd };
    if (i === 0) o.log(`  local ${describe(check)}${o.startupRuns > 1 ? `   (×${o.startupRuns}, least kept)` : ''}`);
    const checked = await o.run(check);
    if (checked.code !== 0 || !existsSync(profilePath)) throw new Error(`startup profile of ${worker} failed:\n${tail(checked.output)}`);
    const ms = startupMsFromProfile(JSON.parse(readFileSync(profilePath, 'utf8')));
    startupMs = startupMs === null ? ms : Math.min(startupMs, ms);
  }
  return { ...measured, startupMs };
}

export interface Verdict {
  /** Over one of Cloudflare's limits: the upload would be refused. */
  errors: string[];
  /** Over our own budget: deployable, but a regression to look at. */
  warnings: string[];
}

export function judge(report: BundleReport, plan: Plan): Verdict {
  const errors: string[] = [];
  const warnings: string[] = [];
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  if (report.gzipBytes > limits.gzipBytes[plan]) errors.push(`${report.worker}: ${kb(report.gzipBytes)} gzip is over the ${plan} plan's ${kb(limits.gzipBytes[plan])}`);
  else if (report.gzipBytes > budgets.gzipBytes) warnings.push(`${report.worker}: ${kb(report.gzipBytes)} gzip is over our ${kb(budgets.gzipBytes)} budget`);
  if (report.startupMs !== null) {
    if (report.startupMs > limits.startupMs) errors.push(`${report.worker}: startup ${report.startupMs.toFixed(0)} ms is over Cloudflare's ${limits.startupMs} ms`);
    else if (report.startupMs > budgets.startupMs) warnings.push(`${report.worker}: startup ${report.startupMs.toFixed(0)} ms (measured here) is over our ${budgets.startupMs} ms budget`);
  }
  return { errors, warnings };
}

export function formatRow(r: BundleReport, plan: Plan): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(7)} KB`;
  const startup = r.startupMs === null ? '      —' : `${r.startupMs.toFixed(1).padStart(6)} ms`;
  return `  ${r.worker.padEnd(12)} ${kb(r.bytes)} ${kb(r.gzipBytes)} gzip   limit ${(limits.gzipBytes[plan] / 1024 / 1024).toFixed(0)} MB (${plan}), budget ${budgets.gzipBytes / 1024} KB   startup ${startup}   limit ${limits.startupMs} ms, budget ${budgets.startupMs} ms`;
}

function tail(output: string): string {
  return output.trim().split('\n').slice(-20).join('\n');
}
