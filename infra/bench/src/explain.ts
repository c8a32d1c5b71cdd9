import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import type { Statement } from './record.ts';

/** Statements that only set up the transaction (role, tenant) run as they are; the others are explained. */
const SETUP = /^\s*(set\s|select set_config|begin|commit)/i;

/**
 * EXPLAIN (ANALYZE, BUFFERS) of each query a request runs, in the same transaction setup (service role, tenant
 * set), rolled back afterwards. Written to `<dir>/<name>.txt`.
 */
export async function explainAll(opts: { name: string; statements: Statement[]; pool: pg.Pool | null; pglite: PGlite | null; dir: string }) {
  const parts: string[] = [];
  const run = async (q: (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>) => {
    await q('begin', []);
    try {
      for (const s of opts.statements) {
        if (/^\s*(begin|commit|rollback)\b/i.test(s.sql)) continue;
        if (SETUP.test(s.sql)) {
          await q(s.sql, s.params);
          continue;
        }
        const rows = await q(`explain (analyze, buffers) ${s.sql}`, s.params);
        parts.push(`-- ${s.sql.replace(/\s+/g, ' ').slice(0, 400)}${s.sql.length > 400 ? ' …' : ''}\n-- params: ${JSON.stringify(s.params)}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}\n`);
      }
    } finally {
      await q('rollback', []);
    }
  };
  if (opts.pool) {
    const client = await opts.pool.connect();
    try {
      await run(async (sql, params) => (await client.query(sql, params)).rows);
    } finally {
      client.release();
    }
  } else if (opts.pglite) {
    // PGlite has one backend shared with the socket server's connections: only its own transaction() keeps them apart.
    await opts.pglite.transaction(async (tx) => {
      await run(async (sql, params) => (/^(begin|rollback)$/.test(sql) ? [] : (await tx.query<Record<string, unknown>>(sql, params)).rows));
      await tx.rollback();
    });
  }
  mkdirSync(opts.dir, { recursive: true });
  writeFileSync(join(opts.dir, `${opts.name}.txt`), parts.join('\n'));
}
