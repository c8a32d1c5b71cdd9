import { z } from 'zod';

/**
 * Working-day arithmetic on the Asia/Shanghai calendar. Dates are `YYYY-MM-DD` strings and every computation
 * works on the date parts through UTC, so no host time zone or DST rule can move a day.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
/** China has kept UTC+8 all year since 1991; a fixed offset is exact for every date this product handles. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export const isoDateSchema = z.string().refine((value) => parseIsoDate(value) !== undefined, {
  message: '日期格式应为 YYYY-MM-DD',
});
export type IsoDate = string;

export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
export const calendarDayKindSchema = z.enum(CALENDAR_DAY_KINDS);
/** `holiday`: a day off that would otherwise be worked; `workday`: a weekend day worked instead (调休上班). */
export type CalendarDayKind = z.infer<typeof calendarDayKindSchema>;

export const calendarDaySchema = z.object({
  day: isoDateSchema,
  kind: calendarDayKindSchema,
  name: z.string().min(1).max(50),
});
export type CalendarDay = z.infer<typeof calendarDaySchema>;

/** The overrides as the database returns them (rows), or already keyed by day. */
export type CalendarOverrides =
  | ReadonlyMap<IsoDate, CalendarDayKind>
  | Readonly<Record<IsoDate, CalendarDayKind>>
  | Iterable<{ readonly day: IsoDate; readonly kind: CalendarDayKind }>;

export interface WorkingCalendar {
  isWorkingDay(date: IsoDate): boolean;
  /**
   * The deadline `n` working days after `start`. The start day itself never counts, whether or not it is a
   * working day (the day an appeal is registered or assigned is day 0, as 期间开始之日不计算在期间内), so the
   * result is always a working day when n ≠ 0: assigned on Friday with n = 1 → due Monday; assigned on a
   * Saturday with n = 1 → also Monday. `n = 0` returns `start` unchanged ("the same day"). A negative `n` counts
   * backwards: `addWorkingDays(deadline, -1)` is the last day an extension may be asked for.
   */
  addWorkingDays(start: IsoDate, n: number): IsoDate;
  /**
   * Working days in the half-open interval (a, b]: the day after `a` up to and including `b`. It is the
   * inverse of `addWorkingDays` — `workingDaysBetween(a, addWorkingDays(a, n)) === n` for n ≥ 0 — so "closed in 5
   * working days" means the same thing for deadlines and for statistics. Negative when b is before a.
   */
  workingDaysBetween(a: IsoDate, b: IsoDate): number;
}

function parseIsoDate(value: string): number | undefined {
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const epochDay = Date.UTC(year, month - 1, day) / DAY_MS;
  // Date.UTC rolls 2025-02-30 over to March; a round trip catches it.
  return formatEpochDay(epochDay) === value ? epochDay : undefined;
}

/** Days since 1970-01-01, the unit every computation below works in. */
function toEpochDay(date: IsoDate): number {
  const epochDay = parseIsoDate(date);
  if (epochDay === undefined) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return epochDay;
}

function formatEpochDay(epochDay: number): IsoDate {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

/** 1970-01-01 was a Thursday. */
function isWeekend(epochDay: number): boolean {
  const weekday = (((epochDay + 4) % 7) + 7) % 7; // 0 = Sunday
  return weekday === 0 || weekday === 6;
}

function toMap(overrides: CalendarOverrides): Map<number, CalendarDayKind> {
  const entries: Iterable<readonly [IsoDate, CalendarDayKind]> =
    overrides instanceof Map
      ? overrides.entries()
      : Symbol.iterator in overrides
        ? Array.from(overrides as Iterable<{ day: IsoDate; kind: CalendarDayKind }>, (row) => [row.day, row.kind] as const)
        : Object.entries(overrides as Record<IsoDate, CalendarDayKind>);
  const map = new Map<number, CalendarDayKind>();
  for (const [day, kind] of entries) map.set(toEpochDay(day), kind);
  return map;
}

/** A calendar over the weekend rule (Saturday and Sunday off) and the official overrides (holidays, 调休). */
export function workingCalendar(overrides: CalendarOverrides = []): WorkingCalendar {
  const kinds = toMap(overrides);
  const working = (epochDay: number) => {
    const kind = kinds.get(epochDay);
    return kind === undefined ? !isWeekend(epochDay) : kind === 'workday';
  };

  return {
    isWorkingDay: (date) => working(toEpochDay(date)),

    addWorkingDays(start, n) {
      if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number: ${n}`);
      let epochDay = toEpochDay(start);
      const step = n < 0 ? -1 : 1;
      for (let remaining = Math.abs(n); remaining > 0; ) {
        epochDay += step;
        if (working(epochDay)) remaining--;
      }
      return formatEpochDay(epochDay);
    },

    workingDaysBetween(a, b) {
      const from = toEpochDay(a);
      const to = toEpochDay(b);
      const [low, high, sign] = from <= to ? [from, to, 1] : [to, from, -1];
      let count = 0;
      for (let epochDay = low + 1; epochDay <= high; epochDay++) if (working(epochDay)) count++;
      return sign * count;
    },
  };
}

/** The Asia/Shanghai calendar date of an instant: what "today" means for deadlines and overdue checks. */
export function shanghaiDate(instant: Date = new Date()): IsoDate {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}
