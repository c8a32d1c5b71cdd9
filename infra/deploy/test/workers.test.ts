import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { experimental_readRawConfig } from 'wrangler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndMeasure, formatRow, judge, type BundleReport } from '../src/bundle.ts';
import { budgets, limits, services, workerDir, workerName, workers, workerSecrets, type Worker } from '../src/config.ts';
import { spawnRunner } from '../src/runner.ts';

// The real wrangler on the real workers: the committed binding types are what `wrangler types` generates now, and
// the production bundles (`wrangler deploy --dry-run --outdir --env production`) are within Workers' limits.

interface RawEnv {
  name?: string;
  vars?: Record<string, string>;
  services?: { binding: string; service: string }[];
  routes?: { pattern: string; zone_name?: string }[];
  secrets?: { required?: string[] };
}
const raw = (worker: Worker) =>
  experimental_readRawConfig({ config: join(workerDir(worker), 'wrangler.jsonc') }).rawConfig as RawEnv & { env?: Record<string, RawEnv> };

/** A few at a time: the machine has two cores and wrangler is mostly CPU. */
async function pool<T, R>(items: readonly T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!);
      }
    }),
  );
  return results;
}

describe('wrangler.jsonc of every worker', () => {
  it('has a production environment with the production names, and local and staging as they were', () => {
    for (const worker of workers) {
      const config = raw(worker);
      expect(config.name).toBe(workerName(worker, 'production'));
      expect(config.env?.production?.name).toBe(workerName(worker, 'production'));
      expect(config.env?.production?.vars).toEqual({ BASE_DOMAIN: 'yingshang.gov.cn', ENVIRONMENT: 'production' });
      expect(config.env?.staging?.name).toBe(workerName(worker, 'staging'));
      expect(config.env?.local?.name).toBe(`yingshang-${worker}-local`);
    }
    const gateway = raw('gateway').env!;
    for (const env of ['production', 'staging'] as const) {
      expect(gateway[env]!.services!.map((s) => s.service).sort()).toEqual(services.map((s) => workerName(s, env)).sort());
    }
    expect(gateway.production!.routes).toEqual([{ pattern: '*.yingshang.gov.cn/*', zone_name: 'yingshang.gov.cn' }]);
    // Only the gateway is public: no service has a route of its own.
    for (const s of services) expect(raw(s).env?.production?.routes ?? []).toEqual([]);
  });

  it('lists, for production, the secrets each worker reads (services/*/src/secrets.d.ts)', () => {
    for (const worker of workers) {
      const declared = [...readFileSync(join(workerDir(worker), 'src', 'secrets.d.ts'), 'utf8').matchAll(/^\s+([A-Z_]+)(\??):/gm)];
      expect(declared.filter((m) => !m[2]).map((m) => m[1])).toEqual(workerSecrets[worker].required);
      expect(declared.filter((m) => m[2]).map((m) => m[1])).toEqual(workerSecrets[worker].optional);
      expect(raw(worker).env?.production?.secrets?.required ?? []).toEqual(workerSecrets[worker].required);
    }
  });
});

describe('binding types', () => {
  it('every committed worker-configuration.d.ts is what `wrangler types --env-interface Env` generates now', async () => {
    const results = await pool(workers, 2, async (worker) => ({
      worker,
      ...(await spawnRunner({ program: 'wrangler', args: ['types', '--env-interface', 'Env', '--check'], cwd: workerDir(worker) })),
    }));
    const stale = results.filter((r) => r.code !== 0).map((r) => `${r.worker}: run \`pnpm --filter @yingshang/${r.worker} types\`\n${r.output.trim().split('\n').slice(-5).join('\n')}`);
    expect(stale).toEqual([]);
    // Bounded: five `wrangler types` two at a time take ~15 s on an idle 2-core machine.
  }, 180_000);
});

describe('production bundles against Workers’ limits', () => {
  let outRoot: string;
  let reports: BundleReport[];
  beforeAll(async () => {
    outRoot = mkdtempSync(join(tmpdir(), 'ys-bundles-'));
    reports = await pool(workers, 2, (worker) => buildAndMeasure(worker, { env: 'production', outRoot, startupRuns: 2, run: spawnRunner, log: () => {} }));
    console.log(['bundle sizes and startup (production):', ...reports.map((r) => formatRow(r, 'free'))].join('\n'));
  }, 240_000);
  afterAll(() => rmSync(outRoot, { recursive: true, force: true }));

  it('each bundle is within the free plan’s 3 MB gzip and our 400 KB budget', () => {
    for (const r of reports) {
      expect(r.files.map((f) => f.name)).toContain('index.js');
      expect(r.gzipBytes, r.worker).toBeLessThanOrEqual(limits.gzipBytes.free);
      expect(r.gzipBytes, r.worker).toBeLessThanOrEqual(budgets.gzipBytes);
    }
  });

  it('each worker starts within Cloudflare’s 1 s (the 50 ms budget is reported)', () => {
    for (const r of reports) {
      expect(r.startupMs, r.worker).not.toBeNull();
      // A worker as small as the gateway can start between two samples of the profiler: 0 ms is a real answer.
      expect(r.startupMs!, r.worker).toBeGreaterThanOrEqual(0);
      expect(r.startupMs!, r.worker).toBeLessThanOrEqual(limits.startupMs);
      expect(judge(r, 'free').errors).toEqual([]);
    }
    // Measured on this machine's CPU, which is slower and busier than Cloudflare's: an over-budget startup is a
    // warning to look at (the deploy prints it too), not a failure.
    const over = reports.flatMap((r) => judge(r, 'free').warnings);
    if (over.length > 0) console.warn(`startup over budget:\n  ${over.join('\n  ')}`);
  });
});
