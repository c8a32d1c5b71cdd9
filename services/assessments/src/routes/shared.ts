import { z } from '@hono/zod-openapi';
import type { Tx } from '@yingshang/db';
import { type Principal, requiredIfMatch, tenantTx } from '@yingshang/service-kit';
import type { Context } from 'hono';
import { shanghaiDay } from '../domain/periods.ts';
import type { AssessmentsDeps } from '../deps.ts';
import { type Caller, loadCaller } from '../store/caller.ts';

export const API = '/api/assessments/v1';
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

export const periodIndicatorParams = z.object({
  periodId: z.uuid('周期编号格式有误').openapi({ param: { name: 'periodId', in: 'path' } }),
  indicatorId: z.uuid('指标编号格式有误').openapi({ param: { name: 'indicatorId', in: 'path' } }),
});

/** Documented here; `requiredIfMatch` enforces it (428 when missing) so that zod does not answer 400 first. */
export const ifMatch = z.object({
  'if-match': z.string().optional().openapi({ description: '记录的当前版本号（来自 ETag 或 version 字段），例如 "3"' }),
});

export const idempotencyKey = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .openapi({ description: '可选：同一个键重试时返回第一次的结果，不会重复创建（8–200 个可见 ASCII 字符）' }),
});

// oxlint-disable-next-line typescript/no-explicit-any -- any kit app's context
type AnyContext = Context<any>;

/** If-Match when the record may not exist yet (a first save needs none; replacing one does). */
export function optionalIfMatch(c: AnyContext): number | null {
  return c.req.header('if-match') === undefined ? null : requiredIfMatch(c);
}

export const todayOf = (deps: AssessmentsDeps) => shanghaiDay(deps.now?.() ?? new Date());

/** The request's tenant transaction with the caller resolved inside it (city or district, and what it may see). */
export function callerTx<T>(c: AnyContext, fn: (tx: Tx, caller: Caller) => Promise<T>): Promise<T> {
  return tenantTx(c, async (tx) => fn(tx, await loadCaller(tx, c.get('principal') as Principal)));
}

/** A successful request that rightly wrote nothing (a snapshot with nothing new), so the kit does not flag it. */
export function nothingWritten(c: AnyContext): void {
  c.set('audited', true);
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const xlsxResponse = (description: string) => ({
  description,
  content: { [XLSX]: { schema: z.string().openapi({ type: 'string', format: 'binary' }) } },
});
