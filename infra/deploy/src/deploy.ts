// The deploy, in the only safe order: build and check every bundle locally → migrate (as the owner) → for each
// service: its secrets, then the service → the gateway last, since it is the only public door. Each step is
// checked and the first failure stops everything after it.
//
//   pnpm --filter @yingshang/deploy run deploy -- --dry-run        every step printed, nothing sent
//   pnpm --filter @yingshang/deploy run deploy -- --env production  the real thing
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildAndMeasure, formatRow, judge, type BundleReport } from './bundle.ts';
import { asEnvironment, parseCli, runMain, shortPath, UsageError } from './cli.ts';
import { deployRoot, repoRoot, services, workerDir, workerName, workers, type Environment, type Plan, type Service, type Worker } from './config.ts';
import { migrationFiles, neonDatabase, type DatabaseOps } from './database.ts';
import type { Log } from './neon.ts';
import { describe, spawnRunner, type Command, type Runner } from './runner.ts';
import { readSecrets, redact, redactSecret, secretsPath, type DeploySecrets } from './secrets.ts';

export interface DeployOptions {
  dryRun: boolean;
  env: Environment;
  plan: Plan;
  secretsFile: string;
  /** Skip the turbo build (the front end and the gateway's assets) when it has just run. */
  skipBuild: boolean;
  /** Startup profiles per worker; the least is kept (0: size only). */
  startupRuns: number;
  outRoot: string;
  /** Optional gateway secret: hides the API docs unless this header value is sent. */
  docsToken?: string | undefined;
}

export interface DeployDeps {
  run?: Runner;
  db?: DatabaseOps;
  log?: Log;
  processEnv?: NodeJS.ProcessEnv;
}

interface Step {
  title: string;
  /** Remote steps change Cloudflare or the database: a dry run prints them instead. */
  remote: boolean;
  action: () => Promise<void>;
}

export interface DeployResult {
  ok: boolean;
  completed: string[];
  failed: string | null;
  notRun: string[];
  bundles: BundleReport[];
}

function placeholderSecrets(env: Environment): DeploySecrets {
  const host = '<endpoint>-pooler.<region>.aws.neon.tech';
  const url = (role: string, h = host) => `postgresql://${role}:<password>@${h}/yingshang?sslmode=require`;
  return {
    ownerUrl: url('yingshang_owner', '<endpoint>.<region>.aws.neon.tech'),
    jwtSecret: `<${env} JWT secret, 64 characters>`,
    databaseUrls: Object.fromEntries(services.map((s) => [s, url(`ys_${s}_login`)])) as Record<Service, string>,
  };
}

export async function deploy(o: DeployOptions, deps: DeployDeps = {}): Promise<DeployResult> {
  const log = deps.log ?? console.log;
  const run = deps.run ?? spawnRunner;
  const db = deps.db ?? neonDatabase;
  const processEnv = deps.processEnv ?? process.env;

  let secrets = readSecrets(o.secretsFile, processEnv);
  if (!secrets) {
    if (!o.dryRun) {
      throw new UsageError(
        `no connection strings: run \`pnpm --filter @yingshang/deploy run provision -- --env ${o.env}\` first (it writes ${shortPath(o.secretsFile)}), or set DATABASE_OWNER_URL, JWT_SECRET and DATABASE_URL_<SERVICE>`,
      );
    }
    log(`(${shortPath(o.secretsFile)} not found and no DATABASE_URL_* variables: the dry run shows placeholders where provisioning's connection strings go)`);
    secrets = placeholderSecrets(o.env);
  }
  const s = secrets;

  log(`${o.dryRun ? 'DRY RUN — local steps run, remote steps are only printed. ' : ''}Deploying Yingshang to ${o.env} (${o.plan} plan limits)`);
  const bundles: BundleReport[] = [];
  const wrangler = (worker: Worker, args: string[], input?: string): Command => ({
    program: 'wrangler',
    args: [...args, '--env', o.env],
    cwd: workerDir(worker),
    ...(input === undefined ? {} : { input }),
  });
  const exec = async (command: Command, shownValue?: string) => {
    const where = shortPath(command.cwd);
    const value = shownValue ? `   ← ${shownValue}` : '';
    if (o.dryRun) {
      log(`  would ${describe(command)}   (in ${where})${value}`);
      return;
    }
    log(`  run   ${describe(command)}   (in ${where})${value}`);
    const result = await run(command);
    if (result.code !== 0) throw new Error(`${describe(command)} exited with ${result.code}:\n${result.output.trim().split('\n').slice(-20).join('\n')}`);
    for (const line of result.output.split('\n')) if (/Deployed|Current Version ID|Success/i.test(line)) log(`        ${line.trim()}`);
  };

  const steps: Step[] = [];
  if (!o.skipBuild) {
    steps.push({
      title: 'build the front end and the gateway assets (turbo, cached)',
      remote: false,
      action: async () => {
        const command: Command = { program: 'pnpm', args: ['exec', 'turbo', 'run', 'build', '--filter=@yingshang/gateway...', '--output-logs=errors-only'], cwd: repoRoot };
        log(`  local ${describe(command)}`);
        const result = await run(command);
        if (result.code !== 0) throw new Error(`build failed:\n${result.output.trim().split('\n').slice(-20).join('\n')}`);
      },
    });
  }
  steps.push({
    title: `bundle every worker for ${o.env} and check it against Workers' limits`,
    remote: false,
    action: async () => {
      for (const worker of workers) bundles.push(await buildAndMeasure(worker, { env: o.env, outRoot: o.outRoot, startupRuns: o.startupRuns, run, log }));
      log('');
      for (const b of bundles) log(formatRow(b, o.plan));
      const verdicts = bundles.map((b) => judge(b, o.plan));
      for (const w of verdicts.flatMap((v) => v.warnings)) log(`  ⚠ ${w}`);
      const errors = verdicts.flatMap((v) => v.errors);
      if (errors.length > 0) throw new Error(`over Cloudflare's limits, nothing deployed:\n  ${errors.join('\n  ')}`);
      log(`  ok    every bundle is within Cloudflare's limits`);
    },
  });
  steps.push({
    title: 'Cloudflare account reachable (wrangler whoami)',
    remote: true,
    action: () => exec({ program: 'wrangler', args: ['whoami'], cwd: workerDir('gateway') }),
  });
  steps.push({
    title: `migrate the database as the owner (${redact(s.ownerUrl)})`,
    remote: true,
    action: async () => {
      const files = migrationFiles();
      if (o.dryRun) {
        log(`  would apply the pending ones of ${files.length} migrations (${files[0]} … ${files.at(-1)}) as the owner`);
        return;
      }
      log(`  run   pending migrations of ${files.length} (${files[0]} … ${files.at(-1)})`);
      await db.migrate(s.ownerUrl);
    },
  });
  for (const service of services) {
    steps.push({
      title: `${workerName(service, o.env)}: secrets, then deploy`,
      remote: true,
      action: async () => {
        // Secrets first: the version that reads them must never run without them (a missing Worker is created).
        await exec(wrangler(service, ['secret', 'put', 'DATABASE_URL'], s.databaseUrls[service]), redact(s.databaseUrls[service]));
        await exec(wrangler(service, ['secret', 'put', 'JWT_SECRET'], s.jwtSecret), redactSecret(s.jwtSecret));
        await exec(wrangler(service, ['deploy']));
      },
    });
  }
  steps.push({
    title: `${workerName('gateway', o.env)}: deploy (the public routes; last, so it never forwards to a missing service)`,
    remote: true,
    action: async () => {
      if (o.docsToken) await exec(wrangler('gateway', ['secret', 'put', 'DOCS_TOKEN'], o.docsToken), redactSecret(o.docsToken));
      await exec(wrangler('gateway', ['deploy']));
    },
  });

  const completed: string[] = [];
  for (const [i, step] of steps.entries()) {
    log(`\n» ${i + 1}/${steps.length} ${step.title}${step.remote && o.dryRun ? '   [remote: printed only]' : ''}`);
    try {
      await step.action();
      completed.push(step.title);
    } catch (err) {
      const notRun = steps.slice(i + 1).map((x) => x.title);
      log(`\n✗ step ${i + 1} failed: ${err instanceof Error ? err.message : String(err)}`);
      if (notRun.length > 0) log(`  stopped; not run:\n${notRun.map((t) => `    - ${t}`).join('\n')}`);
      if (i >= 3) log('  Services deployed before the failure run their new version against the migrated schema; see "Rolling back" in infra/deploy/README.md.');
      return { ok: false, completed, failed: step.title, notRun, bundles };
    }
  }
  log(
    o.dryRun
      ? `\nDry run complete: ${steps.length} steps. Nothing was sent to Cloudflare or Neon. Bundles are in ${shortPath(join(o.outRoot, o.env))}.`
      : `\n✓ deployed to ${o.env}. First deploy: \`pnpm --filter @yingshang/deploy run bootstrap -- --env ${o.env}\` once. Roll back with \`wrangler rollback --env ${o.env}\` in a worker's folder (README: "Rolling back").`,
  );
  return { ok: true, completed, failed: null, notRun: [], bundles };
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, deps: DeployDeps = {}): Promise<number> {
  const { values } = parseCli(argv, {
    'dry-run': { type: 'boolean', default: false },
    env: { type: 'string' },
    plan: { type: 'string', default: 'free' },
    secrets: { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
    'startup-runs': { type: 'string', default: '3' },
    outdir: { type: 'string' },
  });
  const environment = asEnvironment(values.env);
  if (values.plan !== 'free' && values.plan !== 'paid') throw new UsageError('--plan must be free or paid');
  const startupRuns = Number(values['startup-runs']);
  if (!Number.isInteger(startupRuns) || startupRuns < 0) throw new UsageError('--startup-runs must be a whole number');
  const result = await deploy(
    {
      dryRun: values['dry-run'],
      env: environment,
      plan: values.plan,
      secretsFile: values.secrets ?? secretsPath(environment),
      skipBuild: values['skip-build'],
      startupRuns,
      outRoot: values.outdir ?? join(deployRoot, 'dist'),
      docsToken: env.DOCS_TOKEN || undefined,
    },
    { processEnv: env, ...deps },
  );
  return result.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) runMain(() => main(process.argv.slice(2)));
