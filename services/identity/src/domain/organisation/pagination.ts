import { fieldProblem } from './problems.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Lists page by keyset on the row id (UUIDv7, so ids follow creation): a row inserted while someone pages never
 * shifts the pages after it, as an offset would. The cursor is opaque to clients so the key can change later.
 */
export function encodeCursor(id: string): string {
  return btoa(`v1:${id}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  let text: string;
  try {
    text = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    throw invalidCursor();
  }
  const id = text.startsWith('v1:') ? text.slice(3) : '';
  if (!UUID.test(id)) throw invalidCursor();
  return id;
}

const invalidCursor = () => fieldProblem('query.cursor', '翻页游标无效，请从第一页重新开始');

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** `rows` were fetched with `limit + 1`: the extra row only says that another page exists. */
export function toPage<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}

/** `%` and `_` in what someone typed are literal characters, not patterns. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
