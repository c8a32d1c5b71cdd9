import type { PeriodKind } from '@yingshang/contracts';

/** A period as its code says: `2026-10`, `2026Q3`, `2026H1`, `2026`. Dates are Asia/Shanghai calendar days. */
export interface PeriodSpan {
  kind: PeriodKind;
  code: string;
  name: string;
  startsOn: string;
  endsOn: string;
  year: number;
  /** First and last month (1–12). */
  firstMonth: number;
  lastMonth: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function periodSpan(code: string): PeriodSpan | null {
  const m = /^(\d{4})(?:-(\d{2})|Q([1-4])|H([12]))?$/.exec(code);
  if (!m) return null;
  const year = Number(m[1]);
  let kind: PeriodKind;
  let first: number;
  let last: number;
  let name: string;
  if (m[2]) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    [kind, first, last, name] = ['month', month, month, `${year}年${month}月`];
  } else if (m[3]) {
    const q = Number(m[3]);
    [kind, first, last, name] = ['quarter', q * 3 - 2, q * 3, `${year}年第${'一二三四'[q - 1]}季度`];
  } else if (m[4]) {
    const h = Number(m[4]);
    [kind, first, last, name] = ['half', h === 1 ? 1 : 7, h === 1 ? 6 : 12, `${year}年${h === 1 ? '上' : '下'}半年`];
  } else {
    [kind, first, last, name] = ['year', 1, 12, `${year}年度`];
  }
  return {
    kind,
    code,
    name,
    year,
    firstMonth: first,
    lastMonth: last,
    startsOn: `${year}-${pad(first)}-01`,
    endsOn: `${year}-${pad(last)}-${pad(lastDay(year, last))}`,
  };
}

/** The period of the same kind just before (2026Q1 → 2025Q4): the one 提质进位 compares with. */
export function previousPeriodCode(code: string): string | null {
  const span = periodSpan(code);
  if (!span) return null;
  const { year, kind, firstMonth } = span;
  if (kind === 'year') return String(year - 1);
  if (kind === 'half') return firstMonth === 1 ? `${year - 1}H2` : `${year}H1`;
  if (kind === 'quarter') {
    const q = (firstMonth + 2) / 3;
    return q === 1 ? `${year - 1}Q4` : `${year}Q${q - 1}`;
  }
  return firstMonth === 1 ? `${year - 1}-12` : `${year}-${pad(firstMonth - 1)}`;
}

/** The months of a period as `YYYY-MM-01` dates (the read contracts' `month` column). */
export function periodMonths(span: PeriodSpan): string[] {
  const out: string[] = [];
  for (let m = span.firstMonth; m <= span.lastMonth; m++) out.push(`${span.year}-${pad(m)}-01`);
  return out;
}

/** Today in Asia/Shanghai (UTC+8, no daylight saving) as `YYYY-MM-DD`. */
export function shanghaiDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
