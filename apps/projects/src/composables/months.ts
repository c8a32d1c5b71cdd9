/**
 * Months as the service counts them: Asia/Shanghai calendar (UTC+8 all year), `YYYY-MM`. Figures run to the
 * reporting month (last month) unless a month is asked for; a report may be filed for any month up to this one.
 */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export function today(now: Date = new Date()): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export const currentMonth = (now?: Date): string => today(now).slice(0, 7);

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export const reportingMonth = (now?: Date): string => addMonths(currentMonth(now), -1);

export const isMonth = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);

/** For el-date-picker's disabled-date: a month after this one. */
export const isFutureMonth = (date: Date): boolean => {
  const month = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
  return month > currentMonth();
};

/** For a date picker: a day after today (Shanghai). */
export const isFutureDay = (date: Date): boolean => {
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  return day > today();
};

/** The months of a year up to `last` (inclusive), `YYYY-01` first. */
export function monthsOf(year: number, last = 12): string[] {
  return Array.from({ length: last }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}
