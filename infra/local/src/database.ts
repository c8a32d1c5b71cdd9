import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { connect, type Db } from '@yingshang/db';
import { migratePglite, migrationsFolder } from '@yingshang/db/migrate';
import { seed } from '@yingshang/seeds';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate as neonMigrate } from 'drizzle-orm/neon-serverless/migrator';

export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/** PGlite under `dir` (kept across restarts), or in memory when `dir` is null (tests). */
export async function openEmbeddedDatabase(dir: string | null): Promise<PGlite> {
  if (dir) mkdirSync(dir, { recursive: true });
  const existed = dir !== null && existsSync(join(dir, 'PG_VERSION'));
  try {
    const db = dir ? new PGlite(dir) : new PGlite();
    await db.waitReady;
    await db.query('select 1');
    return db;
  } catch (err) {
    throw new StartupError(
      existed
        ? `The embedded database in ${dir} could not be opened (${(err as Error).message}). It may be damaged: run \`npm start -- --fresh\` to start afresh (this deletes the local data).`
        : `The embedded database could not be created in ${dir ?? 'memory'}: ${(err as Error).message}`,
    );
  }
}

/** drizzle wraps the driver's error; the innermost message is the one that says what went wrong. */
function rootMessage(err: unknown): string {
  let message = 'unknown error';
  for (let e = err as { message?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.message) message = e.message;
  }
  return message;
}

export interface Prepared {
  seeded: boolean;
}

/** Migrations, then demo data on first run. */
export async function prepareEmbedded(db: PGlite, log: (line: string) => void): Promise<Prepared> {
  await migratePglite(db);
  const result = await seed(drizzle({ client: db }) as unknown as Db, { log });
  return { seeded: result.seeded };
}

/** The same for a real Postgres or Neon, through the production driver (WebSocket; via our proxy unless Neon). */
export async function prepareRemote(url: string, wsProxy: string | undefined, log: (line: string) => void): Promise<Prepared> {
  const handle = connect({ connectionString: url, wsProxy });
  try {
    await handle.db.execute(sql`select 1`).catch((err: unknown) => {
      throw new StartupError(
        `Could not reach the database in DATABASE_URL (${rootMessage(err)}). Check the host, port, user and password, or unset DATABASE_URL to use the embedded database.`,
      );
    });
    await neonMigrate(handle.db as never, { migrationsFolder });
    return await seed(handle.db, { log });
  } finally {
    await handle.close();
  }
}

/** Postgres wire protocol on loopback in front of PGlite; many connections, transactions kept apart. */
export async function serveEmbedded(db: PGlite, port: number): Promise<PGLiteSocketServer> {
  // Every request opens its own connection (as on Workers): 100 concurrent clients need more than 100. A
  // connection costs the socket server a queue entry only; queries still run one at a time.
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 512 });
  await server.start();
  return server;
}
