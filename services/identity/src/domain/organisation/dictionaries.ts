import type { DictionaryItem } from '@yingshang/contracts/organisation';
import { type Tx, schema } from '@yingshang/db';
import { and, asc, eq, inArray } from 'drizzle-orm';

const di = schema.dictionaryItems;

/** Splits `?codes=a,b`; undefined means every dictionary. */
export function parseCodes(codes: string | undefined): string[] | undefined {
  if (codes === undefined) return undefined;
  const list = [...new Set(codes.split(',').map((code) => code.trim()).filter(Boolean))];
  return list.length > 0 ? list : undefined;
}

/**
 * Enabled items grouped by dictionary. A requested code with no items answers with an empty list rather than
 * nothing, so a page that asked for it can render without checking.
 */
export async function loadDictionaries(tx: Tx, codes: string[] | undefined): Promise<Record<string, DictionaryItem[]>> {
  const rows = await tx
    .select({ dictCode: di.dictCode, value: di.value, label: di.label, tagType: di.tagType, sortOrder: di.sortOrder })
    .from(di)
    .where(and(eq(di.enabled, true), codes ? inArray(di.dictCode, codes) : undefined))
    .orderBy(asc(di.dictCode), asc(di.sortOrder), asc(di.value));
  const out: Record<string, DictionaryItem[]> = Object.fromEntries((codes ?? []).map((code) => [code, []]));
  for (const { dictCode, ...item } of rows) (out[dictCode] ??= []).push(item);
  return out;
}
