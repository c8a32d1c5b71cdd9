import type { ImportRowError } from '@yingshang/contracts';
import { type Cell, type ReadSheet, XlsxError, readFirstSheet } from '@yingshang/service-kit/xlsx';
import { importProblem } from '../problems.ts';

/** Headings compared the way people type them: full- or half-width brackets, stray spaces and line breaks alike. */
export const normaliseHeader = (h: string) =>
  h
    .replace(/[（(]/g, '（')
    .replace(/[）)]/g, '）')
    .replace(/\s+/g, '')
    .trim();

export interface ParsedSheet<K extends string> {
  /** Column index → field key (or `year:<n>` for an annual plan column). */
  columns: Map<number, K | `year:${number}`>;
  headers: Map<number, string>;
  rows: ReadSheet['rows'];
  errors: ImportRowError[];
}

/**
 * Reads the first sheet and maps its header row to fields. Unknown headings are refused (a typo would otherwise
 * drop a column silently), except the computed columns our own export adds, so an exported file imports back.
 */
export async function parseSheet<K extends string>(
  bytes: Uint8Array,
  spec: { fields: Record<K, string>; aliases?: Record<string, K>; required: K[]; ignored: string[]; yearColumns?: boolean },
): Promise<ParsedSheet<K>> {
  let sheet: ReadSheet;
  try {
    sheet = await readFirstSheet(bytes);
  } catch (err) {
    if (err instanceof XlsxError) throw importProblem([{ row: 0, column: '', reason: err.message }], err.message);
    throw err;
  }
  const [header, ...rows] = sheet.rows;
  const errors: ImportRowError[] = [];
  const columns = new Map<number, K | `year:${number}`>();
  const headers = new Map<number, string>();
  if (!header) throw importProblem([{ row: 1, column: '', reason: '文件是空的：第一行应为列名' }], '文件是空的');
  const byHeading = new Map<string, K>();
  for (const [key, heading] of Object.entries(spec.fields) as [K, string][]) byHeading.set(normaliseHeader(heading), key);
  for (const [alias, key] of Object.entries(spec.aliases ?? {}) as [string, K][]) byHeading.set(normaliseHeader(alias), key);
  const ignored = new Set(spec.ignored.map(normaliseHeader));
  const seen = new Set<string>();
  header.cells.forEach((cell, i) => {
    if (!cell) return;
    const raw = cellText(cell);
    const heading = normaliseHeader(raw);
    headers.set(i, raw.trim());
    const key = byHeading.get(heading);
    const year = spec.yearColumns ? /^(\d{4})年计划投资（万元）$/.exec(heading) : null;
    const field = key ?? (year ? (`year:${Number(year[1])}` as const) : undefined);
    if (field) {
      if (seen.has(field)) errors.push({ row: header.row, column: raw, reason: '列名重复' });
      seen.add(field);
      columns.set(i, field);
    } else if (!ignored.has(heading)) {
      errors.push({ row: header.row, column: raw, reason: '无法识别的列名，请使用导入模板的列名' });
    }
  });
  for (const key of spec.required) {
    if (!seen.has(key)) errors.push({ row: header.row, column: spec.fields[key], reason: '缺少必需的列' });
  }
  if (errors.length > 0) throw importProblem(errors, '列名有误，未导入任何数据');
  if (rows.length === 0) throw importProblem([{ row: header.row + 1, column: '', reason: '没有数据行' }], '文件中没有数据');
  return { columns, headers, rows, errors: [] };
}

export function cellText(cell: Cell | undefined): string {
  if (!cell) return '';
  switch (cell.t) {
    case 'text':
      return cell.v.trim();
    case 'number':
      return cell.raw;
    case 'bool':
      return cell.v ? '是' : '否';
    case 'date':
      return cell.v;
  }
}

/** A date cell, or text like 2025-03-01, 2025/3/1, 2025.3.1 or 2025年3月1日. */
export function cellDate(cell: Cell | undefined): string | null | { error: string } {
  if (!cell) return null;
  if (cell.t === 'date') return cell.v;
  const text = cellText(cell);
  if (text === '') return null;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (!m) return { error: '日期格式应为 YYYY-MM-DD' };
  const day = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day
    ? { error: '日期不存在' }
    : day;
}

/** A month cell: a date, or text like 2026-10, 2026/10 or 2026年10月. */
export function cellMonth(cell: Cell | undefined): string | null | { error: string } {
  if (!cell) return null;
  if (cell.t === 'date') return cell.v.slice(0, 7);
  const text = cellText(cell);
  if (text === '') return null;
  const m = /^(\d{4})[-/.年](\d{1,2})(?:月|[-/.]\d{1,2}日?)?$/.exec(text);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return { error: '月份格式应为 YYYY-MM' };
  return `${m[1]}-${m[2]!.padStart(2, '0')}`;
}

/** Amounts as the cell holds them: the exact text Excel stored, never a float's rendering. */
export function cellMoney(cell: Cell | undefined): string | number | undefined {
  if (!cell) return undefined;
  if (cell.t === 'number') {
    const raw = cell.raw;
    return /^-?\d+(\.\d+)?$/.test(raw) ? raw : cell.v;
  }
  const text = cellText(cell).replace(/,/g, '');
  return text === '' ? undefined : text;
}

export function contentDisposition(filename: string): string {
  return `attachment; filename="${filename.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
