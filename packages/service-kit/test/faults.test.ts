import { PGlite } from '@electric-sql/pglite';
import type { Db } from '@yingshang/db';
import { migratePglite } from '@yingshang/db/migrate';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServiceApp } from '../src/app.ts';
import { guard, signAccessToken } from '../src/auth.ts';
import { tenantTx } from '../src/database.ts';
import { safeMessage, toProblem } from '../src/errors.ts';
import { hashPassword, verifyPassword } from '../src/password.ts';
import { loadArgon2Node } from '../src/password-node.ts';

// Faults inside a handler: what the caller sees and what the log keeps.
const env = { DATABASE_URL: 'postgresql://svc:db-password-1234@db.example:5432/ys', JWT_SECRET: 'kit-fault-secret-0123456789', BASE_DOMAIN: 'example.test' };
const TENANT = '0193f1a0-0000-7000-8000-000000419901';
const PASSWORD = 'Hunter2!Secret';
let pglite: PGlite;
let app: ReturnType<typeof createServiceApp>;

beforeAll(async () => {
  pglite = new PGlite();
  await migratePglite(pglite);
  const db = drizzle({ client: pglite }) as unknown as Db;
  app = createServiceApp({ service: 'projects', title: 'faults', database: () => ({ db, close: async () => {} }) });
  app.use('/api/projects/v1/*', ...guard());
  app.post('/api/projects/v1/throws', async (c) => {
    await c.req.json();
    throw new Error('handler bug');
  });
  // A database error the driver reports with the query and its parameters: the password must not reach the log.
  app.post('/api/projects/v1/query-fails', async (c) => {
    const { password } = await c.req.json<{ password: string }>();
    await tenantTx(c, (tx) => tx.execute(`select nosuchfunction('${password.replace(/'/g, "''")}')` as never));
    return c.json({}, 200);
  });
  app.get('/api/projects/connection-string', () => {
    throw new Error(`connect failed for ${env.DATABASE_URL}`);
  });
});
afterAll(() => pglite.close());

async function capture<T>(fn: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const spies = (['log', 'warn', 'error'] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    }),
  );
  try {
    return { result: await fn(), lines };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

const token = () =>
  signAccessToken({ sub: crypto.randomUUID(), tid: TENANT, ten: 'alpha', name: 't', role: 'r', perms: [], scope: 'all', dept: null }, env.JWT_SECRET);

describe('a handler that throws', () => {
  it('answers 500 problem+json with the request id, logged with the tenant and without secrets', async () => {
    const bearer = await token();
    const { result: res, lines } = await capture(async () =>
      app.fetch(
        new Request('http://alpha.example.test/api/projects/v1/throws', {
          method: 'POST',
          headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', 'x-request-id': 'req-fault-1' },
          body: JSON.stringify({ password: PASSWORD }),
        }),
        env,
      ),
    );
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as { requestId: string; detail: string };
    expect(body.requestId).toBe('req-fault-1');
    expect(body.detail).not.toContain('handler bug');
    const logged = lines.find((l) => l.includes('unhandled error'));
    expect(logged).toBeDefined();
    expect(JSON.parse(logged!)).toMatchObject({ level: 'error', requestId: 'req-fault-1', tenantId: TENANT, path: '/api/projects/v1/throws' });
    for (const secret of [PASSWORD, bearer, bearer.split('.')[2]!, env.JWT_SECRET]) expect(lines.join('\n')).not.toContain(secret);
  });

  it('keeps a failed query’s parameters out of the log', async () => {
    const bearer = await token();
    const { result: res, lines } = await capture(async () =>
      app.fetch(
        new Request('http://alpha.example.test/api/projects/v1/query-fails', {
          method: 'POST',
          headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
          body: JSON.stringify({ password: PASSWORD }),
        }),
        env,
      ),
    );
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(PASSWORD);
  });

  it('keeps a connection string’s password out of the log', async () => {
    const { result: res, lines } = await capture(async () => app.fetch(new Request('http://alpha.example.test/api/projects/connection-string'), env));
    expect(res.status).toBe(500);
    expect(lines.join('\n')).toContain('postgresql://svc:[redacted]@db.example');
    expect(lines.join('\n')).not.toContain('db-password-1234');
  });

  it('safeMessage drops drizzle’s parameters and URL passwords', () => {
    expect(safeMessage('Failed query: select $1\nparams: Hunter2!')).toBe('Failed query: select $1\nparams: [redacted]');
    expect(safeMessage('postgres://u:p%40ss@db.example/db down')).toBe('postgres://u:[redacted]@db.example/db down');
    expect(safeMessage(undefined)).toBeUndefined();
  });
});

describe('a database lost mid-transaction', () => {
  it('is 503, also when the error is the rollback that followed', () => {
    const lost = (message: string) => Object.assign(new Error('Failed query: rollback\nparams: '), { cause: new Error(message) });
    for (const message of [
      'Client has encountered a connection error and is not queryable',
      'Client was closed and is not queryable',
      'Connection terminated unexpectedly',
      'Too many connections',
    ]) {
      expect(toProblem(lost(message))?.status, message).toBe(503);
    }
  });
});

describe('passwords', () => {
  it('a short or NUL password is simply wrong, not a crash', async () => {
    const argon2 = await loadArgon2Node();
    const phc = hashPassword(argon2, 'Long-enough-1');
    for (const attempt of ['', 'a', '\u0000', 'short!7']) expect(verifyPassword(argon2, attempt, phc)).toBe(false);
    expect(verifyPassword(argon2, 'Long-enough-1', phc)).toBe(true);
  });
});
