import { z } from '@hono/zod-openapi';
import { monthSchema } from '@yingshang/contracts';
import type { Principal } from '@yingshang/service-kit';
import type { Context } from 'hono';
import { fieldProblem } from '../domain/problems.ts';
import { type AsOf, asOfMonth } from '../domain/projects.ts';
import type { Viewer } from '../domain/scope.ts';
import { monthOf, reportingMonth, today } from '../domain/time.ts';
import type { ProjectsDeps } from '../deps.ts';

export const API = '/api/projects/v1';
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
  'idempotency-key': z
    .string()
    .optional()
    .openapi({ description: '可选：同一个键重试时返回第一次的结果，不会重复创建（8–200 个可见 ASCII 字符）' }),
});

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const xlsxResponse = (description: string) => ({
  description,
  content: { [XLSX]: { schema: z.string().openapi({ type: 'string', format: 'binary' }) } },
});

// oxlint-disable-next-line typescript/no-explicit-any -- any kit app's context
type AnyContext = Context<any>;

export function viewerOf(c: AnyContext): Viewer {
  const p = c.get('principal') as Principal;
  return { userId: p.userId, tenantId: p.tenantId, displayName: p.displayName, dataScope: p.dataScope, departmentId: p.departmentId };
}

export const todayOf = (deps: ProjectsDeps) => today(deps.now?.() ?? new Date());

/** The month figures run to: the one asked for (not in the future), else the reporting month (last month). */
export function asOfFor(deps: ProjectsDeps, month: string | undefined, field = 'query.month'): AsOf {
  const day = todayOf(deps);
  if (month !== undefined) {
    if (!monthSchema.safeParse(month).success) throw fieldProblem(field, '月份格式应为 YYYY-MM');
    if (month > monthOf(day)) throw fieldProblem(field, `不能晚于本月（${monthOf(day)}）`);
    return asOfMonth(month);
  }
  return asOfMonth(reportingMonth(day));
}

/**
 * Marks a successful request that rightly wrote nothing (a replayed Idempotency-Key, a report refiled unchanged, a
 * dry run), so the kit does not report it as a write without an audit entry.
 */
export function nothingWritten(c: AnyContext): void {
  c.set('audited', true);
}
