import { moneyProblem, normaliseMoney } from '@yingshang/contracts';
import { type TestDatabase, createTestDatabase } from '@yingshang/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromCents, ratio, toCents } from '../src/domain/money.ts';
import { doubleHalf, gapPoints, projectProgress, scheduleStatus, timeBenchmark } from '../src/domain/progress.ts';
import { addMonths, monthEnd, quarterOf, reportingMonth, today } from '../src/domain/time.ts';

describe('序时进度 (months elapsed ÷ 12)', () => {
  it('is the month number over twelve, to four decimals', () => {
    expect(timeBenchmark(1)).toBe(0.0833);
    expect(timeBenchmark(6)).toBe(0.5);
    expect(timeBenchmark(10)).toBe(0.8333);
    expect(timeBenchmark(12)).toBe(1);
  });
});

describe('ahead / on track / behind', () => {
  // Plan 1,200 万元 at the end of June: 序时进度 50 %, on track from 45 % (540) to 55 % (660) inclusive.
  it.each([
    ['600.00', 'on_track'],
    ['540.00', 'on_track'],
    ['539.99', 'behind'],
    ['660.00', 'on_track'],
    ['660.01', 'ahead'],
    ['0.00', 'behind'],
    ['1500.00', 'ahead'],
  ])('June, plan 1200, year-to-date %s → %s', (ytd, status) => {
    expect(scheduleStatus(ytd, '1200.00', 6)).toBe(status);
  });

  it('October, plan 12,000: behind below 78⅓ % (9,400), ahead above 88⅓ % (10,600)', () => {
    expect(scheduleStatus('9400.00', '12000.00', 10)).toBe('on_track');
    expect(scheduleStatus('9399.99', '12000.00', 10)).toBe('behind');
    expect(scheduleStatus('10600.00', '12000.00', 10)).toBe('on_track');
    expect(scheduleStatus('10600.01', '12000.00', 10)).toBe('ahead');
  });

  it('has no status without an annual plan', () => {
    expect(scheduleStatus('100.00', null, 6)).toBe('no_plan');
    expect(scheduleStatus('100.00', '0.00', 6)).toBe('no_plan');
  });

  it('measures the gap to 序时进度 in percentage points', () => {
    // 10/12 = 83.33 %, 7,000/12,000 = 58.33 % → 25.00 points behind
    expect(gapPoints('7000.00', '12000.00', 10)).toBe(25);
    expect(gapPoints('300.00', '1200.00', 6)).toBe(25);
  });
});

describe('双过半', () => {
  it('at the end of June: January–June ≥ half the annual plan', () => {
    expect(doubleHalf('5000.00', '10000.00', 6)).toEqual({ rate: 0.5, status: 'achieved' });
    expect(doubleHalf('4999.99', '10000.00', 6).status).toBe('missed');
    expect(doubleHalf('6200.00', '10000.00', 11)).toEqual({ rate: 0.62, status: 'achieved' });
    expect(doubleHalf('4000.00', '10000.00', 9)).toEqual({ rate: 0.4, status: 'missed' });
  });

  it('before July: on course while keeping pace with 序时进度', () => {
    // April: 4/12 of 10,000 = 3,333.33…
    expect(doubleHalf('3333.34', '10000.00', 4).status).toBe('on_course');
    expect(doubleHalf('3333.33', '10000.00', 4).status).toBe('at_risk');
    expect(doubleHalf('0.00', null, 4)).toEqual({ rate: null, status: 'no_plan' });
  });
});

describe('completion rates', () => {
  it('divides exactly and rounds half up to four decimals', () => {
    expect(ratio(1n, 3n)).toBe(0.3333);
    expect(ratio(2n, 3n)).toBe(0.6667);
    expect(ratio(toCents('9000.00'), toCents('12000.00'))).toBe(0.75);
    expect(ratio(1n, 0n)).toBeNull();
  });

  it('gives a project its year-to-date, since-start and total shares', () => {
    const p = projectProgress({
      asOf: '2026-10',
      annualPlan: '12000.00',
      ytdCompleted: '9000.00',
      sinceStartCompleted: '25000.00',
      firstHalfCompleted: '5400.00',
      totalInvestment: '100000.00',
      lastReportedMonth: '2026-10',
    });
    expect(p).toMatchObject({
      year: 2026,
      annualPlanRate: 0.75,
      totalInvestmentRate: 0.25,
      timeBenchmark: 0.8333,
      status: 'behind', // 75 % < 83.33 % − 5
      doubleHalfRate: 0.45,
      doubleHalfStatus: 'missed',
    });
  });
});

describe('money', () => {
  it('keeps 万元 as exact two-decimal strings', () => {
    expect(normaliseMoney('12.5')).toBe('12.50');
    expect(normaliseMoney(12.5)).toBe('12.50');
    expect(normaliseMoney('0')).toBe('0.00');
    expect(normaliseMoney('999999999999.99')).toBe('999999999999.99');
    expect(fromCents(toCents('1234.56') + toCents('0.44'))).toBe('1235.00');
  });

  it('refuses negative, over-precise and non-numeric amounts with a reason', () => {
    for (const bad of ['-1', -0.5, '12.345', 0.1 + 0.2, '1e3', 'abc', '', '1000000000000.00']) {
      expect(normaliseMoney(bad), String(bad)).toBeUndefined();
    }
    expect(moneyProblem('-1')).toContain('负');
    expect(moneyProblem('12.345')).toContain('两位小数');
    expect(moneyProblem('abc')).toContain('数字');
  });
});

describe('calendar helpers', () => {
  it('reads the Shanghai day and the reporting month', () => {
    expect(today(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12-01');
    expect(reportingMonth('2026-11-26')).toBe('2026-10');
    expect(reportingMonth('2027-01-05')).toBe('2026-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(quarterOf('2025-05-20')).toBe('2025Q2');
  });
});

describe('the SQL rule and the TypeScript rule agree', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('on a grid of borderline cases', async () => {
    const plans = ['1200.00', '12000.00', '333.33', '0.00', '7.77'];
    const cases: [string, string, number][] = [];
    for (const plan of plans) {
      for (let month = 1; month <= 12; month++) {
        for (const share of [0, 0.3, 0.449999, 0.45, 0.5, 0.55, 0.550001, 0.8, 1.2]) {
          const ytd = (Math.round(Number(plan) * share * (month / 12) * 100) / 100).toFixed(2);
          cases.push([ytd, plan, month], [(Number(plan) * (month / 12 - 0.05)).toFixed(2), plan, month]);
        }
      }
    }
    const { rows } = await db.pglite.query<{ status: string }>(
      `select projects.schedule_status((e.c->>'ytd')::numeric, (e.c->>'plan')::numeric, (e.c->>'month')::int) as status
       from jsonb_array_elements($1::jsonb) with ordinality as e(c, n) order by e.n`,
      [JSON.stringify(cases.map(([ytd, plan, month]) => ({ ytd, plan, month })))],
    );
    expect(rows.map((r) => r.status)).toEqual(cases.map(([ytd, plan, month]) => scheduleStatus(ytd, plan, month)));
  });
});
