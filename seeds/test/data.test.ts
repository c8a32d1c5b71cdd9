import { workingCalendar } from '@yingshang/contracts';
import { describe, expect, it } from 'vitest';
import { CALENDAR_YEARS, DISTRICT_TENANTS, TENANTS, calendarDays } from '../src/index.ts';

const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
const isWeekend = (day: string) => weekday(day) === 0 || weekday(day) === 6;
const shift = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** WCAG relative luminance of a `#rrggbb` colour. */
const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

describe('calendar data', () => {
  it('covers 2024 to 2027 with one row per day', () => {
    expect(CALENDAR_YEARS).toEqual([2024, 2025, 2026, 2027]);
    expect(new Set(calendarDays.map((d) => d.day)).size).toBe(calendarDays.length);
    expect(calendarDays.map((d) => d.day)).toEqual(calendarDays.map((d) => d.day).toSorted());
  });

  it('puts make-up workdays only on weekends', () => {
    for (const d of calendarDays.filter((d) => d.kind === 'workday')) {
      expect(isWeekend(d.day), d.day).toBe(true);
      expect(d.name).toMatch(/调休上班$/);
    }
  });

  it('marks 2027, and only 2027, as provisional', () => {
    for (const d of calendarDays) expect(d.provisional === true, d.day).toBe(d.day.startsWith('2027'));
  });

  it('matches the published totals of days off', () => {
    // Each notice's "共N天": the days off in a row, holiday rows plus the weekend days they run into.
    const cal = workingCalendar(calendarDays);
    const breakLength = (day: string) => {
      let first = day;
      let last = day;
      while (!cal.isWorkingDay(shift(first, -1))) first = shift(first, -1);
      while (!cal.isWorkingDay(shift(last, 1))) last = shift(last, 1);
      return (Date.parse(last) - Date.parse(first)) / 86_400_000 + 1;
    };
    expect(breakLength('2024-02-10')).toBe(8);
    expect(breakLength('2024-05-01')).toBe(5);
    expect(breakLength('2024-10-01')).toBe(7);
    expect(breakLength('2025-01-01')).toBe(1);
    expect(breakLength('2025-01-28')).toBe(8);
    expect(breakLength('2025-05-31')).toBe(3);
    expect(breakLength('2025-10-01')).toBe(8);
    expect(breakLength('2026-01-01')).toBe(3);
    expect(breakLength('2026-02-15')).toBe(9);
    expect(breakLength('2026-05-01')).toBe(5);
    expect(breakLength('2026-10-01')).toBe(7);
  });

  it('never has more than six working days in a row next to a holiday, 2025 on', () => {
    // The rule the 2024 revision of the holiday regulations introduced; it checks the provisional 2027 rows too.
    const cal = workingCalendar(calendarDays);
    for (const { day } of calendarDays.filter((d) => d.kind === 'workday' && d.day >= '2025')) {
      let first = day;
      let last = day;
      while (cal.isWorkingDay(shift(first, -1))) first = shift(first, -1);
      while (cal.isWorkingDay(shift(last, 1))) last = shift(last, 1);
      expect(cal.workingDaysBetween(shift(first, -1), last), day).toBeLessThanOrEqual(6);
    }
  });
});

describe('tenant data', () => {
  it('has the city and the 16 districts of DOMAIN.md', () => {
    expect(TENANTS).toHaveLength(17);
    expect(DISTRICT_TENANTS.map((t) => `${t.divisionCode} ${t.name} ${t.rankingGroup}`)).toEqual([
      '410102 中原区 市内五区',
      '410103 二七区 市内五区',
      '410104 管城回族区 市内五区',
      '410105 金水区 市内五区',
      '410108 惠济区 市内五区',
      '410106 上街区 县(市)及上街区',
      '410122 中牟县 县(市)及上街区',
      '410181 巩义市 县(市)及上街区',
      '410182 荥阳市 县(市)及上街区',
      '410183 新密市 县(市)及上街区',
      '410184 新郑市 县(市)及上街区',
      '410185 登封市 县(市)及上街区',
      '410100-ZD 郑东新区 开发区',
      '410171 郑州经济技术开发区 开发区',
      '410172 郑州高新技术产业开发区 开发区',
      '410173 郑州航空港经济综合实验区 开发区',
    ]);
    expect(DISTRICT_TENANTS.map((t) => t.sortOrder)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });

  it('gives each kind of district its tenant kind', () => {
    const kinds = Object.fromEntries(TENANTS.map((t) => [t.name, t.kind]));
    expect(kinds).toMatchObject({ 郑州市: 'city', 金水区: 'district', 中牟县: 'county', 巩义市: 'county_city', 郑东新区: 'devzone' });
  });

  it('has unique slugs, ids, colours and logos', () => {
    for (const key of ['id', 'slug', 'primaryColor', 'logo', 'divisionCode'] as const) {
      expect(new Set(TENANTS.map((t) => t[key])).size, key).toBe(TENANTS.length);
    }
    for (const t of TENANTS) {
      expect(t.slug).toMatch(/^[a-z]+$/);
      expect(t.primaryColor).toMatch(/^#[0-9a-f]{6}$/);
    }
  });

  it('draws each logo as a small SVG emblem with the tenant’s first character', () => {
    for (const t of TENANTS) {
      expect(t.logo.length).toBeLessThan(2048);
      const svg = atob(t.logo.replace('data:image/svg+xml;base64,', ''));
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(svg).toContain(`&#x${t.shortName.codePointAt(0)!.toString(16).toUpperCase()};`);
      expect(svg).toContain(t.primaryColor);
    }
  });

  it('gives white text enough contrast on every colour', () => {
    for (const t of TENANTS) expect(1.05 / (luminance(t.primaryColor) + 0.05), t.slug).toBeGreaterThanOrEqual(4.5);
  });
});
