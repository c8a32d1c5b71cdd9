import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePglite } from '../src/migrate.ts';

// Ready to distribute by tenant (Citus): every key of a tenant table includes tenant_id, so rows of one tenant
// and everything they reference can live on the same shard.
let db: PGlite;
beforeAll(async () => {
  db = new PGlite();
  await migratePglite(db);
});
afterAll(() => db.close());

interface KeyRow {
  table: string;
  constraint: string;
  kind: string;
  columns: string[];
}

describe('schema rules for distribution by tenant_id', () => {
  it('tenant_id is in every primary key, unique constraint and foreign key of tenant tables', async () => {
    const { rows } = await db.query<KeyRow>(`
      select format('%I.%I', n.nspname, c.relname) as table, con.conname as constraint, con.contype as kind,
             array(select a.attname from unnest(con.conkey) k join pg_attribute a on a.attrelid = c.oid and a.attnum = k)::text[] as columns
      from pg_constraint con
      join pg_class c on c.oid = con.conrelid
      join pg_namespace n on n.oid = c.relnamespace
      where con.contype in ('p', 'u', 'f')
        and exists (select 1 from pg_attribute t where t.attrelid = c.oid and t.attname = 'tenant_id' and not t.attisdropped)`);
    expect(rows.length).toBeGreaterThan(0);
    const offenders = rows.filter((r) => !r.columns.includes('tenant_id')).map((r) => `${r.table} ${r.constraint}`);
    expect(offenders).toEqual([]);
  });

  it('every unique index of tenant tables includes tenant_id', async () => {
    const { rows } = await db.query<{ index: string; columns: string[] }>(`
      select i.indexrelid::regclass::text as index,
             array(select a.attname from unnest(i.indkey) k join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k)::text[] as columns
      from pg_index i
      where i.indisunique
        and exists (select 1 from pg_attribute t where t.attrelid = i.indrelid and t.attname = 'tenant_id' and not t.attisdropped)`);
    expect(rows.filter((r) => !r.columns.includes('tenant_id')).map((r) => r.index)).toEqual([]);
  });

  it('tenant_id leads every primary key, unique constraint and foreign key of tenant tables (not only appears in it)', async () => {
    const { rows } = await db.query<{ constraint: string; first: string | null }>(`
      select format('%I.%I %I', n.nspname, c.relname, con.conname) as constraint,
             (select a.attname from pg_attribute a where a.attrelid = c.oid and a.attnum = con.conkey[1]) as first
      from pg_constraint con
      join pg_class c on c.oid = con.conrelid
      join pg_namespace n on n.oid = c.relnamespace
      where con.contype in ('p', 'u', 'f')
        and exists (select 1 from pg_attribute t where t.attrelid = c.oid and t.attname = 'tenant_id' and not t.attisdropped)`);
    expect(rows.filter((r) => r.first !== 'tenant_id').map((r) => r.constraint)).toEqual([]);
  });

  it('every index of tenant tables leads with tenant_id, expression and partial indexes included', async () => {
    // indkey[0] is 0 for an expression in the first position: such an index does not lead with tenant_id either.
    const { rows } = await db.query<{ index: string; first: string | null }>(`
      select i.indexrelid::regclass::text as index,
             (select a.attname from pg_attribute a where a.attrelid = i.indrelid and a.attnum = i.indkey[0] and i.indkey[0] <> 0) as first
      from pg_index i
      where exists (select 1 from pg_attribute t where t.attrelid = i.indrelid and t.attname = 'tenant_id' and not t.attisdropped)`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.first !== 'tenant_id').map((r) => r.index)).toEqual([]);
  });
});
