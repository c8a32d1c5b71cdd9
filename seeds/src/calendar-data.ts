import type { CalendarDay } from '@yingshang/contracts';

/**
 * China's official holidays and make-up workdays (调休上班), as the State Council's yearly notice
 * (国务院办公厅关于 X 年部分节假日安排的通知) publishes them. The city office maintains the calendar in the product
 * from then on; this is only the starting point for the years already known.
 *
 * Written per holiday the way the notice words it, then expanded into rows:
 * - "M月D日至E日放假（调休）": every day of the range is a `holiday` row, weekend days included, so the
 *   calendar shows the whole break under the festival's name.
 * - "M月D日放假，与周末连休": only that day; the adjacent weekend is off by the weekend rule anyway.
 * - "…上班": a `workday` row named "<festival>调休上班".
 * A day the notice only recommends as a day off (2024: 除夕 2月9日) stays a working day.
 */
interface HolidayArrangement {
  readonly name: string;
  /** First and last day off, inclusive. */
  readonly off: readonly [from: string, to: string];
  readonly workdays?: readonly string[];
  readonly provisional?: true;
}

interface YearArrangement {
  readonly year: number;
  /** Where the schedule comes from, so whoever maintains it can check. */
  readonly source: string;
  readonly holidays: readonly HolidayArrangement[];
}

export interface CalendarSeedRow extends CalendarDay {
  /** Not yet published when this file was written: a reconstruction the city office must confirm. */
  readonly provisional?: true;
}

const arrangements: readonly YearArrangement[] = [
  {
    year: 2024,
    source: '国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号，2023年10月25日）',
    holidays: [
      { name: '元旦', off: ['2024-01-01', '2024-01-01'] },
      { name: '春节', off: ['2024-02-10', '2024-02-17'], workdays: ['2024-02-04', '2024-02-18'] },
      { name: '清明节', off: ['2024-04-04', '2024-04-06'], workdays: ['2024-04-07'] },
      { name: '劳动节', off: ['2024-05-01', '2024-05-05'], workdays: ['2024-04-28', '2024-05-11'] },
      { name: '端午节', off: ['2024-06-10', '2024-06-10'] },
      { name: '中秋节', off: ['2024-09-15', '2024-09-17'], workdays: ['2024-09-14'] },
      { name: '国庆节', off: ['2024-10-01', '2024-10-07'], workdays: ['2024-09-29', '2024-10-12'] },
    ],
  },
  {
    year: 2025,
    // The first year under the November 2024 revision of 全国年节及纪念日放假办法: 除夕 and 5月2日 became holidays.
    source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）',
    holidays: [
      { name: '元旦', off: ['2025-01-01', '2025-01-01'] },
      { name: '春节', off: ['2025-01-28', '2025-02-04'], workdays: ['2025-01-26', '2025-02-08'] },
      { name: '清明节', off: ['2025-04-04', '2025-04-06'] },
      { name: '劳动节', off: ['2025-05-01', '2025-05-05'], workdays: ['2025-04-27'] },
      { name: '端午节', off: ['2025-05-31', '2025-06-02'] },
      { name: '国庆节、中秋节', off: ['2025-10-01', '2025-10-08'], workdays: ['2025-09-28', '2025-10-11'] },
    ],
  },
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）',
    holidays: [
      { name: '元旦', off: ['2026-01-01', '2026-01-03'], workdays: ['2026-01-04'] },
      { name: '春节', off: ['2026-02-15', '2026-02-23'], workdays: ['2026-02-14', '2026-02-28'] },
      { name: '清明节', off: ['2026-04-04', '2026-04-06'] },
      { name: '劳动节', off: ['2026-05-01', '2026-05-05'], workdays: ['2026-05-09'] },
      { name: '端午节', off: ['2026-06-19', '2026-06-21'] },
      { name: '中秋节', off: ['2026-09-25', '2026-09-27'] },
      { name: '国庆节', off: ['2026-10-01', '2026-10-07'], workdays: ['2026-09-20', '2026-10-10'] },
    ],
  },
  {
    year: 2027,
    /*
     * PROVISIONAL. The 2027 notice was not available when this was written. Reconstructed from the rules the
     * 2025 notice states (春节 from 除夕, 劳动节 5 days, 国庆节 7 days from 1 October; 元旦/清明/端午/中秋 3 days
     * with the weekend, or only the day itself when it falls on a Wednesday; no more than 6 working days in a
     * row next to a holiday) and the 2027 lunar dates (除夕 2月5日 Friday, 端午 6月9日 and 中秋 9月15日 both
     * Wednesdays). 2027 falls on the same weekdays as 2021, whose 国庆 arrangement is reused. The Spring Festival
     * is the least certain: 除夕 to 初七 is Friday to Friday and the weekend after it follows, so two make-up days
     * (as in 2025 and 2026) give ten days off, 5–14 February; the Labour Day make-up Saturday could as well be the
     * Sunday before. Replace every row once the notice is out.
     */
    source: '推算（待国务院办公厅关于2027年部分节假日安排的通知发布后核对）',
    holidays: [
      { name: '元旦', off: ['2027-01-01', '2027-01-03'], provisional: true },
      { name: '春节', off: ['2027-02-05', '2027-02-14'], workdays: ['2027-01-31', '2027-02-20'], provisional: true },
      { name: '清明节', off: ['2027-04-03', '2027-04-05'], provisional: true },
      { name: '劳动节', off: ['2027-05-01', '2027-05-05'], workdays: ['2027-05-08'], provisional: true },
      { name: '端午节', off: ['2027-06-09', '2027-06-09'], provisional: true },
      { name: '中秋节', off: ['2027-09-15', '2027-09-15'], provisional: true },
      { name: '国庆节', off: ['2027-10-01', '2027-10-07'], workdays: ['2027-09-26', '2027-10-09'], provisional: true },
    ],
  },
];

export const CALENDAR_YEARS: readonly number[] = arrangements.map((a) => a.year);

export const calendarSources: Readonly<Record<number, string>> = Object.fromEntries(
  arrangements.map((a) => [a.year, a.source]),
);

function* daysFrom(from: string, to: string): Generator<string> {
  const last = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= last; t += 86_400_000) {
    yield new Date(t).toISOString().slice(0, 10);
  }
}

/** Every holiday and make-up workday of the years above, sorted by day. */
export const calendarDays: readonly CalendarSeedRow[] = arrangements
  .flatMap(({ holidays }) =>
    holidays.flatMap(({ name, off, workdays = [], provisional }) => {
      const flag = provisional ? { provisional } : {};
      return [
        ...Array.from(daysFrom(...off), (day): CalendarSeedRow => ({ day, kind: 'holiday', name, ...flag })),
        ...workdays.map((day): CalendarSeedRow => ({ day, kind: 'workday', name: `${name}调休上班`, ...flag })),
      ];
    }),
  )
  .toSorted((a, b) => a.day.localeCompare(b.day));
