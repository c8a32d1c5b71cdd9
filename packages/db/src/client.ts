import { Client, neonConfig } from '@neondatabase/serverless';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/neon-serverless';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/** The Postgres role each service runs its transactions as. Never the owner: RLS must apply. */
export const serviceRoles = {
  identity: 'ys_identity',
  projects: 'ys_projects',
  enterprise: 'ys_enterprise',
  assessments: 'ys_assessments',
} as const;
export type ServiceName = keyof typeof serviceRoles;

export interface DbHandle {
  db: Db;
  /** Ends the connection; on Workers pass it to `waitUntil` so the response is not held up. */
  close(): Promise<void>;
}

export interface ConnectOptions {
  connectionString: string;
  /**
   * Local only: the WebSocket-to-TCP proxy in front of PGlite or a plain Postgres (e.g. `127.0.0.1:8790`).
   * Unset in production, where the driver speaks to Neon's own proxy over TLS.
   */
  wsProxy?: string | undefined;
}

/**
 * A pool for one request. Workers cannot share sockets between requests, so a module-scope client fails there;
 * Neon's driver makes a per-request pool cheap.
 */
export function connect({ connectionString, wsProxy }: ConnectOptions): DbHandle {
  if (wsProxy) {
    neonConfig.wsProxy = (host, port) => `${wsProxy}/v2?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
  }
  // One client per request, ended explicitly: a per-request Pool's end() left the WebSocket open in workerd,
  // one more open connection per request until the database refused new ones.
  // Production (Neon) gives up after 5 s: a database that does not answer fails the request fast (503). Locally
  // (wsProxy set) the embedded PGlite runs one transaction at a time, so under 100 concurrent requests a new
  // connection can wait its turn longer than that; a stopped local database still fails at once (refused).
  const client = new Client({ connectionString, connectionTimeoutMillis: wsProxy ? 30_000 : 5_000 });
  client.on('error', () => {});
  const connected = client.connect().then(
    () => true,
    () => false,
  );
  const db = drizzle({ client, schema }) as unknown as Db;
  return {
    db,
    close: async () => {
      if (await connected) await client.end().catch(() => {});
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The tenant exists but may not work now: suspended by the city office, or not yet onboarded. */
export class TenantClosedError extends Error {
  constructor(readonly status: string | null) {
    super(`tenant is ${status ?? 'unknown'}`);
    this.name = 'TenantClosedError';
  }
}

export class MissingTenantError extends Error {
  constructor() {
    super('no verified tenant for this transaction');
    this.name = 'MissingTenantError';
  }
}

/** The database could not be reached: the caller answers 503 and the client may retry. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

/**
 * The driver reports a refused or dropped WebSocket as an `ErrorEvent`, which is not an `Error`; frameworks (Hono
 * among them) rethrow such values instead of handling them. Make every failure an `Error`.
 */
async function normaliseFailures<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof Error) throw err;
    const message = (err as { message?: unknown })?.message;
    throw new DatabaseUnavailableError(typeof message === 'string' && message ? message : 'database connection failed', { cause: err });
  }
}

/**
 * Runs `fn` in one transaction as the service's role with the tenant set for row-level security. Fails closed:
 * without a well-formed tenant id nothing runs at all.
 */
export async function withTenant<T>(
  db: Db,
  service: ServiceName,
  tenantId: string | undefined | null,
  fn: (tx: Tx) => Promise<T>,
  /** Statuses the tenant may be in; onboarding runs on a tenant still `invited`. */
  allow: readonly string[] = ['active'],
): Promise<T> {
  if (!tenantId || !UUID.test(tenantId)) throw new MissingTenantError();
  return normaliseFailures(() =>
    db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local role ${serviceRoles[service]}`));
      // One round trip sets the tenant and reads its status: a token issued before a suspension stops here.
      const [row] = await queryRows<{ status: string | null }>(
        tx as Tx,
        sql`select set_config('app.tenant_id', ${tenantId}, true), identity.tenant_status(${tenantId}::uuid) as status`,
      );
      if (!row?.status || !allow.includes(row.status)) throw new TenantClosedError(row?.status ?? null);
      return fn(tx as Tx);
    }),
  );
}

/** A transaction as the service role with no tenant: only what RLS lets everyone see (reference data). */
export async function withServiceRole<T>(db: Db, service: ServiceName, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return normaliseFailures(() =>
    db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local role ${serviceRoles[service]}`));
      return fn(tx as Tx);
    }),
  );
}

/**
 * Raw SQL through drizzle, typed by the caller. Both drivers we use (Neon's Pool and PGlite) answer with
 * `{ rows }`; drizzle's generic result type cannot say so for a database typed over both.
 */
export async function queryRows<T>(tx: Tx | Db, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
