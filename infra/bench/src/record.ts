import type { PGlite } from '@electric-sql/pglite';
import { type DbHandle, schema } from '@yingshang/db';
import type { Logger } from 'drizzle-orm';
import { drizzle as pgDrizzle } from 'drizzle-orm/node-postgres';
import { drizzle as pgliteDrizzle } from 'drizzle-orm/pglite';
import { Client, type Pool } from 'pg';


/** One statement exactly as a service sent it (drizzle's SQL text and bound parameters). */
export interface Statement {
  sql: string;
  params: unknown[];
}

export interface Recorder {
  statements: Statement[];
  factory: () => DbHandle;
}

/**
 * A database factory for a service app run in-process that writes down every statement it sends: the bench
 * replays them straight on the driver (the floor the workers are compared with) and prints their EXPLAIN.
 */
export function recorder(target: { url: string } | { pglite: PGlite }): Recorder {
  const statements: Statement[] = [];
  const logger: Logger = { logQuery: (query, params) => statements.push({ sql: query, params: [...params] }) };
  const factory = (): DbHandle => {
    if ('pglite' in target) {
      return { db: pgliteDrizzle({ client: target.pglite, schema, logger }) as never, close: async () => {} };
    }
    const client = new Client({ connectionString: target.url });
    const connected = client.connect();
    return {
      db: pgDrizzle({ client, schema, logger }) as never,
      close: async () => {
        await connected;
        await client.end();
      },
    };
  };
  return { statements, factory };
}

/** The statements one request runs, transaction control included, ready to replay on a pooled connection. */
export function asTransaction(statements: Statement[]): Statement[] {
  const body = statements.filter((s) => !/^\s*(begin|commit|rollback)\b/i.test(s.sql));
  return [{ sql: 'begin', params: [] }, ...body, { sql: 'commit', params: [] }];
}

/** Replays on a pg pool: one connection from the pool per request, as a pooled server-side app would. */
export function pgReplay(pool: Pool, statements: Statement[]): () => Promise<void> {
  const tx = asTransaction(statements);
  return async () => {
    const client = await pool.connect();
    try {
      for (const s of tx) await client.query(s.sql, s.params as unknown[]);
    } finally {
      client.release();
    }
  };
}

/** Replays in-process on PGlite (one transaction at a time; PGlite has one backend). */
export function pgliteReplay(db: PGlite, statements: Statement[]): () => Promise<void> {
  const body = asTransaction(statements).slice(1, -1);
  return () =>
    db.transaction(async (tx) => {
      for (const s of body) await tx.query(s.sql, s.params as unknown[]);
    });
}

/**
 * The same, but a new connection per request as the workers do (Workers cannot keep sockets between requests):
 * TCP, startup and SCRAM authentication every time. Separates the cost of connecting from the cost of the worker.
 */
export function pgReplayConnecting(url: string, statements: Statement[]): () => Promise<void> {
  const tx = asTransaction(statements);
  return async () => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      for (const s of tx) await client.query(s.sql, s.params as unknown[]);
    } finally {
      await client.end();
    }
  };
}
