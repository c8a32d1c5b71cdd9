import { roleTemplatesFor, usccCheckChar } from '@yingshang/contracts';
import { schema } from '@yingshang/db';
import { signAccessToken } from '@yingshang/service-kit';
import {
  type FixtureTenant,
  TEST_JWT_SECRET,
  type TestDatabase,
  type TwoTenantFixture,
  claimsFor,
  createTestDatabase,
  createTwoTenantFixture,
  tenantRequest,
  testEnv,
  uuidv7,
} from '@yingshang/testing';
import { createEnterpriseApp } from '../src/app.ts';

export const API = '/api/enterprise/v1';

/** 2026's National Day week and its make-up workdays, as the State Council published them. */
export const CALENDAR_2026 = [
  { day: '2026-09-20', kind: 'workday' as const, name: '国庆节调休上班' },
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ day: `2026-10-${d}`, kind: 'holiday' as const, name: '国庆节' })),
  { day: '2026-10-10', kind: 'workday' as const, name: '国庆节调休上班' },
  { day: '2026-01-01', kind: 'holiday' as const, name: '元旦' },
];

export type Who = 'service' | 'cadre' | 'admin' | 'clerk' | 'enterprise';

export interface Harness {
  db: TestDatabase;
  fx: TwoTenantFixture;
  /** The clock every request runs at; tests move it. */
  clock: { now: Date };
  setToday(day: string): void;
  call(slug: string, path: string, init?: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  token(tenant: FixtureTenant, who: Who, opts?: { userId?: string; name?: string }): Promise<string>;
  /** A user of the enterprise (mapped in enterprise.enterprise_users) and their token. */
  enterpriseUser(tenant: FixtureTenant, enterpriseId: string): Promise<{ userId: string; token: string }>;
}

const template = (code: string) => roleTemplatesFor('district').find((t) => t.code === code)!;

export async function harness(): Promise<Harness> {
  const db = await createTestDatabase();
  const fx = await createTwoTenantFixture(db.owner);
  await db.owner.insert(schema.calendarDays).values(CALENDAR_2026).onConflictDoNothing();
  const clock = { now: new Date('2026-11-26T04:00:00Z') };
  const app = createEnterpriseApp({ database: db.factory, now: () => clock.now });
  const ids = new Map<string, string>();
  const token: Harness['token'] = async (tenant, who, opts = {}) => {
    if (who === 'admin' || who === 'clerk') return signAccessToken(claimsFor(tenant, who), TEST_JWT_SECRET);
    const code = who === 'service' ? 'enterprise_service' : who === 'cadre' ? 'cadre' : 'enterprise_user';
    const key = `${tenant.slug}:${who}`;
    const known = ids.get(key);
    const sub = opts.userId ?? known ?? uuidv7();
    ids.set(key, known ?? sub);
    const t = template(code);
    // A cadre must exist in identity to be paired (the service reads identity's staff directory).
    if (who === 'cadre' && !known && !opts.userId) {
      const roleId = uuidv7();
      await db.owner.insert(schema.roles).values({ tenantId: tenant.id, id: roleId, code: 'cadre', name: t.name, permissions: [...t.permissions], dataScope: t.dataScope });
      await db.owner.insert(schema.users).values({ tenantId: tenant.id, id: sub, username: `cadre-${tenant.slug}`, displayName: opts.name ?? `${tenant.name}${t.name}`, passwordHash: 'x', roleId, departmentId: tenant.users.clerk.departmentId });
    }
    return signAccessToken(
      { ...claimsFor(tenant, 'clerk'), sub, name: opts.name ?? `${tenant.name}${t.name}`, role: code, perms: [...t.permissions], scope: t.dataScope },
      TEST_JWT_SECRET,
    );
  };
  return {
    db,
    fx,
    clock,
    setToday: (day) => {
      clock.now = new Date(`${day}T04:00:00Z`);
    },
    call: async (slug, path, init = {}) => app.fetch(tenantRequest(slug, path, init), testEnv),
    token,
    async enterpriseUser(tenant, enterpriseId) {
      const userId = uuidv7();
      await db.owner.insert(schema.enterpriseUsers).values({ tenantId: tenant.id, userId, enterpriseId });
      return { userId, token: await token(tenant, 'enterprise', { userId, name: '企业联系人' }) };
    },
  };
}

let serial = 0;
/** A valid USCC: 9 (市场监管) 1 (企业) + division + a sequence, with its check digit. */
export function uscc(division = '410105'): string {
  serial += 1;
  const body = `91${division}MA${String(serial).padStart(7, '0')}`.slice(0, 17);
  return body + usccCheckChar(body);
}

export function newEnterprise(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    uscc: uscc(),
    name: `测试企业${serial}有限公司`,
    industry: 'C',
    size: 'medium',
    aboveThreshold: true,
    headcount: 300,
    insuredHeadcount: 280,
    revenue: '50000',
    tax: '1200',
    rdSpending: '3050',
    certifications: ['specialized'],
    foundedOn: '2015-06-01',
    ...overrides,
  };
}

export async function body<T = Record<string, unknown>>(res: Response): Promise<T> {
  const text = await res.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`not JSON (${res.status}): ${text.slice(0, 300)}`);
  }
}
