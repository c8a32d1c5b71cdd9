import { DEMO_PASSWORD, TENANTS } from '@yingshang/seeds';
import { sign } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../src/stack.ts';

/**
 * The isolation suite, generated from every service's OpenAPI document: a new endpoint is covered the day it is
 * added. For each operation it tries no token, forged and expired tokens, another tenant's token and host, a token
 * without permissions, a suspended tenant, and another tenant's ids — and expects refusal without a byte of the
 * other tenant's data.
 */
const SERVICES = ['identity', 'projects', 'enterprise', 'assessments'] as const;
// Public by design: branding and directory, onboarding (by invitation), sign-in, health, the documents.
const PUBLIC = /\/(health|openapi\.json)$|\/v1\/public\/|\/v1\/onboarding|\/v1\/auth\//;
// Need a signed-in user but no particular permission.
const SIGNED_IN_ONLY = /\/v1\/me(\/|$)|\/v1\/dictionaries|\/v1\/notices(\/unread-count)?$|\/v1\/notices\/\{[^}]+\}(\/read)?$/;

interface Operation {
  service: string;
  method: string;
  path: string;
}

let stack: Stack;
let operations: Operation[];
const ids = { jinshui: '', erqi: '', suspended: '' };
const tokens: Record<string, string> = {};
const erqiRows = new Map<string, string[]>();
let erqiAllIds: string[] = [];
const counts: Record<string, number> = {};

const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

async function signIn(slug: string, username: string): Promise<string> {
  const res = await stack.fetch(`${stack.tenantUrl(slug)}/api/identity/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status, `${slug}/${username}`).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

beforeAll(async () => {
  stack = await startStack({ port: 0, dataDir: null });
  const tenantId = (slug: string) => TENANTS.find((t) => t.slug === slug)!.id;
  ids.jinshui = tenantId('jinshui');
  ids.erqi = tenantId('erqi');
  ids.suspended = tenantId('huiji');
  tokens.jinshui = await signIn('jinshui', 'admin');
  tokens.erqi = await signIn('erqi', 'admin');
  const jinshuiFgw = await signIn('jinshui', 'fgw');
  tokens.jinshuiFgw = jinshuiFgw;
  const claims = JSON.parse(atob(tokens.jinshui.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
  const now = Math.floor(Date.now() / 1000);
  tokens.expired = await sign({ ...claims, iat: now - 7200, exp: now - 3600 }, stack.jwtSecret, 'HS256');
  tokens.noPermissions = await sign({ ...claims, perms: [] }, stack.jwtSecret, 'HS256');
  tokens.wrongKey = await sign(claims, 'not-the-secret', 'HS256');
  tokens.tampered = `${tokens.jinshui.split('.')[0]}.${b64({ ...claims, perms: ['admin:tenant:create'] })}.${tokens.jinshui.split('.')[2]}`;
  tokens.algNone = `${b64({ alg: 'none', typ: 'JWT' })}.${tokens.jinshui.split('.')[1]}.`;
  tokens.suspended = await signIn('huiji', 'admin');
  // A real lower role, as signed in: 企业用户 holds a few enterprise permissions and nothing else.
  tokens.lowerRole = await signIn('jinshui', 'qiye');

  operations = [];
  for (const service of SERVICES) {
    const doc = (await (await stack.fetch(`${stack.url}/api/${service}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) if (!PUBLIC.test(path)) operations.push({ service, method: method.toUpperCase(), path });
    }
  }

  // Every id of every row 二七区 owns, by table: the ids another tenant must never reach.
  const db = stack.pglite!;
  const tables = await db.query<{ schema: string; table: string }>(`
    select table_schema as schema, table_name as table from information_schema.columns
    where column_name = 'tenant_id' and table_schema in ('identity', 'projects', 'enterprise', 'assessments')
      and exists (select 1 from information_schema.columns c2 where c2.table_schema = columns.table_schema
                  and c2.table_name = columns.table_name and c2.column_name = 'id')
      and table_name in (select table_name from information_schema.tables where table_type = 'BASE TABLE')`);
  for (const { schema, table } of tables.rows) {
    const rows = await db.query<{ id: string }>(`select id::text as id from "${schema}"."${table}" where tenant_id = $1 limit 5`, [ids.erqi]);
    if (rows.rows.length) erqiRows.set(table, rows.rows.map((r) => r.id));
  }
  erqiAllIds = [...erqiRows.values()].flat();
  // 惠济区 is suspended after its admin signed in: the token is still valid, the tenant is not.
  await db.query(`update identity.tenants set status = 'suspended' where id = $1`, [ids.suspended]);
  await new Promise((r) => setTimeout(r, 0));
}, 180_000);

afterAll(async () => {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const lines = Object.entries(counts).map(([s, n]) => `${s} ${n}`).join(', ');
  process.stdout.write(`\nisolation suite: ${operations?.length ?? 0} operations, ${total} cases (${lines})\n`);
  await stack?.stop();
});

/** A path with its parameters filled: 二七区's ids where the resource names a table we know, else any of its ids. */
function fill(path: string, pick: number): string {
  return path.replace(/\{([^}]+)\}/g, (_m, name: string, offset: number) => {
    const resource = path.slice(0, offset).split('/').filter(Boolean).at(-1) ?? '';
    const pool = erqiRows.get(resource.replace(/-/g, '_')) ?? erqiAllIds;
    if (name.toLowerCase().includes('month')) return '2026-10';
    return pool.length ? pool[pick % pool.length]! : crypto.randomUUID();
  });
}

async function call(op: Operation, slug: string | null, token: string | null, pick = 0): Promise<{ status: number; body: string; path: string }> {
  const path = fill(op.path, pick);
  const url = `${slug ? stack.tenantUrl(slug) : stack.url}${path}`;
  const headers: Record<string, string> = { 'content-type': 'application/json', 'if-match': '"1"' };
  if (token) headers.authorization = `Bearer ${token}`;
  const init: RequestInit = { method: op.method, headers };
  if (!['GET', 'HEAD', 'DELETE'].includes(op.method)) init.body = '{}';
  const res = await stack.fetch(url, init);
  counts[op.service] = (counts[op.service] ?? 0) + 1;
  return { status: res.status, body: await res.text(), path };
}

function expectRefused(result: { status: number; body: string; path: string }, allowed: number[], what: string) {
  expect(allowed, `${what} answered ${result.status}: ${result.body.slice(0, 200)}`).toContain(result.status);
  // The problem's `instance` echoes the path the caller sent; any other id of 二七区 in the answer is a leak.
  for (const id of erqiAllIds.filter((i) => !result.path.includes(i))) {
    expect(result.body.includes(id), `${what} leaked an id of 二七区`).toBe(false);
  }
}

describe('isolation, generated from the OpenAPI documents', () => {
  it('finds operations to test in the documents', () => {
    expect(operations.length).toBeGreaterThan(5);
  });

  it('refuses every protected operation without a valid token for this host', async () => {
    for (const op of operations) {
      const what = `${op.method} ${op.path}`;
      expectRefused(await call(op, 'jinshui', null), [401], `${what} without a token`);
      for (const kind of ['expired', 'wrongKey', 'tampered', 'algNone'] as const) {
        expectRefused(await call(op, 'jinshui', tokens[kind]!), [401], `${what} with a ${kind} token`);
      }
      expectRefused(await call(op, 'jinshui', tokens.erqi!), [403], `${what} with 二七区's token on 金水区's host`);
      expectRefused(await call(op, 'erqi', tokens.jinshui!), [403], `${what} with 金水区's token on 二七区's host`);
      expectRefused(await call(op, null, tokens.jinshui!), [404], `${what} on the bare host`);
      expectRefused(await call(op, 'ghost', tokens.jinshui!), [404], `${what} on an unknown tenant's host`);
      // Refused before its transaction opens (403), or by a body check that runs first (400): nothing is written.
      expectRefused(await call(op, 'huiji', tokens.suspended!), [400, 403], `${what} for a suspended tenant`);
    }
  });

  it('refuses every permission-guarded operation to a token without permissions', async () => {
    for (const op of operations.filter((o) => !SIGNED_IN_ONLY.test(o.path))) {
      expectRefused(await call(op, 'jinshui', tokens.noPermissions!), [403], `${op.method} ${op.path} without permissions`);
    }
  });

  it('refuses a real lower role (企业用户) every operation of a module it holds no permission in', async () => {
    const perms = (JSON.parse(atob(tokens.lowerRole!.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { perms: string[] }).perms;
    const held = new Set(perms.map((p) => p.split(':')[0]));
    const moduleOf = (service: string) => (service === 'identity' ? 'admin' : service);
    const targets = operations.filter((o) => !SIGNED_IN_ONLY.test(o.path) && !held.has(moduleOf(o.service)));
    expect(targets.length).toBeGreaterThan(10);
    for (const op of targets) {
      expectRefused(await call(op, 'jinshui', tokens.lowerRole!), [403], `${op.method} ${op.path} as 企业用户`);
    }
  });

  it('never reaches another tenant’s rows through their ids', async () => {
    // Operations addressed by an id (a month, say, is not another tenant's row).
    const byId = operations.filter((o) => [...o.path.matchAll(/\{([^}]+)\}/g)].some(([, name]) => !/month/i.test(name!)));
    for (const op of byId) {
      for (const token of [tokens.jinshui!, tokens.jinshuiFgw!]) {
        for (let pick = 0; pick < 3; pick++) {
          expectRefused(await call(op, 'jinshui', token, pick), [400, 403, 404, 409, 412, 422, 428], `${op.method} ${op.path} with 二七区's ids`);
        }
      }
    }
  });
});
