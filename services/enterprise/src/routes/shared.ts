import { z } from '@hono/zod-openapi';
import { type Tx } from '@yingshang/db';
import { type Principal, tenantTx } from '@yingshang/service-kit';
import type { Context } from 'hono';
import { type Caller, loadCalendar, loadCaller, loadLimits, todayFrom } from '../domain/context.ts';
import type { Env } from '../domain/appeals.ts';
import type { EnterpriseDeps } from '../deps.ts';

export const API = '/api/enterprise/v1';
export const bearer = [{ bearer: [] }];

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

export const idParam = (what: string) =>
  z.object({ id: z.uuid(`${what}编号格式有误`).openapi({ param: { name: 'id', in: 'path' } }) });

/** Documented here; `requiredIfMatch` enforces it (428 when missing) so that zod does not answer 400 first. */
export const ifMatch = z.object({
  'if-match': z.string().optional().openapi({ description: '记录的当前版本号（来自 ETag 或 version 字段），例如 "3"' }),
});

export const idempotencyKey = z.object({
  'idempotency-key': z.string().optional().openapi({ description: '可选：同一个键重试时返回第一次的结果，不会重复创建（8–200 个可见 ASCII 字符）' }),
});

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const xlsxResponse = (description: string) => ({
  description,
  content: { [XLSX]: { schema: z.string().openapi({ type: 'string', format: 'binary' }) } },
});

// oxlint-disable-next-line typescript/no-explicit-any -- any kit app's context
export type AnyContext = Context<any>;

export const todayOf = (deps: EnterpriseDeps) => todayFrom(deps.now);

/** The request's tenant transaction with the caller (enterprise mapping included) loaded inside it. */
export function callerTx<T>(c: AnyContext, fn: (tx: Tx, caller: Caller) => Promise<T>): Promise<T> {
  return tenantTx(c, async (tx) => fn(tx, await loadCaller(tx, c.get('principal') as Principal)));
}

/** The same, with what deadlines need: today, the working-day calendar and the tenant's time limits. */
export function appealTx<T>(c: AnyContext, deps: EnterpriseDeps, fn: (tx: Tx, caller: Caller, env: Env) => Promise<T>): Promise<T> {
  return callerTx(c, async (tx, caller) => {
    const env: Env = { today: todayOf(deps), calendar: await loadCalendar(tx), limits: await loadLimits(tx, caller.tenantId) };
    return fn(tx, caller, env);
  });
}

/** A successful request that rightly wrote nothing (a replayed Idempotency-Key). */
export function nothingWritten(c: AnyContext): void {
  c.set('audited', true);
}

/** If-Match when given (a stale one is refused), else no version check: actions are guarded by the state. */
export function optionalIfMatch(c: AnyContext): number | null {
  const header = c.req.header('if-match');
  if (!header) return null;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  return match ? Number(match[1]) : -1;
}
