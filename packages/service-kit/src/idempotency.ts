import type { Tx } from '@yingshang/db';
import type { idempotencyKeysTable } from '@yingshang/db/schema';
import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { HttpProblem } from './problem.ts';

type KeysTable = ReturnType<typeof idempotencyKeysTable>;

export interface Outcome<T> {
  status: number;
  body: T;
  /** True when this is the answer remembered from an earlier attempt with the same key. */
  replayed: boolean;
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Runs a create at most once per `Idempotency-Key`. Call it inside the request's tenant transaction: the key row
 * commits with the write, a concurrent retry waits on the key's unique index and then replays the answer, and the
 * same key with a different request is refused (422). Without the header the write simply runs.
 */
export async function idempotent<T>(
  c: Context,
  tx: Tx,
  table: KeysTable,
  tenantId: string,
  request: unknown,
  write: () => Promise<{ status: number; body: T }>,
): Promise<Outcome<T>> {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return { ...(await write()), replayed: false };
  if (!/^[\x21-\x7e]{8,200}$/.test(key)) {
    throw new HttpProblem(400, 'bad-idempotency-key', 'Idempotency-Key 格式有误', '请使用 8–200 个可见 ASCII 字符（例如 UUID）');
  }
  const hash = await sha256(`${c.req.method} ${new URL(c.req.url).pathname} ${JSON.stringify(request)}`);
  const inserted = await tx
    .insert(table)
    .values({ tenantId, key, requestHash: hash })
    .onConflictDoNothing()
    .returning({ key: table.key });
  if (inserted.length === 0) {
    const [earlier] = await tx.select().from(table).where(and(eq(table.tenantId, tenantId), eq(table.key, key)));
    if (!earlier || earlier.requestHash !== hash) {
      throw new HttpProblem(422, 'idempotency-key-reused', 'Idempotency-Key 已用于另一个请求', '同一个 Idempotency-Key 只能用于内容相同的请求');
    }
    return { status: earlier.status ?? 200, body: earlier.body as T, replayed: true };
  }
  const result = await write();
  await tx
    .update(table)
    .set({ status: result.status, body: result.body as never })
    .where(and(eq(table.tenantId, tenantId), eq(table.key, key)));
  return { ...result, replayed: false };
}
