import { PGlite } from '@electric-sql/pglite';
import type { Db } from '@yingshang/db';
import { migratePglite } from '@yingshang/db/migrate';
import { verifyPassword } from '@yingshang/service-kit/password';
import { loadArgon2Node } from '@yingshang/service-kit/password-node';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDays } from '@yingshang/seeds';
import { bootstrap, main } from '../src/bootstrap.ts';

let pg: PGlite;
let db: Db;
beforeAll(async () => {
  pg = new PGlite();
  await migratePglite(pg);
  db = drizzle({ client: pg }) as unknown as Db;
});
afterAll(() => pg.close());

describe('bootstrap of the city on a fresh database', () => {
  it('the dry run prints what it would write and writes nothing', async () => {
    const lines: string[] = [];
    expect(await main(['--', '--dry-run'], {}, (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toContain('would insert the user admin (role city_admin)');
    expect((await pg.query('select 1 from identity.tenants')).rows).toEqual([]);
  });

  it('makes the city tenant, its roles and one administrator who must change a one-time password; once', async () => {
    const lines: string[] = [];
    const first = await bootstrap(db, { dryRun: false, adminUsername: 'admin' }, (l) => lines.push(l));
    expect(first.created).toBe(true);
    expect(first.password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const { rows: tenants } = await pg.query<{ slug: string; status: string; kind: string }>('select slug, status, kind from identity.tenants');
    expect(tenants).toEqual([{ slug: 'zhengzhou', status: 'active', kind: 'city' }]);
    const { rows: users } = await pg.query<{ username: string; must_change_password: boolean; password_hash: string; code: string }>(
      'select u.username, u.must_change_password, u.password_hash, r.code from identity.users u join identity.roles r on r.tenant_id = u.tenant_id and r.id = u.role_id',
    );
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ username: 'admin', must_change_password: true, code: 'city_admin' });
    expect(verifyPassword(await loadArgon2Node(), first.password!, users[0]!.password_hash)).toBe(true);
    expect(Number((await pg.query<{ n: string }>('select count(*) as n from identity.calendar_days')).rows[0]!.n)).toBe(calendarDays.length);

    const again = await bootstrap(db, { dryRun: false, adminUsername: 'admin' }, (l) => lines.push(l));
    expect(again).toEqual({ created: false, username: 'admin', password: null });
    expect((await pg.query('select 1 from identity.users')).rows).toHaveLength(1);
  });

  it('refuses a short administrator password', async () => {
    await expect(bootstrap(db, { dryRun: true, adminUsername: 'admin', adminPassword: 'short' })).rejects.toThrow(/at least 12/);
  });
});
