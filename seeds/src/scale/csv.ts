/** COPY … WITH (FORMAT csv) text: NULL is an unquoted empty field, everything else is quoted when it has to be. */
export type Cell = string | number | boolean | null | readonly string[] | { json: unknown };

const needsQuote = /[",\n\r]/;
const quote = (s: string) => (s === '' || needsQuote.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((i) => `"${i.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

export function csvCell(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (Array.isArray(v)) return quote(arrayLiteral(v as readonly string[]));
  return quote(JSON.stringify((v as { json: unknown }).json));
}

export const csvLine = (cells: readonly Cell[]) => `${cells.map(csvCell).join(',')}\n`;
