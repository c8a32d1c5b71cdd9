import { z } from '@hono/zod-openapi';
import type { KitEnv, KitVariables } from '@yingshang/service-kit';
import type { Context } from 'hono';

export const API = '/api/identity/v1';

/** A route handler's context: the kit's bindings and variables, whatever its route adds. */
type OrgContext = Context<{ Bindings: KitEnv; Variables: KitVariables }>;

/**
 * Marks a successful request that rightly wrote nothing new (a replayed Idempotency-Key, whose first attempt was
 * logged; a state asked for that already holds), so the kit does not report it as a write without an audit entry.
 */
export function nothingWritten(c: OrgContext): void {
  c.set('audited', true);
}

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

export const ifMatchOptional = z.object({
  'if-match': z.string().optional().openapi({ description: '可选：记录的版本号；带上时，记录已被他人修改则返回 412' }),
});

export const idempotencyKey = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .openapi({ description: '可选：同一个键重试时返回第一次的结果，不会重复创建（8–200 个可见 ASCII 字符）' }),
});

