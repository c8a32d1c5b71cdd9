import { describe, expect, it } from 'vitest';
import { dec, div, fmt, plain } from '../src/domain/decimal.ts';
import { markProgress, midyearStatus } from '../src/domain/marks.ts';
import { computeMetric, type EnterpriseMonth } from '../src/domain/metrics.ts';
import { periodSpan, previousPeriodCode } from '../src/domain/periods.ts';
import { type RankingInputs, checkWeights, competitionRanks, computeRanking, differences } from '../src/domain/ranking.ts';
import { isOverdue, supervisionScore } from '../src/domain/supervision.ts';
import { aggregate, checkSheet } from '../src/domain/tour.ts';

const T = (n: number) => `00000000-0000-7000-8000-00000000000${n}`;
const I1 = '11111111-0000-7000-8000-000000000001';
const I2 = '11111111-0000-7000-8000-000000000002';

function inputs(over: Partial<RankingInputs> = {}, values?: RankingInputs['values']): RankingInputs {
  return {
    formulaVersion: 'v1',
    normalisation: 'share_of_best',
    missingPolicy: 'zero',
    weightTotal: '100',
    redListSize: 1,
    blackListSize: 1,
    indicators: [
      { indicatorId: I1, direction: 'higher', weight: '60', required: true },
      { indicatorId: I2, direction: 'lower', weight: '40', required: true },
    ],
    tenants: [
      { tenantId: T(1), name: 'A', rankingGroup: '甲组', sortOrder: 1 },
      { tenantId: T(2), name: 'B', rankingGroup: '甲组', sortOrder: 2 },
      { tenantId: T(3), name: 'C', rankingGroup: '乙组', sortOrder: 3 },
    ],
    values: values ?? {
      [T(1)]: { [I1]: '80', [I2]: '5' },
      [T(2)]: { [I1]: '100', [I2]: '10' },
      [T(3)]: { [I1]: '50', [I2]: '4' },
    },
    previous: null,
    ...over,
  };
}

const line = (r: ReturnType<typeof computeRanking>, tenant: string) => r.result.entries.find((e) => e.tenantId === tenant)!;
const scoreOf = (r: ReturnType<typeof computeRanking>, tenant: string, ind: string) => line(r, tenant).scores.find((s) => s.indicatorId === ind)!.score;

describe('exact decimals', () => {
  it('adds without binary rounding and rounds half away from zero', () => {
    expect(dec('0.1') + dec('0.2')).toBe(dec('0.3'));
    expect(fmt(dec('2.5'), 0)).toBe('3');
    expect(fmt(dec('-2.5'), 0)).toBe('-3');
    expect(fmt(div(dec('1'), dec('3')), 4)).toBe('0.3333');
    expect(fmt(div(dec('2'), dec('3')), 4)).toBe('0.6667');
    expect(plain(dec('87.5000'))).toBe('87.5');
    expect(() => dec('abc')).toThrow();
  });
});

describe('normalisation', () => {
  it('share of the best: value ÷ best × 100, and best ÷ value × 100 when lower is better', () => {
    const r = computeRanking(inputs());
    expect([scoreOf(r, T(1), I1), scoreOf(r, T(2), I1), scoreOf(r, T(3), I1)]).toEqual(['80.0000', '100.0000', '50.0000']);
    // best (lowest) is 4: 4/5 = 80, 4/10 = 40, 4/4 = 100
    expect([scoreOf(r, T(1), I2), scoreOf(r, T(2), I2), scoreOf(r, T(3), I2)]).toEqual(['80.0000', '40.0000', '100.0000']);
    expect(r.stats.find((s) => s.indicatorId === I2)!.best).toBe('4');
    expect(r.stats.find((s) => s.indicatorId === I1)!.average).toBe('76.6667');
  });

  it('min–max: (v − min) ÷ (max − min) × 100, reversed for lower is better, 100 when all are equal', () => {
    const r = computeRanking(inputs({ normalisation: 'min_max' }));
    expect([scoreOf(r, T(1), I1), scoreOf(r, T(2), I1), scoreOf(r, T(3), I1)]).toEqual(['60.0000', '100.0000', '0.0000']);
    // lower: (10 − v) ÷ 6 × 100 → 5: 83.3333, 10: 0, 4: 100
    expect([scoreOf(r, T(1), I2), scoreOf(r, T(2), I2), scoreOf(r, T(3), I2)]).toEqual(['83.3333', '0.0000', '100.0000']);
    const equal = computeRanking(inputs({ normalisation: 'min_max' }, { [T(1)]: { [I1]: '7', [I2]: '3' }, [T(2)]: { [I1]: '7', [I2]: '3' }, [T(3)]: { [I1]: '7', [I2]: '3' } }));
    expect(equal.result.entries.every((e) => e.composite === '100.0000' && e.rank === 1)).toBe(true);
  });

  it('points table: the band reached, direction aware', () => {
    const r = computeRanking(
      inputs({
        normalisation: 'points',
        indicators: [
          { indicatorId: I1, direction: 'higher', weight: '50', required: true, points: [{ threshold: '60', points: '60' }, { threshold: '90', points: '100' }, { threshold: '75', points: '80' }] },
          { indicatorId: I2, direction: 'lower', weight: '50', required: true, points: [{ threshold: '5', points: '70' }, { threshold: '4', points: '100' }] },
        ],
      }),
    );
    expect([scoreOf(r, T(1), I1), scoreOf(r, T(2), I1), scoreOf(r, T(3), I1)]).toEqual(['80.0000', '100.0000', '0.0000']);
    expect([scoreOf(r, T(1), I2), scoreOf(r, T(2), I2), scoreOf(r, T(3), I2)]).toEqual(['70.0000', '0.0000', '100.0000']);
    // A: 80×0.5 + 70×0.5 = 75
    expect(line(r, T(1)).composite).toBe('75.0000');
  });
});

describe('composite, ranks and lists', () => {
  it('weights the scores: A 80×60% + 80×40% = 80, B 60 + 16 = 76, C 30 + 40 = 70', () => {
    const r = computeRanking(inputs());
    expect(r.result.entries.map((e) => [e.tenantName, e.composite, e.rank])).toEqual([
      ['A', '80.0000', 1],
      ['B', '76.0000', 2],
      ['C', '70.0000', 3],
    ]);
    expect(line(r, T(2)).scores.map((s) => s.contribution)).toEqual(['60.0000', '16.0000']);
    expect(r.result.redList).toEqual([T(1)]);
    expect(r.result.blackList).toEqual([T(3)]);
  });

  it('ranks within groups', () => {
    const r = computeRanking(inputs());
    expect([line(r, T(1)).groupRank, line(r, T(2)).groupRank, line(r, T(3)).groupRank]).toEqual([1, 2, 1]);
    expect(r.result.groups).toEqual([
      { group: '甲组', tenantIds: [T(1), T(2)] },
      { group: '乙组', tenantIds: [T(3)] },
    ]);
  });

  it('ties share a rank and the next rank skips (1, 2, 2, 4), listed in the official order', () => {
    expect([...competitionRanks([{ id: 'a', score: dec('9') }, { id: 'b', score: dec('8') }, { id: 'c', score: dec('8') }, { id: 'd', score: dec('7') }]).values()]).toEqual([1, 2, 2, 4]);
    // C's first indicator 60 → 36 + 40 = 76, level with B; D trails.
    const r = computeRanking(
      inputs(
        { tenants: [...inputs().tenants, { tenantId: T(4), name: 'D', rankingGroup: '乙组', sortOrder: 0 }], blackListSize: 2 },
        { [T(1)]: { [I1]: '80', [I2]: '5' }, [T(2)]: { [I1]: '100', [I2]: '10' }, [T(3)]: { [I1]: '60', [I2]: '4' }, [T(4)]: { [I1]: '10', [I2]: '40' } },
      ),
    );
    expect(r.result.entries.map((e) => [e.tenantName, e.composite, e.rank])).toEqual([
      ['A', '80.0000', 1],
      ['B', '76.0000', 2],
      ['C', '76.0000', 2],
      ['D', '10.0000', 4],
    ]);
    // Bottom two by rank from the bottom: D (1) and the tied B and C (2, 2).
    expect(r.result.blackList).toEqual([T(2), T(3), T(4)]);
  });

  it('missing values: score 0 under `zero`, or left out with the other weights scaled up under `exclude`', () => {
    const values = { [T(1)]: { [I1]: '80', [I2]: null }, [T(2)]: { [I1]: '100', [I2]: '10' }, [T(3)]: { [I1]: '50', [I2]: '4' } };
    const zero = computeRanking(inputs({}, values));
    expect(line(zero, T(1)).composite).toBe('48.0000');
    expect(line(zero, T(1)).missing).toEqual([I2]);
    expect(scoreOf(zero, T(1), I2)).toBe('0.0000');
    // B's second indicator is now scored against 4 alone: 40
    expect(scoreOf(zero, T(2), I2)).toBe('40.0000');
    expect(zero.result.missing).toEqual([{ tenantId: T(1), indicatorId: I2, required: true }]);
    const exclude = computeRanking(inputs({ missingPolicy: 'exclude' }, values));
    expect(line(exclude, T(1)).composite).toBe('80.0000');
    expect(line(exclude, T(1)).scores.map((s) => [s.score, s.effectiveWeight])).toEqual([['80.0000', '100.0000'], [null, '0.0000']]);
  });

  it('change against the previous period: previous rank − rank', () => {
    const r = computeRanking(inputs({ previous: [{ tenantId: T(1), rank: 3, groupRank: 2 }, { tenantId: T(2), rank: 1, groupRank: 1 }] }));
    expect([line(r, T(1)).change, line(r, T(2)).change, line(r, T(3)).change]).toEqual([2, -1, null]);
    expect(line(r, T(1)).groupChange).toBe(1);
  });

  it('a formula version selects its code path, and a recomputation gives identical numbers', () => {
    const first = computeRanking(inputs({ normalisation: 'min_max' }));
    const again = computeRanking(JSON.parse(JSON.stringify(inputs({ normalisation: 'min_max' }))) as RankingInputs);
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    expect(differences(first.result, again.result)).toEqual([]);
    const v2 = computeRanking(inputs({ normalisation: 'min_max', formulaVersion: 'v2' }));
    expect(scoreOf(v2, T(1), I2)).toBe('83.33');
    expect(differences(first.result, v2.result).length).toBeGreaterThan(0);
  });
});

describe('weights', () => {
  it('refuses weights that do not add up to the total, naming each weight', () => {
    const problems = checkWeights([{ indicatorId: I1, weight: '60' }, { indicatorId: I2, weight: '30' }], '100', 'share_of_best', { [I1]: '投资完成率', [I2]: '满意率' });
    expect(problems).toEqual([{ field: 'json.items', message: '各项权重合计为 90，应为 100（投资完成率 60、满意率 30）' }]);
    expect(checkWeights([{ indicatorId: I1, weight: '60.5' }, { indicatorId: I2, weight: '39.5' }], '100', 'share_of_best')).toEqual([]);
  });
  it('needs a points table for every indicator under the points normalisation, and no indicator twice', () => {
    const problems = checkWeights([{ indicatorId: I1, weight: '50' }, { indicatorId: I1, weight: '50' }], '100', 'points');
    expect(problems.map((p) => p.field)).toEqual(['json.items.0.points', 'json.items.1.indicatorId', 'json.items.1.points']);
  });
});

describe('observation scores', () => {
  const totals = (...xs: string[]) => xs.map((total, i) => ({ scorerId: `s${i}`, total }));
  it('trimmed mean drops one highest and one lowest', () => {
    expect(aggregate(totals('90', '85', '80', '70'), 'trimmed_mean')).toEqual({ result: '82.5000', dropped: ['s0', 's3'] });
    expect(aggregate(totals('80', '80', '80'), 'trimmed_mean').result).toBe('80.0000');
  });
  it('is the mean with fewer than three scorers, or when configured', () => {
    expect(aggregate(totals('90', '80'), 'trimmed_mean')).toEqual({ result: '85.0000', dropped: [] });
    expect(aggregate(totals('90', '85', '80', '70'), 'mean').result).toBe('81.2500');
    expect(aggregate([], 'mean').result).toBeNull();
  });
  it('refuses a score above the criterion maximum, an unknown criterion and a missing one', () => {
    const criteria = [{ code: 'quality', name: '项目质量', maxPoints: '30' }, { code: 'scale', name: '投资规模', maxPoints: '20' }];
    expect(checkSheet(criteria, { quality: '30', scale: '20' })).toEqual([]);
    expect(checkSheet(criteria, { quality: '31', bogus: '1' }).map((p) => p.field)).toEqual(['json.scores.bogus', 'json.scores.quality', 'json.scores.scale']);
  });
});

describe('三标 progress and the mid-year view', () => {
  it('measures a value against a mark, direction aware', () => {
    expect(markProgress('80', '100', 'higher')).toEqual({ ratio: '0.8000', reached: false, gap: '20.0000' });
    expect(markProgress('5', '4', 'lower')).toEqual({ ratio: '0.8000', reached: false, gap: '1.0000' });
    expect(markProgress('3', '4', 'lower')).toMatchObject({ reached: true, gap: '0.0000' });
    expect(markProgress(null, '4', 'lower')).toEqual({ ratio: null, reached: null, gap: null });
  });
  it('compares completion with the time benchmark (month ÷ 12) and says whether the task is half done', () => {
    expect(midyearStatus('45', '100', 'higher', 6)).toEqual({ completion: '0.4500', timeBenchmark: '0.5000', status: 'behind', halfDone: false });
    expect(midyearStatus('50', '100', 'higher', 6)).toMatchObject({ status: 'on_track', halfDone: true });
    expect(midyearStatus('55', '100', 'higher', 6)).toMatchObject({ status: 'ahead', halfDone: true });
    expect(midyearStatus('75', '100', 'higher', 9)).toMatchObject({ timeBenchmark: '0.7500', status: 'on_track' });
    expect(midyearStatus(null, '100', 'higher', 6).status).toBe('no_value');
    expect(midyearStatus('1', null, 'higher', 6).status).toBe('no_target');
  });
});

describe('periods', () => {
  it('spans and previous periods of each kind', () => {
    expect(periodSpan('2026H1')).toMatchObject({ kind: 'half', startsOn: '2026-01-01', endsOn: '2026-06-30', name: '2026年上半年' });
    expect(periodSpan('2024-02')!.endsOn).toBe('2024-02-29');
    expect(periodSpan('2026Q3')).toMatchObject({ startsOn: '2026-07-01', endsOn: '2026-09-30' });
    expect(periodSpan('2026-13')).toBeNull();
    expect(['2026Q1', '2026Q3', '2026H1', '2026H2', '2026', '2026-01', '2026-07'].map(previousPeriodCode)).toEqual([
      '2025Q4', '2026Q2', '2025H2', '2026H1', '2025', '2025-12', '2026-06',
    ]);
  });
});

describe('computed metrics', () => {
  const month = (m: string, over: Partial<EnterpriseMonth>): EnterpriseMonth => ({
    month: m, appealsReceived: 0, appealsClosed: 0, appealsClosedOnTime: 0, appealsResolved: 0, appealsRated: 0, appealsSatisfied: 0,
    appealsFollowedUp: 0, appealsOverdue: 0, closeWorkdaysSum: '0', visits: 0, benefitsMatched: 0, benefitsPaid: 0, ...over,
  });
  it('adds the months of the enterprise figures and takes the ratio of the sums', () => {
    const months = [month('2026-01-01', { appealsReceived: 10, appealsClosed: 8, closeWorkdaysSum: '24' }), month('2026-02-01', { appealsReceived: 10, appealsClosed: 2, closeWorkdaysSum: '6' })];
    expect(computeMetric('enterprise.close_rate', [], months).value).toBe('50.0000');
    expect(computeMetric('enterprise.avg_close_workdays', [], months).value).toBe('3.0000');
    expect(computeMetric('enterprise.satisfaction_rate', [], months).value).toBeNull();
  });
  it('takes the last month of the year-to-date project figures', () => {
    const p = (m: string, ytd: string) => ({ month: m, ytdCompletedInvestment: ytd, annualPlannedInvestment: '200', plannedToStartCount: 4, startedOfPlannedCount: 3, plannedToProduceCount: 0, producedOfPlannedCount: 0, behindScheduleCount: 1 });
    expect(computeMetric('projects.completion_rate', [p('2026-03-01', '90'), p('2026-02-01', '50')], []).value).toBe('45.0000');
    expect(computeMetric('projects.start_rate', [p('2026-03-01', '90')], []).value).toBe('75.0000');
    expect(computeMetric('projects.production_rate', [p('2026-03-01', '90')], []).value).toBeNull();
  });
});

describe('supervision', () => {
  const task = (deadline: string, status: 'assigned' | 'done', completedOn: string | null = null) => ({ deadline, status, completedOn, assignedOn: '2026-01-05' });
  it('flags tasks past their deadline, and tasks done late', () => {
    expect(isOverdue(task('2026-03-31', 'assigned'), '2026-04-01')).toBe(true);
    expect(isOverdue(task('2026-03-31', 'assigned'), '2026-03-31')).toBe(false);
    expect(isOverdue(task('2026-03-31', 'done', '2026-04-02'), '2026-05-01')).toBe(true);
    expect(isOverdue(task('2026-03-31', 'done', '2026-03-30'), '2026-05-01')).toBe(false);
  });
  it('scores the share of tasks not overdue at the period end', () => {
    const tasks = [task('2026-03-31', 'done', '2026-03-20'), task('2026-03-15', 'assigned'), task('2026-06-30', 'assigned'), task('2026-02-01', 'done', '2026-02-10')];
    expect(supervisionScore(tasks, '2026-03-31')).toEqual({ value: '50.0000', detail: { tasks: 4, overdue: 2 } });
    expect(supervisionScore([], '2026-03-31').value).toBeNull();
  });
});
