import { HttpProblem, isUniqueViolation } from '@yingshang/service-kit';

export interface FieldError {
  field: string;
  message: string;
}

/** A field the service refused after zod accepted it: the same shape as a validation failure. */
export function fieldProblem(field: string, message: string, extra?: Record<string, unknown>): HttpProblem {
  return new HttpProblem(400, 'validation', '请求参数有误', `${field}: ${message}`, { errors: [{ field, message }], ...extra });
}

export function duplicate(field: string, message: string): HttpProblem {
  return new HttpProblem(409, 'duplicate', '数据重复', message, { errors: [{ field, message }] });
}

/** Unique-index violations become a 409 naming the field; the database decides, so concurrent writes cannot both pass. */
export async function uniqueFields<T>(run: () => Promise<T>, fields: Record<string, FieldError>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    for (const [constraint, { field, message }] of Object.entries(fields)) {
      if (isUniqueViolation(err, constraint)) throw duplicate(field, message);
    }
    throw err;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Keyset cursors: the sort value and the last id, base64url JSON, bound to the sort they were made for. */
export function encodeCursor(sort: string, value: string, id: string): string {
  return btoa(unescape(encodeURIComponent(JSON.stringify([sort, value, id])))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeCursor(cursor: string | undefined, sort: string): { value: string; id: string } | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeURIComponent(escape(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')))));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed.length === 3 && parsed.every((p) => typeof p === 'string') && UUID.test(parsed[2] as string)) {
    if (parsed[0] !== sort) throw fieldProblem('query.cursor', '翻页游标与当前排序不符，请从第一页重新开始');
    return { value: parsed[1] as string, id: parsed[2] as string };
  }
  throw fieldProblem('query.cursor', '翻页游标无效，请从第一页重新开始');
}

/** `%` and `_` in what someone typed are literal characters, not patterns. */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

export const iso = (v: string | Date): string => new Date(v).toISOString();
export const rate4 = (num: number, den: number): number | null => (den > 0 ? Math.round((num / den) * 10_000) / 10_000 : null);
