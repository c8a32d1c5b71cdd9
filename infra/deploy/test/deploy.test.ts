import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { judge, startupMsFromProfile, type BundleReport } from '../src/bundle.ts';
import { repoRoot, services } from '../src/config.ts';
import type { DatabaseOps } from '../src/database.ts';
import { deploy, main, type DeployOptions } from '../src/deploy.ts';
import type { Command, Runner } from '../src/runner.ts';
import { writeSecrets, type DeploySecrets } from '../src/secrets.ts';

const secrets: DeploySecrets = {
  ownerUrl: 'postgresql://yingshang_owner:OwnerSecret-0123456789@ep-a-1.aws.neon.tech/yingshang?sslmode=require',
  jwtSecret: 'JwtSecret-0123456789-0123456789-0123456789-0123456789-0123456789',
  databaseUrls: Object.fromEntries(
    services.map((s) => [s, `postgresql://ys_${s}_login:${s}Secret-0123456789@ep-a-1-pooler.aws.neon.tech/yingshang?sslmode=require`]),
  ) as DeploySecrets['databaseUrls'],
};

/** A CPU profile as `wrangler check startup` writes it: `activeMs` of work between two idle samples. */
function profile(activeMs: number) {
  return {
    nodes: [
      { id: 1, callFrame: { functionName: '(root)' } },
      { id: 2, callFrame: { functionName: '(idle)' } },
      { id: 3, callFrame: { functionName: '' } },
    ],
    startTime: 0,
    endTime: (activeMs + 20) * 1000,
    samples: [2, 3, 3, 2],
    timeDeltas: [10_000, (activeMs / 2) * 1000, (activeMs / 2) * 1000, 10_000],
  };
}

/** Where each command ran and what it was, in one timeline with the database steps. */
type Event = { kind: 'run'; where: string; args: string; input?: string } | { kind: 'migrate'; url: string };

interface FakeOptions {
  /** Fail the first command whose `where args` contains this. */
  failOn?: string;
  gzipHeavy?: string;
}

function fakes(events: Event[], o: FakeOptions = {}) {
  const run: Runner = async (command: Command) => {
    const where = relative(repoRoot, command.cwd) || '.';
    const args = `${command.program} ${command.args.join(' ')}`;
    events.push({ kind: 'run', where, args, ...(command.input === undefined ? {} : { input: command.input }) });
    if (o.failOn && `${where} ${args}`.includes(o.failOn)) return { code: 1, output: 'fake wrangler: told to fail here' };
    const at = (flag: string) => command.args[command.args.indexOf(flag) + 1]!;
    if (command.args[0] === 'deploy' && command.args.includes('--dry-run')) {
      const outdir = at('--outdir');
      mkdirSync(outdir, { recursive: true });
      const heavy = o.gzipHeavy && where.endsWith(o.gzipHeavy);
      // Incompressible bytes make a bundle over the free plan's 3 MB; otherwise a small, very compressible one.
      writeFileSync(join(outdir, 'index.js'), heavy ? randomBytes(3.2 * 1024 * 1024) : `export default {};\n${'//'.repeat(60_000)}`);
      writeFileSync(join(outdir, 'index.js.map'), '{}');
      writeFileSync(at('--outfile'), 'bundle');
    }
    if (command.args[0] === 'check') {
      mkdirSync(dirname(at('--outfile')), { recursive: true });
      writeFileSync(at('--outfile'), JSON.stringify(profile(12)));
    }
    return { code: 0, output: command.args[0] === 'deploy' ? 'Deployed yingshang-x triggers\nCurrent Version ID: 0000' : '' };
  };
  const db: DatabaseOps = {
    async migrate(url) {
      events.push({ kind: 'migrate', url });
      if (o.failOn === 'migrate') throw new Error('migration 0005 failed: relation exists');
    },
    execute: async () => {},
    query: async () => [],
  };
  return { run, db };
}

let dir: string;
let lines: string[];
const log = (line: string) => lines.push(line);

function options(over: Partial<DeployOptions> = {}): DeployOptions {
  return { dryRun: false, env: 'production', plan: 'free', secretsFile: join(dir, 'production.json'), skipBuild: false, startupRuns: 1, outRoot: join(dir, 'out'), ...over };
}

const remote = (e: Event) => e.kind === 'migrate' || (e.kind === 'run' && !e.args.includes('--dry-run') && !e.args.startsWith('wrangler check') && !e.args.startsWith('pnpm'));
const show = (e: Event) => (e.kind === 'migrate' ? 'migrate' : `${e.where}: ${e.args.replace(/ --env production$/, '')}`);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ys-deploy-'));
  lines = [];
  writeSecrets(join(dir, 'production.json'), secrets);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('deploy --dry-run', () => {
  it('runs only the local steps, prints every remote one with its arguments, the bundle sizes and the redacted strings', async () => {
    const events: Event[] = [];
    const { run, db } = fakes(events);
    const result = await deploy(options({ dryRun: true }), { run, db, log });
    expect(result.ok).toBe(true);
    expect(events.filter(remote)).toEqual([]);
    expect(events.map((e) => (e.kind === 'run' ? `${e.where}: ${e.args.split(' ').slice(0, 3).join(' ')}` : e.kind))).toEqual([
      '.: pnpm exec turbo',
      ...['identity', 'projects', 'enterprise', 'assessments', 'gateway'].flatMap((w) => [`services/${w}: wrangler deploy --dry-run`, `services/${w}: wrangler check startup`]),
    ]);
    const out = lines.join('\n');
    // Sizes and startup against the limits, one row per worker.
    for (const w of ['identity', 'projects', 'enterprise', 'assessments', 'gateway']) {
      expect(out).toMatch(new RegExp(`  ${w} +[\\d.]+ KB +[\\d.]+ KB gzip   limit 3 MB \\(free\\), budget 400 KB   startup +12\\.0 ms   limit 1000 ms, budget 50 ms`));
    }
    // Every remote step, in order, with the redacted connection string it would set.
    const would = lines.filter((l) => l.trimStart().startsWith('would')).map((l) => l.trim());
    expect(would[0]).toBe('would wrangler whoami   (in services/gateway)');
    expect(would[1]).toMatch(/^would apply the pending ones of \d+ migrations/);
    const wranglerSteps = would.slice(2).map((l) => l.replace(/ +← .*$/, ''));
    expect(wranglerSteps).toEqual([
      ...services.flatMap((s) => [
        `would wrangler secret put DATABASE_URL --env production   (in services/${s})`,
        `would wrangler secret put JWT_SECRET --env production   (in services/${s})`,
        `would wrangler deploy --env production   (in services/${s})`,
      ]),
      'would wrangler deploy --env production   (in services/gateway)',
    ]);
    for (const s of services) {
      expect(out).toContain(`would wrangler secret put DATABASE_URL --env production   (in services/${s})   ← postgresql://ys_${s}_login:****@ep-a-1-pooler.aws.neon.tech/yingshang?sslmode=require`);
    }
    expect(out).toContain('← ****(64 chars)');
    expect(out).not.toMatch(/Secret-0123456789/);
  });

  it('without provisioning yet shows placeholders and still runs', async () => {
    rmSync(join(dir, 'production.json'));
    const events: Event[] = [];
    const { run, db } = fakes(events);
    const result = await deploy(options({ dryRun: true, skipBuild: true }), { run, db, log, processEnv: {} });
    expect(result.ok).toBe(true);
    expect(lines.join('\n')).toContain('← postgresql://ys_identity_login:****@<endpoint>-pooler.<region>.aws.neon.tech/yingshang?sslmode=require');
  });

  it('the CLI takes pnpm’s `--` and the flags after it', async () => {
    const events: Event[] = [];
    const { run, db } = fakes(events);
    const code = await main(['--', '--dry-run', '--skip-build', '--secrets', join(dir, 'production.json'), '--startup-runs', '0', '--outdir', join(dir, 'out')], {}, { run, db, log });
    expect(code).toBe(0);
    expect(events.filter(remote)).toEqual([]);
    expect(events.some((e) => e.kind === 'run' && e.args.startsWith('wrangler check'))).toBe(false);
  });
});

describe('deploy', () => {
  it('migrates, then for each service puts its secrets and deploys it, and deploys the gateway last', async () => {
    const events: Event[] = [];
    const { run, db } = fakes(events);
    const result = await deploy(options(), { run, db, log });
    expect(result.ok).toBe(true);
    expect(events.filter(remote).map(show)).toEqual([
      'services/gateway: wrangler whoami',
      'migrate',
      ...services.flatMap((s) => [`services/${s}: wrangler secret put DATABASE_URL`, `services/${s}: wrangler secret put JWT_SECRET`, `services/${s}: wrangler deploy`]),
      'services/gateway: wrangler deploy',
    ]);
    expect(events.find((e) => e.kind === 'migrate')).toEqual({ kind: 'migrate', url: secrets.ownerUrl });
    // Secret values go on standard input, never in the arguments, and each service gets its own login role.
    for (const s of services) {
      const puts = events.filter((e): e is Extract<Event, { kind: 'run' }> => e.kind === 'run' && e.where === `services/${s}` && e.args.includes('secret put'));
      expect(puts.map((p) => p.input)).toEqual([secrets.databaseUrls[s], secrets.jwtSecret]);
    }
    expect(events.some((e) => e.kind === 'run' && /Secret-0123456789/.test(e.args))).toBe(false);
    expect(events.filter((e) => e.kind === 'run' && e.args.startsWith('wrangler deploy --env')).every((e) => (e as { args: string }).args.endsWith('--env production'))).toBe(true);
  });

  it('stops at the first failed step: nothing after it runs', async () => {
    const events: Event[] = [];
    const { run, db } = fakes(events, { failOn: 'services/projects wrangler deploy --env production' });
    const result = await deploy(options(), { run, db, log });
    expect(result.ok).toBe(false);
    expect(result.failed).toBe('yingshang-projects: secrets, then deploy');
    expect(result.notRun).toEqual(['yingshang-enterprise: secrets, then deploy', 'yingshang-assessments: secrets, then deploy', expect.stringContaining('yingshang-gateway')]);
    expect(events.filter(remote).map(show).at(-1)).toBe('services/projects: wrangler deploy');
    expect(events.some((e) => e.kind === 'run' && (e.where === 'services/enterprise' || e.where === 'services/assessments') && remote(e))).toBe(false);
    expect(lines.join('\n')).toContain('✗ step 6 failed');
  });

  it('a failed migration deploys nothing', async () => {
    const events: Event[] = [];
    const { run, db } = fakes(events, { failOn: 'migrate' });
    const result = await deploy(options(), { run, db, log });
    expect(result.ok).toBe(false);
    expect(events.filter(remote).map(show)).toEqual(['services/gateway: wrangler whoami', 'migrate']);
    expect(lines.join('\n')).toContain('migration 0005 failed');
  });

  it('a bundle over Cloudflare’s limit stops before anything remote', async () => {
    const events: Event[] = [];
    const { run, db } = fakes(events, { gzipHeavy: 'enterprise' });
    const result = await deploy(options({ skipBuild: true }), { run, db, log });
    expect(result.ok).toBe(false);
    expect(events.filter(remote)).toEqual([]);
    expect(lines.join('\n')).toMatch(/enterprise: [\d.]+ KB gzip is over the free plan's 3072\.0 KB/);
  });

  it('refuses to run for real without connection strings, and takes them from the environment', async () => {
    rmSync(join(dir, 'production.json'));
    const { run, db } = fakes([]);
    await expect(deploy(options(), { run, db, log, processEnv: {} })).rejects.toThrow(/run `pnpm --filter @yingshang\/deploy run provision/);
    const events: Event[] = [];
    const env = {
      DATABASE_OWNER_URL: secrets.ownerUrl,
      JWT_SECRET: secrets.jwtSecret,
      ...Object.fromEntries(services.map((s) => [`DATABASE_URL_${s.toUpperCase()}`, secrets.databaseUrls[s]])),
    };
    const result = await deploy(options({ skipBuild: true, startupRuns: 0 }), { ...fakes(events), log, processEnv: env });
    expect(result.ok).toBe(true);
    expect(events.filter((e) => e.kind === 'run' && e.args.includes('secret put DATABASE_URL')).map((e) => (e as { input: string }).input)).toEqual(services.map((s) => secrets.databaseUrls[s]));
  });
});

describe('limits', () => {
  const report = (gzipBytes: number, startupMs: number | null): BundleReport => ({ worker: 'identity', files: [], bytes: gzipBytes * 4, gzipBytes, startupMs });
  it('judges a bundle against Cloudflare’s limits (errors) and our budget (warnings)', () => {
    expect(judge(report(300 * 1024, 20), 'free')).toEqual({ errors: [], warnings: [] });
    expect(judge(report(500 * 1024, 20), 'free').warnings).toHaveLength(1);
    expect(judge(report(4 * 1024 * 1024, 20), 'free').errors).toHaveLength(1);
    expect(judge(report(4 * 1024 * 1024, 20), 'paid').errors).toHaveLength(0);
    expect(judge(report(100, 80), 'free').warnings[0]).toContain('over our 50 ms budget');
    expect(judge(report(100, 1200), 'free').errors[0]).toContain("over Cloudflare's 1000 ms");
  });
  it('reads the active startup time from a CPU profile, idle excluded', () => {
    expect(startupMsFromProfile(profile(12))).toBe(12);
  });
  it('does not count a preemption of the whole process as startup time', () => {
    const nodes = [{ id: 1, callFrame: { functionName: '(idle)' } }, { id: 2, callFrame: { functionName: 'init' } }];
    // 40 samples 1 ms apart, one of them after 200 ms during which the machine ran something else.
    const timeDeltas = [...Array.from({ length: 39 }, () => 1000), 200_000];
    expect(startupMsFromProfile({ nodes, samples: timeDeltas.map(() => 2), timeDeltas })).toBe(43);
  });
});

describe('the deploy CLI with a stand-in wrangler executable', () => {
  const fake = fileURLToPath(new URL('fixtures/fake-wrangler.mjs', import.meta.url));
  const run = async (fail?: { args: string; in: string }) => {
    const log = join(dir, 'wrangler.log');
    chmodSync(fake, 0o755);
    const stand = { YS_WRANGLER: fake, FAKE_WRANGLER_LOG: log, FAKE_WRANGLER_FAIL: fail?.args ?? '', FAKE_WRANGLER_FAIL_IN: fail?.in ?? '' };
    Object.assign(process.env, stand);
    const events: Event[] = [];
    try {
      const code = await main(['--', '--skip-build', '--startup-runs', '1', '--secrets', join(dir, 'production.json'), '--outdir', join(dir, 'out')], {}, { db: fakes(events).db, log: (l) => lines.push(l) });
      const calls = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { cwd: string; args: string[]; input: string });
      return { code, calls, events };
    } finally {
      for (const key of Object.keys(stand)) delete process.env[key];
    }
  };

  it('runs the real commands in order, secrets on standard input, and exits 0', async () => {
    const { code, calls, events } = await run();
    expect(code).toBe(0);
    const remoteCalls = calls.filter((c) => !c.args.includes('--dry-run') && c.args[0] !== 'check');
    expect(remoteCalls.map((c) => `${relative(repoRoot, c.cwd)}: ${c.args.join(' ')}`)).toEqual([
      'services/gateway: whoami',
      ...services.flatMap((s) => [
        `services/${s}: secret put DATABASE_URL --env production`,
        `services/${s}: secret put JWT_SECRET --env production`,
        `services/${s}: deploy --env production`,
      ]),
      'services/gateway: deploy --env production',
    ]);
    expect(remoteCalls.filter((c) => c.args[0] === 'secret').map((c) => c.input)).toEqual(services.flatMap((s) => [secrets.databaseUrls[s], secrets.jwtSecret]));
    expect(events).toEqual([{ kind: 'migrate', url: secrets.ownerUrl }]);
    expect(lines.join('\n')).toContain('Current Version ID: 00000000-0000-0000-0000-000000000000');
  });

  it('exits 1 at the first failing command and runs nothing after it', async () => {
    const { code, calls } = await run({ args: 'secret put JWT_SECRET', in: 'services/enterprise' });
    expect(code).toBe(1);
    const last = calls.at(-1)!;
    expect(`${relative(repoRoot, last.cwd)}: ${last.args.join(' ')}`).toBe('services/enterprise: secret put JWT_SECRET --env production');
    expect(lines.join('\n')).toContain('fake wrangler told to fail');
  });
});
