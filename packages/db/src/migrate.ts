import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as pgliteDrizzle } from 'drizzle-orm/pglite';
import { migrate as pgliteMigrate } from 'drizzle-orm/pglite/migrator';

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

/** Applies every pending migration to an embedded database (local stack and tests). */
export async function migratePglite(client: PGlite): Promise<void> {
  await pgliteMigrate(pgliteDrizzle({ client }), { migrationsFolder });
}
