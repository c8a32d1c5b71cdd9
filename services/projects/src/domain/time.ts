/**
 * Dates are Asia/Shanghai calendar days as `YYYY-MM-DD`, months `YYYY-MM`. China has kept UTC+8 all year since
 * 1991, so a fixed offset is exact.
 */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export function today(now: Date = new Date()): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export const monthOf = (day: string): string => day.slice(0, 7);

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The reporting month: reports for a month are filed in the days after it ends, so figures run to last month. */
export const reportingMonth = (day: string): string => addMonths(monthOf(day), -1);

export const monthStart = (month: string): string => `${month}-01`;

export function monthEnd(month: string): string {
  const next = new Date(`${addMonths(month, 1)}-01T00:00:00Z`);
  return new Date(next.getTime() - 86_400_000).toISOString().slice(0, 10);
}

export const yearOf = (month: string): number => Number(month.slice(0, 4));
export const monthNumber = (month: string): number => Number(month.slice(5, 7));

/** `2025Q2` for a day in April–June 2025. */
export const quarterOf = (day: string): string => `${day.slice(0, 4)}Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
