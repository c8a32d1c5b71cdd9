import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Where scale data goes: bulk COPY of CSV rows, and plain queries. */
export interface CopyTarget {
  readonly name: string;
  copy(table: string, columns: readonly string[], lines: readonly string[]): Promise<void>;
  query<T>(text: string): Promise<T[]>;
}

const copySql = (table: string, columns: readonly string[], source: string) =>
  `copy ${table} (${columns.map((c) => `"${c}"`).join(', ')}) from ${source} with (format csv)`;

/** A real PostgreSQL server through node-postgres: `COPY … FROM STDIN` streamed in 1,000-row pieces. */
export function pgTarget(client: pg.Client): CopyTarget {
  return {
    name: 'postgres',
    async copy(table, columns, lines) {
      if (lines.length === 0) return;
      const stream = client.query(copyFrom(copySql(table, columns, 'stdin')));
      async function* pieces() {
        for (let i = 0; i < lines.length; i += 1000) yield lines.slice(i, i + 1000).join('');
      }
      await pipeline(Readable.from(pieces()), stream);
    },
    async query<T>(text: string) {
      return (await client.query(text)).rows as T[];
    },
  };
}

/** PGlite in-process: `COPY … FROM '/dev/blob'` reads the rows from a Blob handed to the query. */
export function pgliteTarget(db: PGlite): CopyTarget {
  return {
    name: 'pglite',
    async copy(table, columns, lines) {
      if (lines.length === 0) return;
      await db.query(copySql(table, columns, `'/dev/blob'`), [], { blob: new Blob(lines as string[]) });
    },
    async query<T>(text: string) {
      return (await db.query<T>(text)).rows;
    },
  };
}
