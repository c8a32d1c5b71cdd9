import { type DbHandle, type ServiceName, type Tx, connect, withServiceRole, withTenant } from '@yingshang/db';
import type { Context, MiddlewareHandler } from 'hono';
import type { AuthVariables } from './auth.ts';
import type { KitEnv } from './env.ts';
import { problems } from './problem.ts';

export type DatabaseFactory = (env: KitEnv) => DbHandle;
export const connectFromEnv: DatabaseFactory = (env) =>
  connect({ connectionString: env.DATABASE_URL, wsProxy: env.DB_WS_PROXY });

export type DbVariables = { dbHandle: () => DbHandle; service: ServiceName };

/** Opens the request's pool on first use and closes it after the response, off the critical path. */
export function databaseMiddleware(service: ServiceName, factory: DatabaseFactory): MiddlewareHandler<{ Bindings: KitEnv; Variables: DbVariables }> {
  return async (c, next) => {
    let handle: DbHandle | undefined;
    c.set('service', service);
    c.set('dbHandle', () => (handle ??= factory(c.env)));
    try {
      await next();
    } finally {
      if (handle) {
        const closing = handle.close().catch(() => {});
        try {
          c.executionCtx.waitUntil(closing);
        } catch {
          await closing; // no execution context (app.request in tests)
        }
      }
    }
  };
}

// Any app built on the kit: its bindings extend KitEnv and its variables include these.
// biome-ignore lint: Hono's Context is invariant in its Env, so the helpers accept any app's context.
type KitContext = Context<any>;
const principalOf = (c: KitContext) => c.get('principal') as AuthVariables['principal'] | undefined;
const handleOf = (c: KitContext) => (c.get('dbHandle') as DbVariables['dbHandle'])();
const serviceOf = (c: KitContext) => c.get('service') as DbVariables['service'];

/** The request's tenant transaction: the service role, the verified tenant, one commit or nothing. */
export function tenantTx<T>(c: KitContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const principal = principalOf(c);
  if (!principal) throw problems.unauthorized();
  return withTenant(handleOf(c).db, serviceOf(c), principal.tenantId, fn);
}

/** A transaction for a tenant established without a token (sign-in, public branding): the caller proved it. */
export function tenantTxFor<T>(
  c: KitContext,
  tenantId: string,
  fn: (tx: Tx) => Promise<T>,
  allow: readonly string[] = ['active'],
): Promise<T> {
  return withTenant(handleOf(c).db, serviceOf(c), tenantId, fn, allow);
}

export function serviceTx<T>(c: KitContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withServiceRole(handleOf(c).db, serviceOf(c), fn);
}
