import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { migratePglite } from '@yingshang/db/migrate';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loginRole, services } from '../src/config.ts';
import { roleCheckQuery, roleProblems, type DatabaseOps, type RoleCheck } from '../src/database.ts';
import { main, provision, provisionDefaults, type ProvisionOptions } from '../src/provision.ts';
import type { DeploySecrets } from '../src/secrets.ts';
import { startNeonStandIn, type NeonStandIn } from './neon-stand-in.ts';

/** The database side of provisioning on an embedded Postgres: the same SQL, checked by the same catalogue. */
function embeddedDatabase(pg: PGlite) {
  const seen: { op: string; url: string; text?: string }[] = [];
  const ops: DatabaseOps = {
    async migrate(url) {
      seen.push({ op: 'migrate', url });
      await migratePglite(pg);
    },
    async execute(url, statements) {
      for (const text of statements) {
        seen.push({ op: 'execute', url, text });
        await pg.exec(text);
      }
    },
    async query<T>(url: string, text: string) {
      seen.push({ op: 'query', url, text });
      return (await pg.query<T>(text)).rows;
    },
  };
  return { ops, seen };
}

let neon: NeonStandIn;
// One embedded database for the file (migrating it is the slow part); each test starts without login roles.
let pg: PGlite;
let dir: string;
let lines: string[];
const log = (line: string) => lines.push(line);

function options(over: Partial<ProvisionOptions> = {}): ProvisionOptions {
  return { ...provisionDefaults('production'), dryRun: false, apiKey: 'test-key', baseURL: neon.url, out: join(dir, 'production.json'), ...over };
}

beforeAll(async () => {
  neon = await startNeonStandIn();
  pg = new PGlite();
});
afterAll(async () => {
  await neon.close();
  await pg.close();
});
beforeEach(async () => {
  for (const s of services) await pg.exec(`drop role if exists ${loginRole(s)}`);
  neon.calls.length = 0;
  neon.projects.length = 0;
  neon.failOn = null;
  lines = [];
  dir = mkdtempSync(join(tmpdir(), 'ys-provision-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('provision, dry run', () => {
  it('without an API key prints every call it would make for a clean account and sends none', async () => {
    const secrets = await provision(options({ dryRun: true, apiKey: null }), { log });
    expect(neon.calls).toEqual([]);
    const out = lines.join('\n');
    expect(out).toContain('DRY RUN');
    expect(out).toMatch(/GET +\/projects\?search=yingshang/);
    expect(out).toMatch(/POST +\/projects \{"project":\{"name":"yingshang".*"store_passwords":true.*"role_name":"yingshang_owner","database_name":"yingshang"/);
    expect(out).toContain('would apply the pending ones of');
    for (const s of services) {
    expect(out).toContain(`CREATE ROLE ${loginRole(s)} LOGIN PASSWORD '****' NOSUPERUSER NOBYPASSRLS`);
    expect(out).toContain(`GRANT ys_${s} TO ${loginRole(s)}`);
    expect(out).toMatch(new RegExp(`yingshang-${s} +DATABASE_URL +postgresql://${loginRole(s)}:\\*\\*\\*\\*@`));
    }
    // No real password is ever printed, and nothing is written.
    expect(out).not.toMatch(/PASSWORD '[A-Za-z0-9_-]{16,}'/);
    expect(() => statSync(join(dir, 'production.json'))).toThrow();
    expect(secrets.databaseUrls.identity).toMatch(/^postgresql:\/\/ys_identity_login:[^@]+@<new endpoint host>\/yingshang/);
  });

  it('with a key reads what exists from the API and sends no write', async () => {
    await provision(options({ dryRun: true, orgId: 'org-city-1' }), { log });
    expect(neon.calls.map((c) => `${c.method} ${c.route}`)).toEqual(['GET /projects']);
    expect(neon.calls[0]!.query).toEqual({ search: 'yingshang', org_id: 'org-city-1' });
    expect(lines.join('\n')).toContain('"org_id":"org-city-1"');
    expect(neon.calls[0]!.authorization).toBe('Bearer test-key');
  });
});

describe('provision against the Neon stand-in and an embedded Postgres', () => {
  it('makes project, branch, owner and database through the API, then migrates and makes the login roles with SQL', async () => {
    const db = embeddedDatabase(pg);
    const secrets = await provision(options(), { db: db.ops, log, pollMs: 1 });

    // The order and arguments of the API calls: one project (its branch, owner and database come with it),
    // waiting for its operation; no role is made through the API (those would be neon_superuser members).
    expect(neon.calls.map((c) => `${c.method} ${c.route}`)).toEqual([
      'GET /projects',
      'POST /projects',
      'GET /projects/:project/operations/:operation',
      'GET /projects/:project/branches/:branch/databases',
    ]);
    expect(neon.calls[1]!.body).toMatchObject({
      project: { name: 'yingshang', region_id: 'aws-ap-southeast-1', pg_version: 17, store_passwords: true, branch: { name: 'main', role_name: 'yingshang_owner', database_name: 'yingshang' } },
    });
    expect(neon.calls.some((c) => c.method === 'POST' && c.route.endsWith('/roles'))).toBe(false);

    // Migrations and role SQL ran as the owner on the direct host; the services get the pooled host.
    const host = neon.projects[0]!.branches[0]!.endpoints[0]!.host;
    const ownerUrl = `postgresql://yingshang_owner:OwnerPassword-0123456789@${host}/yingshang?sslmode=require`;
    expect(db.seen[0]).toEqual({ op: 'migrate', url: ownerUrl });
    expect(db.seen.every((s) => s.url === ownerUrl)).toBe(true);
    expect(db.seen.at(-1)!.op).toBe('query');
    for (const s of services) {
      expect(secrets.databaseUrls[s]).toMatch(new RegExp(`^postgresql://${loginRole(s)}:[A-Za-z0-9_-]{43}@${host.replace('.', '-pooler.').replaceAll('.', '\\.')}/yingshang\\?sslmode=require$`));
    }

    // The login roles as the database sees them: no BYPASSRLS, no SUPERUSER, member of their ys_ role only.
    const rows = (await pg.query<RoleCheck>(roleCheckQuery())).rows;
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row).toMatchObject({ login: true, super: false, bypassrls: false, createrole: false, createdb: false, owns: 0 });
    expect(roleProblems(rows)).toEqual([]);
    expect(rows.map((r) => [r.role, r.member_of])).toEqual(services.map((s) => [loginRole(s), [`ys_${s}`]]).sort());
    // …and the membership is what lets withTenant's SET LOCAL ROLE work.
    const may = async (login: string, role: string) =>
      (await pg.query<{ ok: boolean }>(`select pg_has_role('${login}', '${role}', 'SET') as ok`)).rows[0]!.ok;
    expect(await may(loginRole('projects'), 'ys_projects')).toBe(true);
    expect(await may(loginRole('projects'), 'ys_identity')).toBe(false);

    // The secrets file is for the owner only and holds what the deploy needs.
    const file = join(dir, 'production.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const written = JSON.parse(readFileSync(file, 'utf8')) as DeploySecrets;
    expect(written).toEqual(secrets);
    expect(written.jwtSecret).toMatch(/^[A-Za-z0-9_-]{64}$/);
    // Printed with the passwords masked.
    const out = lines.join('\n');
    expect(out).not.toContain('OwnerPassword-0123456789');
    for (const s of services) expect(out).not.toContain(new URL(secrets.databaseUrls[s]).password);
  });

  it('a second run reuses everything: no writes to the API, same passwords and JWT secret, migrations re-checked', async () => {
    const db = embeddedDatabase(pg);
    const first = await provision(options(), { db: db.ops, log, pollMs: 1 });
    neon.calls.length = 0;
    const second = await provision(options(), { db: db.ops, log, pollMs: 1 });
    expect(neon.calls.map((c) => `${c.method} ${c.route}`)).toEqual([
      'GET /projects',
      'GET /projects/:project/branches',
      'GET /projects/:project/branches/:branch/endpoints',
      'GET /projects/:project/branches/:branch/roles',
      'GET /projects/:project/branches/:branch/roles/:role/reveal_password',
      'GET /projects/:project/branches/:branch/databases',
    ]);
    expect(second).toEqual(first);
    expect(roleProblems((await pg.query<RoleCheck>(roleCheckQuery())).rows)).toEqual([]);

    const rotated = await provision(options({ rotate: true }), { db: db.ops, log, pollMs: 1 });
    for (const s of services) expect(rotated.databaseUrls[s]).not.toBe(first.databaseUrls[s]);
    expect(rotated.jwtSecret).toBe(first.jwtSecret);
  });

  it('staging on a clean account: the project’s root branch is main, staging is made from it', async () => {
    const db = embeddedDatabase(pg);
    const secrets = await provision({ ...options(), ...provisionDefaults('staging'), apiKey: 'test-key', baseURL: neon.url, dryRun: false, out: join(dir, 'staging.json') }, { db: db.ops, log, pollMs: 1 });
    expect(neon.calls.map((c) => `${c.method} ${c.route}`)).toEqual([
      'GET /projects',
      'POST /projects',
      'GET /projects/:project/operations/:operation',
      'GET /projects/:project/branches',
      'POST /projects/:project/branches',
      'GET /projects/:project/operations/:operation',
      'GET /projects/:project/branches/:branch/roles',
      'GET /projects/:project/branches/:branch/roles/:role/reveal_password',
      'GET /projects/:project/branches/:branch/databases',
    ]);
    expect(neon.calls[1]!.body).toMatchObject({ project: { branch: { name: 'main' } } });
    const [main, staging] = neon.projects[0]!.branches;
    expect(neon.calls[4]!.body).toEqual({ branch: { name: 'staging', parent_id: main!.id }, endpoints: [{ type: 'read_write' }] });
    expect(secrets.neon).toMatchObject({ branch: 'staging', branchId: staging!.id, host: staging!.endpoints[0]!.host });
  });

  it('stops at the first failed call: nothing after it is sent, nothing migrated, nothing written', async () => {
    const db = embeddedDatabase(pg);
    neon.failOn = 'POST /projects';
    await expect(provision(options(), { db: db.ops, log, pollMs: 1 })).rejects.toThrow(/500/);
    expect(neon.calls.map((c) => `${c.method} ${c.route}`)).toEqual(['GET /projects', 'POST /projects']);
    expect(db.seen).toEqual([]);
    expect(() => statSync(join(dir, 'production.json'))).toThrow();
  });

  it('refuses login roles that could bypass row-level security', () => {
    const ok: RoleCheck = { role: loginRole('identity'), login: true, super: false, bypassrls: false, createrole: false, createdb: false, replication: false, member_of: ['ys_identity'], owns: 0 };
    const rows = services.map((s) => ({ ...ok, role: loginRole(s), member_of: [`ys_${s}`] }));
    expect(roleProblems(rows)).toEqual([]);
    expect(roleProblems([{ ...rows[0]!, bypassrls: true }, ...rows.slice(1)])).toEqual(['ys_identity_login has BYPASSRLS']);
    expect(roleProblems([{ ...rows[0]!, member_of: ['neon_superuser', 'ys_identity'] }, ...rows.slice(1)])[0]).toContain('neon_superuser');
    expect(roleProblems(rows.slice(1))).toEqual(['ys_identity_login does not exist']);
  });
});

describe('preview branches per pull request', () => {
  it('branch create makes a child of main with its own endpoint, migrates it and writes its own strings', async () => {
    const db = embeddedDatabase(pg);
    await provision(options(), { db: db.ops, log, pollMs: 1 });
    neon.calls.length = 0;
    const ghOutput = join(dir, 'github-output');
    const out = join(dir, 'pr.json');
    const code = await main(['branch', '--', 'create', 'pr-42', '--out', out, '--github-output', ghOutput], { NEON_API_KEY: 'test-key', NEON_API_HOST: neon.url }, {
      db: db.ops,
      log,
      pollMs: 1,
    });
    expect(code).toBe(0);
    const mainBranch = neon.projects[0]!.branches.find((b) => b.name === 'main')!;
    const calls = neon.calls.map((c) => `${c.method} ${c.route}`);
    expect(calls.slice(0, 3)).toEqual(['GET /projects', 'GET /projects/:project/branches', 'POST /projects/:project/branches']);
    expect(neon.calls[2]!.body).toEqual({ branch: { name: 'pr-42', parent_id: mainBranch.id }, endpoints: [{ type: 'read_write' }] });
    const preview = JSON.parse(readFileSync(out, 'utf8')) as DeploySecrets;
    const previewHost = neon.projects[0]!.branches.find((b) => b.name === 'pr-42')!.endpoints[0]!.host;
    expect(preview.neon?.host).toBe(previewHost);
    expect(preview.databaseUrls.identity).toContain(previewHost.replace('.', '-pooler.'));
    // GitHub Actions: every string masked before it is written as a step output.
    const gh = readFileSync(ghOutput, 'utf8');
    expect(gh).toContain(`database_url_identity=${preview.databaseUrls.identity}`);
    expect(lines).toContain(`::add-mask::${preview.databaseUrls.identity}`);

    neon.calls.length = 0;
    expect(await main(['branch', 'delete', 'pr-42'], { NEON_API_KEY: 'test-key', NEON_API_HOST: neon.url }, { log, pollMs: 1 })).toBe(0);
    expect(neon.calls.map((c) => `${c.method} ${c.route}`)).toEqual([
      'GET /projects',
      'GET /projects/:project/branches',
      'DELETE /projects/:project/branches/:branch',
      'GET /projects/:project/operations/:operation',
    ]);
    expect(neon.projects[0]!.branches.map((b) => b.name)).toEqual(['main']);
    await expect(main(['branch', 'delete', 'main'], { NEON_API_KEY: 'k' }, { log })).rejects.toThrow(/refusing/);

    // A branch of main as it was at a point in time, to look at before restoring.
    neon.calls.length = 0;
    const at = ['branch', 'create', 'inspect-1', '--at', '2026-11-26T08:00:00Z', '--out', join(dir, 'inspect.json')];
    expect(await main(at, { NEON_API_KEY: 'test-key', NEON_API_HOST: neon.url }, { db: db.ops, log, pollMs: 1 })).toBe(0);
    expect(neon.calls.find((c) => c.method === 'POST')!.body).toEqual({
      branch: { name: 'inspect-1', parent_id: mainBranch.id, parent_timestamp: '2026-11-26T08:00:00.000Z' },
      endpoints: [{ type: 'read_write' }],
    });
  });

  it('restore puts a branch back to a point in time and keeps its present state under another name', async () => {
    await provision(options(), { db: embeddedDatabase(pg).ops, log, pollMs: 1 });
    neon.calls.length = 0;
    await main(['restore', '--to', '2026-11-26T08:00:00Z'], { NEON_API_KEY: 'test-key', NEON_API_HOST: neon.url }, { log, pollMs: 1 });
    const restore = neon.calls.find((c) => c.route.endsWith('/restore'))!;
    const mainBranch = neon.projects[0]!.branches.find((b) => b.name === 'main')!;
    expect(restore.body).toMatchObject({ source_branch_id: mainBranch.id, source_timestamp: '2026-11-26T08:00:00.000Z' });
    expect((restore.body as { preserve_under_name: string }).preserve_under_name).toMatch(/^main-before-restore-/);
  });
});
