import { fieldProblem } from './problems.ts';

/**
 * Keyset cursors: the sort key's value and the id of the last row, so rows inserted while someone pages never
 * shift the pages after it. Opaque to clients (base64url JSON) and bound to the sort it was made for.
 */
export interface CursorKey {
  sort: string;
  value: string;
  id: string;
}

export function encodeCursor(key: CursorKey): string {
  return btoa(unescape(encodeURIComponent(JSON.stringify([key.sort, key.value, key.id]))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function decodeCursor(cursor: string | undefined, sort: string): CursorKey | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const parsed = JSON.parse(decodeURIComponent(escape(atob(cursor.replace(/-/g, '+').replace(/_/g, '/'))))) as unknown;
    if (Array.isArray(parsed) && parsed.length === 3 && parsed.every((p) => typeof p === 'string') && UUID.test(String(parsed[2]))) {
      const [s, value, id] = parsed as [string, string, string];
      if (s !== sort) throw fieldProblem('query.cursor', '翻页游标与当前排序不符，请从第一页重新开始');
      return { sort: s, value, id };
    }
  } catch (err) {
    if (err instanceof Error && err.name !== 'SyntaxError' && 'status' in err) throw err;
  }
  throw fieldProblem('query.cursor', '翻页游标无效，请从第一页重新开始');
}

/** `%` and `_` in what someone typed are literal characters, not patterns. */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
