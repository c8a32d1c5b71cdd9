// A minimal .xlsx writer/reader on CompressionStream: exceljs alone would add ~270 KB gzip to every worker that exports.
import { ZipError, unzip, zip } from './xlsx-zip.ts';

/**
 * Just enough SpreadsheetML (.xlsx) for the ledger: write one or more sheets with a header row, typed columns and
 * styles; read the first sheet's cells as text, numbers, booleans and dates. ExcelJS does all this and more but
 * weighs ~270 KB gzipped, which would take the worker past its 400 KB budget (see the README).
 */

export type ColumnKind = 'text' | 'money' | 'rate' | 'date' | 'int';
export interface Column {
  header: string;
  kind?: ColumnKind;
  width?: number;
}
export type OutValue = string | number | boolean | null | undefined;
export interface SheetSpec {
  name: string;
  columns: Column[];
  rows: OutValue[][];
}

const XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const escapeXml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // Characters XML 1.0 cannot carry at all.
    .replace(/[^\t\n\r\u0020-\uFFFF]/gu, (ch) => (ch.length > 1 ? ch : ''));

export function columnName(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const EPOCH = Date.UTC(1899, 11, 30);
const dateToSerial = (day: string) => (Date.parse(`${day}T00:00:00Z`) - EPOCH) / 86_400_000;
const serialToDate = (serial: number) => new Date(EPOCH + Math.round(serial * 86_400_000)).toISOString().slice(0, 10);

// Style indexes into cellXfs below.
const STYLE = { header: 1, text: 2, money: 3, rate: 4, date: 5, int: 6 } as const;

const STYLES = `${XML_HEADER}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.00"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color rgb="FFBFBFBF"/></left><right style="thin"><color rgb="FFBFBFBF"/></right><top style="thin"><color rgb="FFBFBFBF"/></top><bottom style="thin"><color rgb="FFBFBFBF"/></bottom><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="7">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>
<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>
<xf numFmtId="10" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>
<xf numFmtId="165" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>
<xf numFmtId="1" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

function cellXml(ref: string, value: OutValue, kind: ColumnKind): string {
  if (value === null || value === undefined || value === '') return '';
  const style = STYLE[kind];
  if (typeof value === 'boolean') return `<c r="${ref}" s="${style}" t="b"><v>${value ? 1 : 0}</v></c>`;
  if (kind === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return `<c r="${ref}" s="${style}"><v>${dateToSerial(value)}</v></c>`;
  }
  // Money arrives as exact decimal text ("1234.50") and is written as such: no float ever touches it.
  if (kind !== 'text' && (typeof value === 'number' || /^-?\d+(\.\d+)?$/.test(value))) {
    return `<c r="${ref}" s="${style}"><v>${value}</v></c>`;
  }
  return `<c r="${ref}" s="${STYLE.text}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(String(value))}</t></is></c>`;
}

function sheetXml(sheet: SheetSpec): string {
  const cols = sheet.columns
    .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? Math.min(40, Math.max(10, c.header.length * 2 + 2))}" customWidth="1"/>`)
    .join('');
  const header = `<row r="1" ht="32" customHeight="1">${sheet.columns
    .map((c, i) => `<c r="${columnName(i)}1" s="${STYLE.header}" t="inlineStr"><is><t>${escapeXml(c.header)}</t></is></c>`)
    .join('')}</row>`;
  const body = sheet.rows
    .map((row, r) => `<row r="${r + 2}">${row.map((v, i) => cellXml(`${columnName(i)}${r + 2}`, v, sheet.columns[i]?.kind ?? 'text')).join('')}</row>`)
    .join('');
  const last = `${columnName(Math.max(0, sheet.columns.length - 1))}${sheet.rows.length + 1}`;
  return (
    `${XML_HEADER}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    `<sheetFormatPr defaultRowHeight="18"/><cols>${cols}</cols><sheetData>${header}${body}</sheetData>` +
    (sheet.rows.length > 0 ? `<autoFilter ref="A1:${last}"/>` : '') +
    '</worksheet>'
  );
}

export async function writeWorkbook(sheets: SheetSpec[]): Promise<Uint8Array> {
  const enc = new TextEncoder();
  const names = sheets.map((s, i) => s.name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || `Sheet${i + 1}`);
  const files = [
    {
      name: '[Content_Types].xml',
      text:
        `${XML_HEADER}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        sheets
          .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
          .join('') +
        '</Types>',
    },
    {
      name: '_rels/.rels',
      text:
        `${XML_HEADER}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        '</Relationships>',
    },
    {
      name: 'xl/workbook.xml',
      text:
        `${XML_HEADER}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
        names.map((n, i) => `<sheet name="${escapeXml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        '</sheets></workbook>',
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      text:
        `${XML_HEADER}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        sheets
          .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
          .join('') +
        `<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
        '</Relationships>',
    },
    { name: 'xl/styles.xml', text: STYLES },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, text: sheetXml(s) })),
  ];
  return zip(files.map((f) => ({ name: f.name, data: enc.encode(f.text) })));
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

export type Cell =
  | { t: 'text'; v: string }
  | { t: 'number'; v: number; raw: string }
  | { t: 'bool'; v: boolean }
  | { t: 'date'; v: string };

export interface ReadSheet {
  name: string;
  /** Rows as in the file (1-based row numbers); a missing cell is undefined. */
  rows: { row: number; cells: (Cell | undefined)[] }[];
}

export class XlsxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XlsxError';
  }
}

const unescapeXml = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    // Excel's own escape for control characters, e.g. _x000D_.
    .replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));

function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g)) out[m[1]!.replace(/^\w+:/, (p) => (p === 'r:' ? 'r:' : ''))] = m[2]!;
  return out;
}

/** Every <t> run of a string item, phonetic runs (<rPh>) left out. */
const textRuns = (xml: string) =>
  [...xml.replace(/<(\w+:)?rPh\b[\s\S]*?<\/(\w+:)?rPh>/g, '').matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)]
    .map((m) => unescapeXml(m[1]!))
    .join('');

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58]);
function isDateFormat(id: number, code: string | undefined): boolean {
  if (BUILTIN_DATE_FORMATS.has(id)) return true;
  if (!code) return false;
  const stripped = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[ymd]/i.test(stripped) && !/[#0?]/.test(stripped.replace(/\.0+/, ''));
}

export async function readFirstSheet(bytes: Uint8Array, maxRows = 5000): Promise<ReadSheet> {
  let entries: ReturnType<typeof unzip>;
  try {
    entries = unzip(bytes);
  } catch (err) {
    throw new XlsxError(err instanceof ZipError ? err.message : '不是有效的 .xlsx 文件');
  }
  const dec = new TextDecoder();
  const text = async (name: string) => {
    const get = entries.get(name);
    return get ? dec.decode(await get()) : undefined;
  };
  const workbook = await text('xl/workbook.xml');
  if (!workbook) throw new XlsxError('不是有效的 .xlsx 文件（缺少工作簿）；请用 Excel 或 WPS 另存为 .xlsx 后重试');
  const sheetTag = /<(?:\w+:)?sheet\b([^>]*)\/?>/.exec(workbook);
  if (!sheetTag) throw new XlsxError('工作簿中没有工作表');
  const sheetAttrs = attributes(sheetTag[1]!);
  const rels = (await text('xl/_rels/workbook.xml.rels')) ?? '';
  let target = 'worksheets/sheet1.xml';
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b([^>]*)\/?>/g)) {
    const a = attributes(m[1]!);
    if (a.Id === sheetAttrs['r:id'] && a.Target) target = a.Target;
  }
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const sheet = await text(path);
  if (!sheet) throw new XlsxError('找不到第一个工作表');

  const sharedXml = (await text('xl/sharedStrings.xml')) ?? '';
  const shared = [...sharedXml.matchAll(/<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>/g)].map((m) => textRuns(m[1]!));

  const stylesXml = (await text('xl/styles.xml')) ?? '';
  const formats = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<(?:\w+:)?numFmt\b([^>]*)\/?>/g)) {
    const a = attributes(m[1]!);
    formats.set(Number(a.numFmtId), unescapeXml(a.formatCode ?? ''));
  }
  const xfsBlock = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(stylesXml)?.[1] ?? '';
  const dateStyles = [...xfsBlock.matchAll(/<(?:\w+:)?xf\b([^>]*?)\/?>/g)].map((m) => {
    const id = Number(attributes(m[1]!).numFmtId ?? 0);
    return isDateFormat(id, formats.get(id));
  });

  const rows: ReadSheet['rows'] = [];
  let implicitRow = 0;
  for (const rm of sheet.matchAll(/<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
    const rowNumber = Number(attributes(rm[1]!).r ?? implicitRow + 1);
    implicitRow = rowNumber;
    if (rows.length >= maxRows) throw new XlsxError(`行数过多：一次最多导入 ${maxRows - 1} 行`);
    const cells: (Cell | undefined)[] = [];
    let implicitCol = -1;
    for (const cm of (rm[2] ?? '').matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      const a = attributes(cm[1]!);
      const col = a.r ? columnIndex(/^[A-Z]+/.exec(a.r)?.[0] ?? 'A') : implicitCol + 1;
      implicitCol = col;
      const inner = cm[2] ?? '';
      const v = /<(?:\w+:)?v>([\s\S]*?)<\/(?:\w+:)?v>/.exec(inner)?.[1];
      let cell: Cell | undefined;
      switch (a.t) {
        case 's':
          cell = v === undefined ? undefined : { t: 'text', v: shared[Number(v)] ?? '' };
          break;
        case 'inlineStr':
          cell = { t: 'text', v: textRuns(inner) };
          break;
        case 'str':
        case 'e':
          cell = v === undefined ? undefined : { t: 'text', v: unescapeXml(v) };
          break;
        case 'b':
          cell = v === undefined ? undefined : { t: 'bool', v: v === '1' };
          break;
        case 'd':
          cell = v === undefined ? undefined : { t: 'date', v: unescapeXml(v).slice(0, 10) };
          break;
        default:
          if (v !== undefined && v.trim() !== '') {
            const n = Number(v);
            cell = dateStyles[Number(a.s ?? 0)] && Number.isFinite(n) ? { t: 'date', v: serialToDate(n) } : { t: 'number', v: n, raw: v.trim() };
          }
      }
      if (cell && !(cell.t === 'text' && cell.v.trim() === '')) cells[col] = cell;
    }
    if (cells.some((c) => c !== undefined)) rows.push({ row: rowNumber, cells });
  }
  return { name: unescapeXml(sheetAttrs.name ?? ''), rows };
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
