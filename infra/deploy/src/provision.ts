// Neon provisioning: project, branch, owner role, migrations, one login role per service, and the connection
// strings the Workers need. Safe to run again: it finds what exists and makes only what is missing.
//
//   pnpm --filter @yingshang/deploy run provision -- [--dry-run] [--env production|staging]
//   pnpm --filter @yingshang/deploy run branch -- create pr-42 [--parent main] | delete pr-42
//   pnpm --filter @yingshang/deploy run provision -- restore --to 2026-11-26T08:00:00Z [--branch main]
import { appendFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Endpoint } from '@neondatabase/api-client';
import { asEnvironment, parseCli, runMain, shortPath, UsageError } from './cli.ts';
import { defaults, loginRole, services, workerName, type Environment, type Service } from './config.ts';
import { loginRoleStatements, migrationFiles, neonDatabase, roleCheckQuery, roleProblems, type DatabaseOps, type RoleCheck } from './database.ts';
import { NeonSteps, pooledHost, type Log } from './neon.ts';
import { connectionString, newSecret, readSecrets, redact, redactSecret, secretsPath, writeSecrets, type DeploySecrets } from './secrets.ts';

export interface ProvisionOptions {
  dryRun: boolean;
  apiKey: string | null;
  baseURL?: string | undefined;
  orgId?: string | undefined;
  env: Environment;
  project: string;
  branch: string;
  /** When the branch is missing it is made from this one (the project's default branch when unset). */
  parent?: string | undefined;
  /** A new branch starts from its parent as it was at this time (ISO 8601), not as it is now. */
  at?: string | undefined;
  /** A preview branch is made only inside a project that exists already. */
  requireProject?: boolean;
  database: string;
  owner: string;
  region: string;
  /** New passwords for the login roles even when the secrets file has working ones. */
  rotate: boolean;
  /** Where the connection strings are written (mode 600); the deploy reads them from there. */
  out: string;
  /** Print the connection strings in full instead of with the password masked. */
  reveal: boolean;
  /** GitHub Actions: write the strings to this file as step outputs, and mask them in the log. */
  githubOutput?: string | undefined;
}

export interface ProvisionDeps {
  db?: DatabaseOps;
  log?: Log;
  pollMs?: number;
}

export function provisionDefaults(env: Environment): Omit<ProvisionOptions, 'dryRun' | 'apiKey'> {
  return {
    env,
    project: defaults.project,
    branch: env === 'production' ? defaults.branch : env,
    database: defaults.database,
    owner: defaults.owner,
    region: defaults.region,
    rotate: false,
    out: secretsPath(env),
    reveal: false,
  };
}

function passwordOf(url: string | undefined): string | null {
  const match = url?.match(/^[a-z]+:\/\/[^:/@]+:([^@]*)@/);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

export async function provision(o: ProvisionOptions, deps: ProvisionDeps = {}): Promise<DeploySecrets> {
  const log = deps.log ?? console.log;
  const db = deps.db ?? neonDatabase;
  if (!o.apiKey && !o.dryRun) throw new UsageError('NEON_API_KEY is not set (a Neon API key: console → Account settings → API keys)');
  const neon = new NeonSteps({ apiKey: o.apiKey, baseURL: o.baseURL, orgId: o.orgId, dryRun: o.dryRun, log, ...(deps.pollMs === undefined ? {} : { pollMs: deps.pollMs }) });
  log(`${o.dryRun ? 'DRY RUN — nothing is created or changed. ' : ''}Provisioning Neon for ${o.env}: project "${o.project}", branch "${o.branch}", database "${o.database}"`);

  log('» 1. project');
  let project = await neon.findProject(o.project);
  let branch: { id: string; name: string } | null = null;
  let endpoint: Endpoint | null = null;
  let ownerPassword: string | null = null;
  if (!project && o.requireProject) {
    if (!o.dryRun) throw new Error(`Neon project "${o.project}" does not exist: run provision first`);
    log(`  (project "${o.project}" not found; a real run stops here — the dry run goes on with a stand-in id)`);
    project = { id: '<project id>', name: o.project } as NonNullable<typeof project>;
  }
  if (!project) {
    // The root branch is always main (production); staging or a preview is then made from it below.
    const made = await neon.createProject({ name: o.project, region: o.region, pgVersion: defaults.pgVersion, branch: defaults.branch, owner: o.owner, database: o.database });
    project = made.project;
    if (made.branch.name === o.branch) {
      branch = made.branch;
      endpoint = made.endpoints.find((e) => e.type === 'read_write') ?? null;
      ownerPassword = made.roles.find((r) => r.name === o.owner)?.password ?? null;
    }
  }
  const projectId = project.id;

  log('» 2. branch and compute endpoint');
  if (!branch) {
    const branches = await neon.listBranches(projectId);
    branch = branches.find((b) => b.name === o.branch) ?? null;
    if (!branch) {
      const parent = o.parent ? branches.find((b) => b.name === o.parent) : branches.find((b) => b.default);
      if (o.parent && !parent && !o.dryRun) throw new Error(`parent branch "${o.parent}" does not exist in project "${o.project}"`);
      const made = await neon.createBranch(projectId, { name: o.branch, parentId: parent?.id, parentTimestamp: o.at });
      branch = made.branch;
      endpoint = made.endpoints.find((e) => e.type === 'read_write') ?? null;
    }
  }
  const branchId = branch.id;
  if (!endpoint) {
    endpoint = (await neon.listEndpoints(projectId, branchId)).find((e) => e.type === 'read_write') ?? null;
    endpoint ??= (await neon.createEndpoint(projectId, branchId)).endpoint;
  }
  const host = endpoint.host;

  log('» 3. owner role (runs the migrations; never a Worker secret) and database');
  if (!ownerPassword) {
    const roles = await neon.listRoles(projectId, branchId);
    ownerPassword = roles.some((r) => r.name === o.owner)
      ? await neon.revealPassword(projectId, branchId, o.owner)
      : ((await neon.createRole(projectId, branchId, o.owner)).role.password ?? null);
  }
  if (!ownerPassword) throw new Error(`Neon returned no password for ${o.owner}; the project must store passwords (or reset it in the console)`);
  if (!(await neon.listDatabases(projectId, branchId)).some((d) => d.name === o.database)) {
    await neon.createDatabase(projectId, branchId, o.database, o.owner);
  }
  const ownerUrl = connectionString({ role: o.owner, password: ownerPassword, host, database: o.database });

  log(`» 4. migrations, as ${o.owner} on ${host}`);
  const files = migrationFiles();
  if (o.dryRun) log(`  sql   would apply the pending ones of ${files.length} migrations (${files[0]} … ${files.at(-1)}) from packages/db/migrations`);
  else {
    log(`  sql   applying pending migrations of ${files.length} (${files[0]} … ${files.at(-1)})`);
    await db.migrate(ownerUrl);
  }

  log('» 5. one login role per service: member of its ys_<service> role, NOSUPERUSER, NOBYPASSRLS, owner of nothing');
  const previous = readSecrets(o.out, {});
  const databaseUrls = {} as Record<Service, string>;
  for (const service of services) {
    const kept = o.rotate || o.dryRun ? null : passwordOf(previous?.databaseUrls[service]);
    const password = kept ?? newSecret();
    const statements = loginRoleStatements(service, password);
    for (const statement of loginRoleStatements(service, '****')) {
      log(`  sql   ${o.dryRun ? 'would run ' : ''}${statement.replace(/\s*\n\s*/g, ' ')}`);
    }
    if (!o.dryRun) await db.execute(ownerUrl, statements);
    databaseUrls[service] = connectionString({ role: loginRole(service), password, host: pooledHost(host), database: o.database });
  }

  log('» 6. check the login roles as the database sees them');
  if (o.dryRun) log('  sql   would check pg_roles / pg_auth_members: login, no SUPERUSER/BYPASSRLS/CREATEROLE/CREATEDB, one membership, owns nothing');
  else {
    const problems = roleProblems(await db.query<RoleCheck>(ownerUrl, roleCheckQuery()));
    if (problems.length > 0) throw new Error(`login roles are not safe: ${problems.join('; ')}`);
    log('  ok    4 login roles: LOGIN, NOSUPERUSER, NOBYPASSRLS, NOCREATEROLE, NOCREATEDB, each a member of its ys_<service> role only');
  }

  const secrets: DeploySecrets = {
    ownerUrl,
    // The JWT secret is kept across runs: a new one would sign every user out. Rotate it on purpose (runbook).
    jwtSecret: previous?.jwtSecret ?? newSecret(48),
    databaseUrls,
    neon: { projectId, branchId, branch: o.branch, host, database: o.database },
  };
  printSecrets(secrets, o, log);
  if (!o.dryRun) {
    writeSecrets(o.out, secrets);
    log(`\nWritten to ${shortPath(o.out)} (mode 600, git-ignored). Next: pnpm --filter @yingshang/deploy run deploy -- --env ${o.env}`);
    if (o.githubOutput) writeGithubOutput(o.githubOutput, secrets, log);
  } else {
    log(`\nDry run: nothing written. A real run writes these to ${shortPath(o.out)} (mode 600) for the deploy.`);
  }
  return secrets;
}

function printSecrets(s: DeploySecrets, o: ProvisionOptions, log: Log): void {
  const show = (url: string) => (o.reveal ? url : redact(url));
  log(`\nConnection strings to store as Worker secrets (${o.env}; passwords ${o.reveal ? 'shown' : 'masked, --reveal shows them'}):`);
  for (const service of services) log(`  ${workerName(service, o.env).padEnd(28)} DATABASE_URL  ${show(s.databaseUrls[service])}`);
  log(`  ${'each of the four services'.padEnd(28)} JWT_SECRET    ${o.reveal ? s.jwtSecret : redactSecret(s.jwtSecret)}`);
  log(`  ${'migrations only (owner)'.padEnd(28)} —             ${show(s.ownerUrl)}`);
}

function writeGithubOutput(path: string, s: DeploySecrets, log: Log): void {
  // Masked before anything could print them; the step outputs are what later steps read.
  for (const value of [s.ownerUrl, ...Object.values(s.databaseUrls)]) log(`::add-mask::${value}`);
  const lines = [`owner_url=${s.ownerUrl}`, ...services.map((svc) => `database_url_${svc}=${s.databaseUrls[svc]}`), `host=${s.neon?.host ?? ''}`];
  appendFileSync(path, `${lines.join('\n')}\n`);
}

export async function deleteBranch(o: { dryRun: boolean; apiKey: string | null; baseURL?: string | undefined; orgId?: string | undefined; project: string; branch: string }, deps: ProvisionDeps = {}) {
  const log = deps.log ?? console.log;
  if (!o.apiKey && !o.dryRun) throw new UsageError('NEON_API_KEY is not set');
  if (['main', 'production', 'staging'].includes(o.branch)) throw new UsageError(`refusing to delete the branch "${o.branch}"`);
  const neon = new NeonSteps({ apiKey: o.apiKey, baseURL: o.baseURL, orgId: o.orgId, dryRun: o.dryRun, log, ...(deps.pollMs === undefined ? {} : { pollMs: deps.pollMs }) });
  const project = await neon.findProject(o.project);
  if (!project) return log(`project "${o.project}" not found: nothing to delete`);
  const branch = (await neon.listBranches(project.id)).find((b) => b.name === o.branch);
  if (!branch) return log(`branch "${o.branch}" not found: nothing to delete`);
  await neon.deleteBranch(project.id, branch.id);
  log(`branch "${o.branch}" ${o.dryRun ? 'would be' : 'is'} deleted`);
}

/** Point-in-time restore of a branch in place; its state before the restore stays as a branch of its own. */
export async function restoreBranch(
  o: { dryRun: boolean; apiKey: string | null; baseURL?: string | undefined; orgId?: string | undefined; project: string; branch: string; to: string },
  deps: ProvisionDeps = {},
) {
  const log = deps.log ?? console.log;
  if (!o.apiKey && !o.dryRun) throw new UsageError('NEON_API_KEY is not set');
  const to = isoTime(o.to, '--to');
  const neon = new NeonSteps({ apiKey: o.apiKey, baseURL: o.baseURL, orgId: o.orgId, dryRun: o.dryRun, log, ...(deps.pollMs === undefined ? {} : { pollMs: deps.pollMs }) });
  const project = await neon.findProject(o.project);
  if (!project && !o.dryRun) throw new Error(`project "${o.project}" not found`);
  const projectId = project?.id ?? '<project id>';
  const branch = (await neon.listBranches(projectId)).find((b) => b.name === o.branch);
  if (!branch && !o.dryRun) throw new Error(`branch "${o.branch}" not found`);
  const preserved = `${o.branch}-before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await neon.restoreBranch(projectId, branch?.id ?? '<branch id>', { timestamp: to, preserveUnderName: preserved });
  log(`branch "${o.branch}" ${o.dryRun ? 'would be' : 'is'} restored to ${to}; its previous state is kept as "${preserved}"`);
}

function isoTime(value: string, flag: string): string {
  if (Number.isNaN(Date.parse(value))) throw new UsageError(`${flag} must be an ISO 8601 time, e.g. 2026-11-26T08:00:00Z`);
  return new Date(value).toISOString();
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, deps: ProvisionDeps = {}): Promise<number> {
  const { values, positionals } = parseCli(argv, {
    'dry-run': { type: 'boolean', default: false },
    env: { type: 'string' },
    project: { type: 'string' },
    branch: { type: 'string' },
    parent: { type: 'string' },
    database: { type: 'string' },
    owner: { type: 'string' },
    region: { type: 'string' },
    rotate: { type: 'boolean', default: false },
    reveal: { type: 'boolean', default: false },
    out: { type: 'string' },
    to: { type: 'string' },
    at: { type: 'string' },
    'github-output': { type: 'string' },
  });
  const common = { dryRun: values['dry-run'], apiKey: env.NEON_API_KEY || null, baseURL: env.NEON_API_HOST || undefined, orgId: env.NEON_ORG_ID || undefined };
  const [command = 'provision', sub, name] = positionals;
  const environment = asEnvironment(values.env);
  const base = provisionDefaults(environment);
  const project = values.project ?? base.project;

  if (command === 'provision') {
    await provision(
      {
        ...base,
        ...common,
        project,
        branch: values.branch ?? base.branch,
        parent: values.parent,
        database: values.database ?? base.database,
        owner: values.owner ?? base.owner,
        region: values.region ?? base.region,
        rotate: values.rotate,
        reveal: values.reveal,
        out: values.out ?? base.out,
        githubOutput: values['github-output'],
      },
      deps,
    );
    return 0;
  }
  if (command === 'branch') {
    if (!name || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(name)) throw new UsageError('branch create|delete <name>, the name in lower case letters, digits and dashes (e.g. pr-42)');
    if (sub === 'create') {
      await provision(
        {
          ...base,
          ...common,
          project,
          branch: name,
          parent: values.parent ?? defaults.branch,
          at: values.at === undefined ? undefined : isoTime(values.at, '--at'),
          requireProject: true,
          rotate: values.rotate,
          reveal: values.reveal,
          out: values.out ?? secretsPath(environment).replace(/[^/]+\.json$/, `branch-${name}.json`),
          githubOutput: values['github-output'],
        },
        deps,
      );
      return 0;
    }
    if (sub === 'delete') {
      await deleteBranch({ ...common, project, branch: name }, deps);
      return 0;
    }
    throw new UsageError('branch create|delete <name>');
  }
  if (command === 'restore') {
    if (!values.to) throw new UsageError('restore --to <ISO time> [--branch main]');
    await restoreBranch({ ...common, project, branch: values.branch ?? base.branch, to: values.to }, deps);
    return 0;
  }
  throw new UsageError(`unknown command "${command}": provision (the default), branch create|delete <name>, restore --to <time>`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) runMain(() => main(process.argv.slice(2)));
