import { type Tx, schema, uuidv7 } from '@yingshang/db';
import type { Context } from 'hono';
import type { AuthVariables } from './auth.ts';
import type { DbVariables } from './database.ts';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

// biome-ignore lint: see database.ts — accepts any kit app's context.
type AuditContext = Context<any>;

const SECRET_KEYS = /password|token|secret|hash/i;
function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[redacted]' : redact(v)]),
    );
  }
  return value;
}

export function clientIp(c: Context): string | null {
  const ip = c.req.header('cf-connecting-ip') ?? c.req.header('x-real-ip') ?? null;
  return ip && /^[0-9a-f:.]+$/i.test(ip) ? ip : null;
}

/**
 * Writes the operation log row inside the same transaction as the change, so a write and its audit entry commit
 * or fail together. Secrets in before/after are redacted.
 */
export async function audit(c: AuditContext, tx: Tx, entry: AuditEntry, tenantId?: string): Promise<void> {
  const principal = c.get('principal') as AuthVariables['principal'] | undefined;
  c.set('audited', true);
  const tenant = tenantId ?? principal?.tenantId;
  if (!tenant) throw new Error('audit without a tenant');
  await tx.insert(schema.operationLog).values({
    tenantId: tenant,
    id: uuidv7(),
    service: c.get('service') as DbVariables['service'],
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    actorId: principal?.userId ?? null,
    actorName: principal?.displayName ?? null,
    before: (redact(entry.before) ?? null) as never,
    after: (redact(entry.after) ?? null) as never,
    ip: clientIp(c),
    requestId: c.get('requestId') as string,
  });
}
