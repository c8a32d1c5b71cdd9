import { PGlite } from '@electric-sql/pglite';
import type { Db, DbHandle } from '@yingshang/db';
import { migratePglite } from '@yingshang/db/migrate';
import { drizzle } from 'drizzle-orm/pglite';
import * as schemaModule from '@yingshang/db/schema';

export interface TestDatabase {
  pglite: PGlite;
  /** Connected as PGlite's superuser: for fixtures and for looking behind the service's back. */
  owner: Db;
  /** What a service app takes as its `database` option: every request shares the in-process database. */
  factory: () => DbHandle;
  close(): Promise<void>;
}

/** A fresh, migrated Postgres in this process (PGlite). Services still run as their role, so RLS applies. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const pglite = new PGlite();
  await migratePglite(pglite);
  const owner = drizzle({ client: pglite, schema: schemaModule }) as unknown as Db;
  return {
    pglite,
    owner,
    factory: () => ({ db: owner, close: async () => {} }),
    close: () => pglite.close(),
  };
}

/** Row counts of the given tables, to show that a refused request wrote nothing. */
export async function rowCounts(pglite: PGlite, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await pglite.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    out[table] = rows[0]!.n;
  }
  return out;
}
