import { PGlite } from '@electric-sql/pglite';
import { workingCalendar } from '@yingshang/contracts';
import { schema } from '@yingshang/db';
import { migratePglite } from '@yingshang/db/migrate';
import { loadArgon2Node } from '@yingshang/service-kit/password-node';
import { verifyPassword } from '@yingshang/service-kit/password';
import { asc, count, eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITY_TENANT, DEMO_PASSWORD, TENANTS, demoLogins, seed } from '../src/index.ts';

const client = new PGlite();
const db = drizzle({ client });
const logged: string[] = [];
let firstRun: { seeded: boolean };

beforeAll(async () => {
  await migratePglite(client);
  firstRun = await seed(db, { log: (line) => logged.push(line) });
});
afterAll(() => client.close());

const tableCounts = async () => ({
  tenants: (await db.select({ n: count() }).from(schema.tenants))[0]!.n,
  departments: (await db.select({ n: count() }).from(schema.departments))[0]!.n,
  roles: (await db.select({ n: count() }).from(schema.roles))[0]!.n,
  users: (await db.select({ n: count() }).from(schema.users))[0]!.n,
  calendar: (await db.select({ n: count() }).from(schema.calendarDays))[0]!.n,
});

describe('seed', () => {
  it('writes the city and its 16 districts, active, with every module', async () => {
    expect(firstRun).toEqual({ seeded: true });
    const tenants = await db.select().from(schema.tenants).orderBy(asc(schema.tenants.sortOrder));
    expect(tenants).toHaveLength(17);
    expect(new Set(tenants.map((t) => t.slug)).size).toBe(17);
    expect(new Set(tenants.map((t) => t.primaryColor)).size).toBe(17);
    expect(new Set(tenants.map((t) => t.logo)).size).toBe(17);

    const [city, ...districts] = tenants;
    expect(city).toMatchObject({ slug: 'zhengzhou', name: '郑州市', kind: 'city', divisionCode: '410100' });
    expect(city!.cityId).toBe(city!.id);
    for (const t of tenants) {
      expect(t.status).toBe('active');
      expect(t.modules.toSorted()).toEqual(['admin', 'assessments', 'enterprise', 'projects']);
      expect(t.logo).toMatch(/^data:image\/svg\+xml;base64,/);
    }
    for (const d of districts) {
      expect(d.cityId).toBe(city!.id);
      expect(d.kind).not.toBe('city');
      expect(d.rankingGroup).toBeTruthy();
    }
    expect(districts.map((d) => d.slug)).toEqual([
      'zhongyuan', 'erqi', 'guancheng', 'jinshui', 'huiji', 'shangjie', 'zhongmou', 'gongyi', 'xingyang',
      'xinmi', 'xinzheng', 'dengfeng', 'zhengdong', 'jingkai', 'gaoxin', 'hangkonggang',
    ]);
  });

  it('keeps tenant ids fixed across databases', async () => {
    const [jinshui] = await db.select().from(schema.tenants).where(eq(schema.tenants.slug, 'jinshui'));
    expect(jinshui!.id).toBe(TENANTS.find((t) => t.slug === 'jinshui')!.id);
    expect(jinshui!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('gives every district a user for every built-in role, in the role’s department', async () => {
    const rows = await db
      .select({
        tenantId: schema.users.tenantId,
        username: schema.users.username,
        roleCode: schema.roles.code,
        department: schema.departments.code,
      })
      .from(schema.users)
      .innerJoin(schema.roles, sql`${schema.roles.tenantId} = ${schema.users.tenantId} and ${schema.roles.id} = ${schema.users.roleId}`)
      .leftJoin(
        schema.departments,
        sql`${schema.departments.tenantId} = ${schema.users.tenantId} and ${schema.departments.id} = ${schema.users.departmentId}`,
      );
    for (const tenant of TENANTS) {
      const users = rows.filter((r) => r.tenantId === tenant.id).map((r) => `${r.username}:${r.roleCode}:${r.department}`);
      expect(users.toSorted()).toEqual(
        tenant.kind === 'city'
          ? ['admin:city_admin:ysb', 'ducha:city_supervisor:dcs']
          : [
              'admin:tenant_admin:zfb',
              'ducha:supervision:dcs',
              'fgw:ndrc:fgw',
              'ganbu:cadre:gxj',
              'qiye:enterprise_user:null',
              'yingshang:enterprise_service:ysb',
            ],
      );
    }
  });

  it('builds a department tree under one root per tenant', async () => {
    const departments = await db.select().from(schema.departments);
    for (const tenant of TENANTS) {
      const own = departments.filter((d) => d.tenantId === tenant.id);
      const roots = own.filter((d) => d.parentId === null);
      expect(roots).toHaveLength(1);
      expect(own.filter((d) => d.parentId === roots[0]!.id)).toHaveLength(own.length - 1);
    }
  });

  it('stores the built-in roles as the catalogue defines them', async () => {
    const [cityAdmin] = await db
      .select()
      .from(schema.roles)
      .where(sql`${schema.roles.tenantId} = ${CITY_TENANT.id} and ${schema.roles.code} = 'city_admin'`);
    expect(cityAdmin!.builtIn).toBe(true);
    expect(cityAdmin!.permissions).toContain('assessments:ranking:publish');
    const cadres = await db.select().from(schema.roles).where(eq(schema.roles.code, 'cadre'));
    expect(cadres).toHaveLength(16);
    for (const cadre of cadres) expect(cadre.dataScope).toBe('self');
  });

  it('hashes the demo password with Argon2id so it verifies, without a forced change', async () => {
    const users = await db.select().from(schema.users);
    expect(users.every((u) => u.mustChangePassword === false && u.status === 'active')).toBe(true);
    const hashes = [...new Set(users.map((u) => u.passwordHash))];
    expect(hashes).toHaveLength(1);
    const argon2 = await loadArgon2Node();
    expect(hashes[0]).toMatch(/^\$argon2id\$/);
    expect(verifyPassword(argon2, DEMO_PASSWORD, hashes[0]!)).toBe(true);
    expect(verifyPassword(argon2, 'yingshang@2026', hashes[0]!)).toBe(false);
  });

  it('lists the demo logins that exist', async () => {
    const logins = demoLogins();
    expect(logins).toHaveLength(16 * 6 + 2);
    const users = await db
      .select({ slug: schema.tenants.slug, username: schema.users.username, displayName: schema.users.displayName })
      .from(schema.users)
      .innerJoin(schema.tenants, eq(schema.tenants.id, schema.users.tenantId));
    expect(logins.map((l) => `${l.tenantSlug}/${l.username}/${l.displayName}`).toSorted()).toEqual(
      users.map((u) => `${u.slug}/${u.username}/${u.displayName}`).toSorted(),
    );
    expect(logins).toContainEqual(
      expect.objectContaining({ tenantSlug: 'jinshui', username: 'ganbu', roleCode: 'cadre', roleName: '包联干部' }),
    );
    expect(new Set(logins.map((l) => l.displayName)).size).toBe(logins.length);
  });

  it('writes the working-day calendar for 2024 to 2027', async () => {
    const days = await db.select().from(schema.calendarDays);
    for (const year of ['2024', '2025', '2026', '2027']) {
      const ofYear = days.filter((d) => d.day.startsWith(year));
      expect(ofYear.some((d) => d.kind === 'holiday')).toBe(true);
      expect(ofYear.some((d) => d.kind === 'workday')).toBe(true);
    }
    const byDay = new Map(days.map((d) => [d.day, d]));
    expect(byDay.get('2025-10-01')).toMatchObject({ kind: 'holiday', name: '国庆节、中秋节' });
    expect(byDay.get('2025-09-28')).toMatchObject({ kind: 'workday', name: '国庆节、中秋节调休上班' });
    expect(byDay.get('2026-02-15')).toMatchObject({ kind: 'holiday', name: '春节' });

    const cal = workingCalendar(days);
    expect(cal.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(cal.isWorkingDay('2026-01-04')).toBe(true);
  });

  it('writes nothing the second time', async () => {
    const before = await tableCounts();
    const lines: string[] = [];
    await expect(seed(db, { log: (line) => lines.push(line) })).resolves.toEqual({ seeded: false });
    expect(await tableCounts()).toEqual(before);
    expect(lines.join('\n')).toMatch(/already exists/);
  });

  it('reports what it wrote', () => {
    expect(logged.join('\n')).toMatch(/17 tenants/);
    expect(logged.join('\n')).toMatch(/2027.*provisional/);
  });
});
