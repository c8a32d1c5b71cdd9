import { describe, expect, it } from 'vitest';
import { calendarDaySchema, isoDateSchema, shanghaiDate, workingCalendar, type CalendarDay } from '../src/calendar.ts';

/** Excerpts of the State Council notices, entered by hand so these tests do not lean on the seed data. */
const range = (from: string, to: string, kind: CalendarDay['kind'], name: string): CalendarDay[] => {
  const days: CalendarDay[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    days.push({ day: d.toISOString().slice(0, 10), kind, name });
  }
  return days;
};
const official: CalendarDay[] = [
  // 2024 春节: 2月10日至17日放假调休; 2月4日（星期日）、2月18日（星期日）上班.
  ...range('2024-02-10', '2024-02-17', 'holiday', '春节'),
  { day: '2024-02-04', kind: 'workday', name: '春节调休上班' },
  { day: '2024-02-18', kind: 'workday', name: '春节调休上班' },
  // 2025 春节: 1月28日至2月4日放假调休; 1月26日（周日）、2月8日（周六）上班.
  ...range('2025-01-28', '2025-02-04', 'holiday', '春节'),
  { day: '2025-01-26', kind: 'workday', name: '春节调休上班' },
  { day: '2025-02-08', kind: 'workday', name: '春节调休上班' },
  // 2025 国庆节、中秋节: 10月1日至8日放假调休; 9月28日（周日）、10月11日（周六）上班.
  ...range('2025-10-01', '2025-10-08', 'holiday', '国庆节、中秋节'),
  { day: '2025-09-28', kind: 'workday', name: '国庆节、中秋节调休上班' },
  { day: '2025-10-11', kind: 'workday', name: '国庆节、中秋节调休上班' },
  // 2026 元旦: 1月1日至3日放假调休; 1月4日（周日）上班.
  ...range('2026-01-01', '2026-01-03', 'holiday', '元旦'),
  { day: '2026-01-04', kind: 'workday', name: '元旦调休上班' },
];
const cal = workingCalendar(official);

describe('isWorkingDay', () => {
  it('follows the weekend rule where the calendar is silent', () => {
    expect(cal.isWorkingDay('2025-03-07')).toBe(true); // Friday
    expect(cal.isWorkingDay('2025-03-08')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2025-03-09')).toBe(false); // Sunday
    expect(cal.isWorkingDay('2025-03-10')).toBe(true); // Monday
  });

  it('takes holidays off weekdays and make-up days back from weekends', () => {
    expect(cal.isWorkingDay('2025-09-27')).toBe(false); // Saturday, ordinary
    expect(cal.isWorkingDay('2025-09-28')).toBe(true); // Sunday, 调休上班
    expect(cal.isWorkingDay('2025-10-01')).toBe(false);
    expect(cal.isWorkingDay('2025-10-08')).toBe(false); // Wednesday, last day of the holiday
    expect(cal.isWorkingDay('2025-10-09')).toBe(true);
    expect(cal.isWorkingDay('2025-10-11')).toBe(true); // Saturday, 调休上班
    expect(cal.isWorkingDay('2025-10-12')).toBe(false);
  });

  it('treats 2024 New Year’s Eve (除夕, only recommended as a day off) as a working day', () => {
    expect(cal.isWorkingDay('2024-02-09')).toBe(true);
    expect(cal.isWorkingDay('2024-02-10')).toBe(false);
    expect(cal.isWorkingDay('2024-02-18')).toBe(true); // Sunday
  });

  it('is a plain Monday–Friday week without any overrides', () => {
    const bare = workingCalendar();
    expect(bare.isWorkingDay('2025-10-01')).toBe(true);
    expect(bare.isWorkingDay('2025-09-28')).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it('does not count the start day, across a weekend', () => {
    expect(cal.addWorkingDays('2025-03-07', 1)).toBe('2025-03-10'); // Friday → Monday
    expect(cal.addWorkingDays('2025-03-08', 1)).toBe('2025-03-10'); // started on a Saturday
    expect(cal.addWorkingDays('2025-03-03', 5)).toBe('2025-03-10'); // Monday + 5 → next Monday
    expect(cal.addWorkingDays('2025-03-07', 0)).toBe('2025-03-07');
  });

  it('skips the 2025 National Day and Mid-Autumn holiday and counts its make-up days', () => {
    expect(cal.addWorkingDays('2025-09-26', 1)).toBe('2025-09-28'); // Friday → the make-up Sunday
    expect(cal.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(cal.addWorkingDays('2025-09-30', 3)).toBe('2025-10-11'); // the make-up Saturday
    expect(cal.addWorkingDays('2025-09-30', 4)).toBe('2025-10-13');
    expect(cal.addWorkingDays('2025-10-03', 1)).toBe('2025-10-09'); // registered during the holiday
    // A general appeal (7 working days) assigned on Thursday 25 September.
    expect(cal.addWorkingDays('2025-09-25', 7)).toBe('2025-10-11');
  });

  it('skips the Spring Festival', () => {
    expect(cal.addWorkingDays('2025-01-24', 1)).toBe('2025-01-26'); // Friday → the make-up Sunday
    expect(cal.addWorkingDays('2025-01-24', 2)).toBe('2025-01-27');
    expect(cal.addWorkingDays('2025-01-24', 3)).toBe('2025-02-05');
    expect(cal.addWorkingDays('2025-01-27', 7)).toBe('2025-02-12');
    expect(cal.addWorkingDays('2024-02-09', 1)).toBe('2024-02-18');
  });

  it('crosses the year boundary', () => {
    expect(cal.addWorkingDays('2025-12-31', 1)).toBe('2026-01-04'); // New Year off, Sunday 4 January worked
  });

  it('counts backwards for "at least one working day before the deadline"', () => {
    expect(cal.addWorkingDays('2025-03-10', -1)).toBe('2025-03-07');
    expect(cal.addWorkingDays('2025-10-09', -1)).toBe('2025-09-30');
    expect(cal.addWorkingDays('2025-09-29', -1)).toBe('2025-09-28');
  });

  it('refuses fractional day counts', () => {
    expect(() => cal.addWorkingDays('2025-03-07', 1.5)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts the working days after the first date up to and including the second', () => {
    expect(cal.workingDaysBetween('2025-03-07', '2025-03-10')).toBe(1);
    expect(cal.workingDaysBetween('2025-03-07', '2025-03-07')).toBe(0);
    expect(cal.workingDaysBetween('2025-03-08', '2025-03-09')).toBe(0);
    expect(cal.workingDaysBetween('2025-03-10', '2025-03-07')).toBe(-1);
  });

  it('counts across the holidays', () => {
    // 9-28 (Sun), 9-29, 9-30, 10-09, 10-10, 10-11 (Sat), 10-13.
    expect(cal.workingDaysBetween('2025-09-26', '2025-10-13')).toBe(7);
    expect(cal.workingDaysBetween('2025-01-27', '2025-02-12')).toBe(7);
    expect(cal.workingDaysBetween('2025-10-01', '2025-10-08')).toBe(0);
  });

  it('inverts addWorkingDays', () => {
    for (const start of ['2024-02-08', '2025-01-24', '2025-09-27', '2025-10-05', '2025-12-30']) {
      for (const n of [0, 1, 2, 3, 5, 7, 15, 30]) {
        expect(cal.workingDaysBetween(start, cal.addWorkingDays(start, n))).toBe(n);
      }
    }
  });
});

describe('dates', () => {
  it('rejects what is not a calendar date', () => {
    for (const bad of ['2025-02-29', '2025-13-01', '2025-2-3', '2025-10-01T00:00:00Z', '']) {
      expect(() => cal.isWorkingDay(bad)).toThrow(RangeError);
      expect(isoDateSchema.safeParse(bad).success).toBe(false);
    }
    expect(isoDateSchema.parse('2024-02-29')).toBe('2024-02-29');
    expect(() => workingCalendar({ '2025-02-30': 'holiday' })).toThrow(RangeError);
  });

  it('accepts the overrides as a map, a record or rows', () => {
    const asMap = workingCalendar(new Map([['2025-10-01', 'holiday' as const]]));
    const asRecord = workingCalendar({ '2025-10-01': 'holiday' });
    for (const c of [asMap, asRecord]) {
      expect(c.isWorkingDay('2025-10-01')).toBe(false);
      expect(c.isWorkingDay('2025-10-02')).toBe(true);
    }
  });

  it('validates a calendar row', () => {
    expect(calendarDaySchema.safeParse({ day: '2025-10-01', kind: 'holiday', name: '国庆节' }).success).toBe(true);
    expect(calendarDaySchema.safeParse({ day: '2025-10-01', kind: 'weekend', name: '国庆节' }).success).toBe(false);
  });

  it('tells the Shanghai date of an instant', () => {
    expect(shanghaiDate(new Date('2025-09-30T15:59:59Z'))).toBe('2025-09-30');
    expect(shanghaiDate(new Date('2025-09-30T16:00:00Z'))).toBe('2025-10-01');
  });
});
