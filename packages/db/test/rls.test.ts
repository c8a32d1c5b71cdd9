import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceRoles } from '../src/client.ts';
import { migratePglite } from '../src/migrate.ts';

// The second wall: whatever the application code does, Postgres itself keeps tenants apart.
let db: PGlite;
beforeAll(async () => {
  db = new PGlite();
  await migratePglite(db);
});
afterAll(() => db.close());

const TENANT_A = '01900000-0000-7000-8000-00000000000a';
const TENANT_B = '01900000-0000-7000-8000-00000000000b';

describe('row-level security meta-test', () => {
  it('every table with tenant_id has RLS enabled and forced, and a policy', async () => {
    const { rows } = await db.query<{ table: string; enabled: boolean; forced: boolean; policies: number }>(`
      select format('%I.%I', n.nspname, c.relname) as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
             (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p')
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)`);
    expect(rows.length).toBeGreaterThan(0);
    const weak = rows.filter((r) => !r.enabled || !r.forced || r.policies === 0);
    expect(weak, `tables without forced RLS and a policy: ${weak.map((w) => w.table).join(', ')}`).toEqual([]);
  });

  it('tenant_id leads the primary key and every index of tenant tables', async () => {
    const { rows } = await db.query<{ index: string; first: string }>(`
      select i.indexrelid::regclass::text as index, a.attname as first
      from pg_index i
      join pg_class c on c.oid = i.indrelid
      join pg_attribute a on a.attrelid = c.oid and a.attnum = i.indkey[0]
      where exists (select 1 from pg_attribute t where t.attrelid = c.oid and t.attname = 'tenant_id')`);
    const offenders = rows.filter((r) => r.first !== 'tenant_id');
    expect(offenders, offenders.map((o) => o.index).join(', ')).toEqual([]);
  });

  it('service roles are neither superusers, owners nor BYPASSRLS', async () => {
    const names = Object.values(serviceRoles);
    const { rows } = await db.query<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean; owns: number }>(
      `select r.rolname, r.rolsuper, r.rolbypassrls,
              (select count(*)::int from pg_class c where c.relowner = r.oid) as owns
       from pg_roles r where r.rolname = any($1)`,
      [names],
    );
    expect(rows.map((r) => r.rolname).sort()).toEqual([...names].sort());
    for (const r of rows) expect({ role: r.rolname, super: r.rolsuper, bypass: r.rolbypassrls, owns: r.owns }).toEqual({ role: r.rolname, super: false, bypass: false, owns: 0 });
  });

  it('as a service role with no tenant set, a query sees nothing and cannot write', async () => {
    await db.exec(`
      insert into identity.tenants (id, city_id, kind, division_code, name, short_name, slug, status)
      values ('${TENANT_A}', '${TENANT_A}', 'city', 'A', '甲', '甲', 'tenant-a', 'active'),
             ('${TENANT_B}', '${TENANT_A}', 'district', 'B', '乙', '乙', 'tenant-b', 'active');
      insert into identity.departments (tenant_id, id, code, name)
      values ('${TENANT_A}', gen_random_uuid(), 'a', 'A'), ('${TENANT_B}', gen_random_uuid(), 'b', 'B');`);
    const seen = await db.transaction(async (tx) => {
      await tx.query('set local role ys_identity');
      return (await tx.query<{ n: number }>('select count(*)::int as n from identity.departments')).rows[0]!.n;
    });
    expect(seen).toBe(0);
    await expect(
      db.transaction(async (tx) => {
        await tx.query('set local role ys_identity');
        await tx.query(`insert into identity.departments (tenant_id, id, code, name) values ('${TENANT_A}', gen_random_uuid(), 'x', 'X')`);
      }),
    ).rejects.toThrow(/row-level security/);
  });

  it('with a tenant set, sees that tenant only and cannot write into another', async () => {
    const codes = await db.transaction(async (tx) => {
      await tx.query('set local role ys_identity');
      await tx.query(`select set_config('app.tenant_id', $1, true)`, [TENANT_B]);
      return (await tx.query<{ code: string }>('select code from identity.departments')).rows.map((r) => r.code);
    });
    expect(codes).toEqual(['b']);
    await expect(
      db.transaction(async (tx) => {
        await tx.query('set local role ys_identity');
        await tx.query(`select set_config('app.tenant_id', $1, true)`, [TENANT_B]);
        await tx.query(`insert into identity.departments (tenant_id, id, code, name) values ('${TENANT_A}', gen_random_uuid(), 'y', 'Y')`);
      }),
    ).rejects.toThrow(/row-level security/);
  });

  it('another service role cannot read identity tables at all', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query('set local role ys_projects');
        await tx.query(`select set_config('app.tenant_id', $1, true)`, [TENANT_A]);
        await tx.query('select * from identity.users');
      }),
    ).rejects.toThrow(/permission denied/);
  });

  it('the audit log takes inserts from every service but no updates or deletes', async () => {
    for (const role of Object.values(serviceRoles)) {
      await db.transaction(async (tx) => {
        await tx.query(`set local role ${role}`);
        await tx.query(`select set_config('app.tenant_id', $1, true)`, [TENANT_A]);
        await tx.query(
          `insert into audit.operation_log (tenant_id, id, service, action, entity) values ($1, gen_random_uuid(), $2, 'test', 'x')`,
          [TENANT_A, role],
        );
      });
      await expect(
        db.transaction(async (tx) => {
          await tx.query(`set local role ${role}`);
          await tx.query(`select set_config('app.tenant_id', $1, true)`, [TENANT_A]);
          await tx.query(`delete from audit.operation_log`);
        }),
      ).rejects.toThrow(/permission denied/);
    }
  });

  it('keeps projects apart: a projects-role transaction reads and writes only its tenant’s ledger', async () => {
    const project = (tenant: string, code: string) =>
      `insert into projects.projects (tenant_id, id, code, name, owner_unit, category, level, total_investment, stage_date)
       values ('${tenant}', gen_random_uuid(), '${code}', '项目', '单位', 'other', 'district', 1, current_date)`;
    await db.exec(`${project(TENANT_A, 'A-1')}; ${project(TENANT_B, 'B-1')};`);
    const codes = await db.transaction(async (tx) => {
      await tx.query('set local role ys_projects');
      await tx.query(`select set_config('app.tenant_id', $1, true)`, [TENANT_B]);
      return (await tx.query<{ code: string }>('select code from projects.projects')).rows.map((r) => r.code);
    });
    expect(codes).toEqual(['B-1']);
    await expect(
      db.transaction(async (tx) => {
        await tx.query('set local role ys_projects');
        await tx.query(`select set_config('app.tenant_id', $1, true)`, [TENANT_B]);
        await tx.query(project(TENANT_A, 'A-2'));
      }),
    ).rejects.toThrow(/row-level security/);
    // Assessments reads the published figures, never the tables.
    await expect(
      db.transaction(async (tx) => {
        await tx.query('set local role ys_assessments');
        await tx.query(`select set_config('app.tenant_id', $1, true)`, [TENANT_A]);
        await tx.query('select * from projects.investment_reports');
      }),
    ).rejects.toThrow(/permission denied/);
    const figures = await db.transaction(async (tx) => {
      await tx.query('set local role ys_assessments');
      await tx.query(`select set_config('app.tenant_id', $1, true)`, [TENANT_B]);
      return (await tx.query<{ tenant_id: string }>('select distinct tenant_id from projects.tenant_month_figures_v')).rows;
    });
    expect(figures).toEqual([{ tenant_id: TENANT_B }]);
  });
});
