import { readdirSync } from 'node:fs';
import { Client } from '@neondatabase/serverless';
import { connect } from '@yingshang/db';
import { migrationsFolder } from '@yingshang/db/migrate';
import { migrate as neonMigrate } from 'drizzle-orm/neon-serverless/migrator';
import { groupRole, loginRole, services, type Service } from './config.ts';

/** The database work of provisioning and deploy; tests put an embedded database behind the same interface. */
export interface DatabaseOps {
  /** Applies every pending migration of packages/db/migrations, as the owner. */
  migrate(ownerUrl: string): Promise<void>;
  /** Runs statements one after another in one session, as the owner. */
  execute(ownerUrl: string, statements: readonly string[]): Promise<void>;
  query<T>(ownerUrl: string, text: string): Promise<T[]>;
}

/** The production driver, the one the Workers use (WebSocket to Neon; Node 22 has a global WebSocket). */
export const neonDatabase: DatabaseOps = {
  async migrate(ownerUrl) {
    const handle = connect({ connectionString: ownerUrl });
    try {
      await neonMigrate(handle.db as never, { migrationsFolder });
    } finally {
      await handle.close();
    }
  },
  async execute(ownerUrl, statements) {
    const client = new Client({ connectionString: ownerUrl });
    await client.connect();
    try {
      for (const statement of statements) await client.query(statement);
    } finally {
      await client.end();
    }
  },
  async query<T>(ownerUrl: string, text: string) {
    const client = new Client({ connectionString: ownerUrl });
    await client.connect();
    try {
      return (await client.query(text)).rows as T[];
    } finally {
      await client.end();
    }
  },
};

export function migrationFiles(): string[] {
  return readdirSync(migrationsFolder)
    .filter((f) => f.endsWith('.sql'))
    .sort();
}

const SAFE_PASSWORD = /^[A-Za-z0-9_-]{16,}$/;

/**
 * The login role of one service, made with SQL and not through the Neon API: a role the API makes is a member of
 * neon_superuser, which has BYPASSRLS. This one logs in, is a member of its service's NOLOGIN role (migration
 * 0000) so that withTenant's `SET LOCAL ROLE ys_<service>` is allowed, and is nothing else. Creating it again
 * only sets a new password (ALTER ROLE may not name SUPERUSER or BYPASSRLS unless the owner has them).
 */
export function loginRoleStatements(service: Service, password: string): string[] {
  if (!SAFE_PASSWORD.test(password) && password !== '****') throw new Error('a login password must be URL-safe base64 of at least 16 characters');
  const login = loginRole(service);
  const group = groupRole(service);
  return [
    `DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${login}') THEN
    CREATE ROLE ${login} LOGIN PASSWORD '${password}' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION INHERIT;
  ELSE
    ALTER ROLE ${login} WITH LOGIN PASSWORD '${password}';
  END IF;
END $$`,
    `GRANT ${group} TO ${login}`,
  ];
}

export interface RoleCheck {
  role: string;
  login: boolean;
  super: boolean;
  bypassrls: boolean;
  createrole: boolean;
  createdb: boolean;
  replication: boolean;
  member_of: string[];
  owns: number;
}

/** What the login roles really are once made: checked after every provisioning run, not assumed. */
export function roleCheckQuery(): string {
  const names = services.map((s) => `'${loginRole(s)}'`).join(', ');
  return `select r.rolname as role, r.rolcanlogin as login, r.rolsuper as super, r.rolbypassrls as bypassrls,
       r.rolcreaterole as createrole, r.rolcreatedb as createdb, r.rolreplication as replication,
       array(select g.rolname::text from pg_auth_members m join pg_roles g on g.oid = m.roleid where m.member = r.oid order by 1) as member_of,
       ((select count(*) from pg_class c where c.relowner = r.oid) + (select count(*) from pg_namespace n where n.nspowner = r.oid)
        + (select count(*) from pg_database d where d.datdba = r.oid))::int as owns
from pg_roles r where r.rolname in (${names}) order by 1`;
}

/** Every way a login role could get round row-level security, as readable complaints; empty when all is well. */
export function roleProblems(rows: readonly RoleCheck[]): string[] {
  const problems: string[] = [];
  for (const service of services) {
    const name = loginRole(service);
    const row = rows.find((r) => r.role === name);
    if (!row) {
      problems.push(`${name} does not exist`);
      continue;
    }
    if (!row.login) problems.push(`${name} cannot log in`);
    for (const attr of ['super', 'bypassrls', 'createrole', 'createdb', 'replication'] as const) {
      if (row[attr]) problems.push(`${name} has ${attr.toUpperCase()}`);
    }
    const memberOf = [...row.member_of].sort();
    if (memberOf.join(',') !== groupRole(service)) problems.push(`${name} is a member of [${memberOf.join(', ')}], not only ${groupRole(service)}`);
    if (row.owns > 0) problems.push(`${name} owns ${row.owns} objects`);
  }
  return problems;
}
