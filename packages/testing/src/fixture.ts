import { type AccessClaims, signAccessToken } from '@yingshang/service-kit';
import { hashPassword } from '@yingshang/service-kit/password';
import { loadArgon2Node } from '@yingshang/service-kit/password-node';
import { effectivePermissions, roleTemplatesFor } from '@yingshang/contracts/permissions';
import { type Db, schema, uuidv7 } from '@yingshang/db';
import { sign } from 'hono/jwt';

export const TEST_JWT_SECRET = 'test-secret-for-unit-tests-only-0123456789';
export const TEST_BASE_DOMAIN = 'yingshang.test';
export const TEST_PASSWORD = 'Test@Passw0rd';

export const testEnv = {
  DATABASE_URL: 'postgresql://unused',
  JWT_SECRET: TEST_JWT_SECRET,
  BASE_DOMAIN: TEST_BASE_DOMAIN,
  ENVIRONMENT: 'test',
};

export interface FixtureUser {
  id: string;
  username: string;
  role: string;
  permissions: string[];
  dataScope: 'all' | 'department_tree' | 'department' | 'self';
  departmentId: string;
}

export interface FixtureTenant {
  id: string;
  slug: string;
  name: string;
  users: Record<'admin' | 'clerk', FixtureUser>;
}

export interface TwoTenantFixture {
  city: FixtureTenant;
  a: FixtureTenant;
  b: FixtureTenant;
  /** A district created suspended: its users must be turned away. */
  suspended: FixtureTenant;
  passwordHash: string;
}

// The real built-in roles: tests exercise the permissions people actually get.
function templates(kind: 'city' | 'district') {
  const byCode = new Map(roleTemplatesFor(kind).map((t) => [t.code, t]));
  const pick = (code: string) => {
    const t = byCode.get(code);
    if (!t) throw new Error(`no role template ${code}`);
    return t;
  };
  return kind === 'city'
    ? { admin: pick('city_admin'), clerk: pick('city_supervisor') }
    : { admin: pick('tenant_admin'), clerk: pick('ndrc') };
}

async function insertTenant(
  db: Db,
  t: { slug: string; name: string; cityId?: string; status?: 'active' | 'suspended'; kind?: 'city' | 'district'; code: string; passwordHash: string },
): Promise<FixtureTenant> {
  const id = uuidv7();
  await db.insert(schema.tenants).values({
    id,
    cityId: t.cityId ?? id,
    kind: t.kind ?? 'district',
    divisionCode: t.code,
    name: t.name,
    shortName: t.name.slice(0, 2),
    slug: t.slug,
    status: t.status ?? 'active',
    onboardingSteps: ['admin', 'branding', 'modules'],
    activatedAt: new Date(),
    primaryColor: '#1f5fbf',
    modules: ['projects', 'enterprise', 'assessments', 'admin'],
  });
  const departmentId = uuidv7();
  await db.insert(schema.departments).values({ tenantId: id, id: departmentId, code: 'office', name: '办公室' });
  const roleIds = { admin: uuidv7(), clerk: uuidv7() };
  const tpl = templates(t.kind ?? 'district');
  const modules = ['projects', 'enterprise', 'assessments', 'admin'];
  await db.insert(schema.roles).values(
    (['admin', 'clerk'] as const).map((k) => ({
      tenantId: id,
      id: roleIds[k],
      code: tpl[k].code,
      name: tpl[k].name,
      permissions: [...tpl[k].permissions],
      dataScope: tpl[k].dataScope,
      builtIn: true,
    })),
  );
  const user = (k: 'admin' | 'clerk') => ({
    id: uuidv7(),
    username: k,
    role: tpl[k].code,
    permissions: effectivePermissions(tpl[k].permissions, modules) as string[],
    dataScope: tpl[k].dataScope,
    departmentId,
  });
  const users = { admin: user('admin'), clerk: user('clerk') };
  await db.insert(schema.users).values(
    (['admin', 'clerk'] as const).map((k) => ({
      tenantId: id,
      id: users[k].id,
      username: users[k].username,
      displayName: `${t.name}${k === 'admin' ? '管理员' : '专员'}`,
      passwordHash: t.passwordHash,
      departmentId,
      roleId: roleIds[k],
    })),
  );
  return { id, slug: t.slug, name: t.name, users };
}

/**
 * The city, two districts that must never see each other, and one suspended district. Inserted as the owner
 * (past RLS), like the seeds: the code under test then runs as the service role.
 */
export async function createTwoTenantFixture(db: Db): Promise<TwoTenantFixture> {
  const passwordHash = hashPassword(await loadArgon2Node(), TEST_PASSWORD);
  const city = await insertTenant(db, { slug: 'city', name: '测试市', kind: 'city', code: '419900', passwordHash });
  const a = await insertTenant(db, { slug: 'alpha', name: '甲区', cityId: city.id, code: '419901', passwordHash });
  const b = await insertTenant(db, { slug: 'bravo', name: '乙区', cityId: city.id, code: '419902', passwordHash });
  const suspended = await insertTenant(db, { slug: 'closed', name: '停用区', cityId: city.id, code: '419903', status: 'suspended', passwordHash });
  return { city, a, b, suspended, passwordHash };
}

export function claimsFor(tenant: FixtureTenant, who: 'admin' | 'clerk' = 'admin'): AccessClaims {
  const u = tenant.users[who];
  return {
    sub: u.id,
    tid: tenant.id,
    ten: tenant.slug,
    name: u.username,
    role: u.role,
    perms: u.permissions,
    scope: u.dataScope,
    dept: u.departmentId,
  };
}

export const tokenFor = (tenant: FixtureTenant, who: 'admin' | 'clerk' = 'admin') =>
  signAccessToken(claimsFor(tenant, who), TEST_JWT_SECRET);

/** Tokens that must all be refused, whatever the route. */
export async function badTokens(tenant: FixtureTenant): Promise<Record<string, string>> {
  const good = await tokenFor(tenant);
  const [h, p] = good.split('.');
  const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const now = Math.floor(Date.now() / 1000);
  const claims = claimsFor(tenant);
  return {
    expired: await sign({ ...claims, iss: 'yingshang', aud: 'yingshang', iat: now - 7200, exp: now - 3600 }, TEST_JWT_SECRET, 'HS256'),
    tampered: `${h}.${b64({ ...JSON.parse(atob(p!.replace(/-/g, '+').replace(/_/g, '/'))), perms: ['*'] })}.${good.split('.')[2]}`,
    algNone: `${b64({ alg: 'none', typ: 'JWT' })}.${p}.`,
    wrongKey: await sign({ ...claims, iss: 'yingshang', aud: 'yingshang', iat: now, exp: now + 600 }, 'another-secret', 'HS256'),
    hs512: await sign({ ...claims, iss: 'yingshang', aud: 'yingshang', iat: now, exp: now + 600 }, TEST_JWT_SECRET, 'HS512'),
    garbage: 'not-a-token',
  };
}

/** A request to a service app as a browser on the tenant's host would send it. */
export function tenantRequest(
  slug: string | null,
  path: string,
  init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Request {
  const host = slug ? `${slug}.${TEST_BASE_DOMAIN}` : TEST_BASE_DOMAIN;
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  return new Request(`http://${host}${path}`, {
    method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
    headers,
    ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
  });
}

export { uuidv7 };
