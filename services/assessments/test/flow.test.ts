import type { Indicator, Period, Ranking, SupervisionTask, Tour } from '@yingshang/contracts';
import { expectProblem, rowCounts } from '@yingshang/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNightlySnapshot } from '../src/cron.ts';
import { type Harness, harness, seedProjects } from './setup.ts';

/**
 * The module end to end on one database, in the order the city office and the districts work: catalogue, periods
 * and weights; computed, manual and tour values; 三标; supervision; a draft ranking, reviewed and published; what
 * each district sees. Every step also tries the refusals that belong to it.
 */
let h: Harness;
const V1 = '/api/assessments/v1';
const ind: Record<string, Indicator> = {};
const per: Record<string, Period> = {};
let tour: Tour;
let rankingQ1: Ranking;

const json = async <T>(res: Response, status = 200): Promise<T> => {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
};

beforeAll(async () => {
  h = await harness();
  await seedProjects(h.db, h.fx.a.id, '1000', '100'); // year-to-date March: 300 of 1000 = 30 %
  await seedProjects(h.db, h.fx.b.id, '1000', '50'); // 150 of 1000 = 15 %
});
afterAll(() => h.db.close());

describe('catalogue: indicators, periods, weights', () => {
  it('the city office builds the indicator catalogue', async () => {
    const defs = [
      { code: 'P1', name: '投资完成率', unit: '%', direction: 'higher', dimension: 'projects', source: 'computed', metric: 'projects.completion_rate', sortOrder: 1 },
      { code: 'M1', name: '营商环境评价', unit: '分', direction: 'higher', dimension: 'environment', source: 'manual', sortOrder: 2 },
      { code: 'T1', name: '观摩评价得分', unit: '分', direction: 'higher', dimension: 'observation', source: 'tour', sortOrder: 3 },
      { code: 'S1', name: '督查落实率', unit: '%', direction: 'higher', dimension: 'supervision', source: 'supervision', sortOrder: 4 },
    ];
    for (const body of defs) ind[body.code] = await json<Indicator>(await h.call('city', `${V1}/indicators`, { token: h.tokens.cityAdmin, body }), 201);
    expect(ind.P1).toMatchObject({ code: 'P1', metric: 'projects.completion_rate', version: 1 });
  });

  it('refuses bad indicators: a computed one without its formula, a duplicate code', async () => {
    const bad = await expectProblem(await h.call('city', `${V1}/indicators`, { token: h.tokens.cityAdmin, body: { code: 'X', name: 'x', direction: 'higher', dimension: 'projects', source: 'computed' } }), 400);
    expect(JSON.stringify(bad.errors)).toContain('json.metric');
    await expectProblem(await h.call('city', `${V1}/indicators`, { token: h.tokens.cityAdmin, body: { code: 'M1', name: 'x', direction: 'higher', dimension: 'projects', source: 'manual' } }), 409);
  });

  it('a district reads the catalogue but cannot change it (403), even with a city-only permission forged into its role', async () => {
    expect((await json<{ items: Indicator[] }>(await h.call('alpha', `${V1}/indicators`, { token: h.tokens.alphaAdmin }))).items.map((i) => i.code)).toEqual(['P1', 'M1', 'T1', 'S1']);
    await expectProblem(await h.call('alpha', `${V1}/indicators`, { token: h.tokens.alphaAdmin, body: { code: 'Z', name: 'z', direction: 'higher', dimension: 'projects', source: 'manual' } }), 403);
    await expectProblem(await h.call('alpha', `${V1}/indicators`, { token: h.tokens.alphaFgw }), 403);
  });

  it('edits an indicator with If-Match (412 when stale, 428 without)', async () => {
    const path = `${V1}/indicators/${ind.M1!.id}`;
    await expectProblem(await h.call('city', path, { method: 'PATCH', token: h.tokens.cityAdmin, body: { description: '第三方测评' } }), 428);
    await expectProblem(await h.call('city', path, { method: 'PATCH', token: h.tokens.cityAdmin, body: { description: '第三方测评' }, headers: { 'if-match': '"7"' } }), 412);
    const saved = await json<Indicator>(await h.call('city', path, { method: 'PATCH', token: h.tokens.cityAdmin, body: { description: '第三方测评' }, headers: { 'if-match': '"1"' } }));
    expect(saved).toMatchObject({ description: '第三方测评', version: 2 });
  });

  it('creates periods from their codes', async () => {
    for (const code of ['2026Q1', '2026Q2', '2026H1', '2026']) per[code] = await json<Period>(await h.call('city', `${V1}/periods`, { token: h.tokens.cityAdmin, body: { code } }), 201);
    per['2026-01'] = await json<Period>(await h.call('city', `${V1}/periods`, { token: h.tokens.cityAdmin, body: { code: '2026-01', status: 'closed' } }), 201);
    expect(per['2026Q1']).toMatchObject({ kind: 'quarter', name: '2026年第一季度', startsOn: '2026-01-01', endsOn: '2026-03-31', status: 'open', ranking: null, hasWeights: false });
    await expectProblem(await h.call('city', `${V1}/periods`, { token: h.tokens.cityAdmin, body: { code: '2026Q5' } }), 400);
    await expectProblem(await h.call('city', `${V1}/periods`, { token: h.tokens.cityAdmin, body: { code: '2026Q1' } }), 409);
    await expectProblem(await h.call('alpha', `${V1}/periods`, { token: h.tokens.alphaAdmin, body: { code: '2027' } }), 403);
  });

  it('refuses weights that do not add up, naming each weight, and writes nothing', async () => {
    const path = `${V1}/periods/${per['2026Q1']!.id}/weights`;
    const before = await rowCounts(h.db.pglite, ['assessments.weight_sets']);
    const body = { items: [{ indicatorId: ind.P1!.id, weight: '40' }, { indicatorId: ind.M1!.id, weight: '30' }, { indicatorId: ind.T1!.id, weight: '20' }] };
    const problem = await expectProblem(await h.call('city', path, { method: 'PUT', token: h.tokens.cityAdmin, body }), 400);
    expect(problem.detail).toContain('各项权重合计为 90，应为 100（投资完成率 40、营商环境评价 30、观摩评价得分 20）');
    expect(await rowCounts(h.db.pglite, ['assessments.weight_sets'])).toEqual(before);
    await expectProblem(await h.call('city', path, { token: h.tokens.cityAdmin }), 404);
  });

  it('saves the weights and formula version of a period', async () => {
    const body = { formulaVersion: 'v1', normalisation: 'share_of_best', missingPolicy: 'zero', redListSize: 1, blackListSize: 1, items: [{ indicatorId: ind.P1!.id, weight: '40' }, { indicatorId: ind.M1!.id, weight: '30' }, { indicatorId: ind.T1!.id, weight: '30' }] };
    const saved = await json<{ version: number; items: { indicatorName: string }[] }>(await h.call('city', `${V1}/periods/${per['2026Q1']!.id}/weights`, { method: 'PUT', token: h.tokens.cityAdmin, body }));
    expect(saved.items.map((i) => i.indicatorName)).toEqual(['投资完成率', '营商环境评价', '观摩评价得分']);
    // Changing saved weights needs the version seen.
    await expectProblem(await h.call('city', `${V1}/periods/${per['2026Q1']!.id}/weights`, { method: 'PUT', token: h.tokens.cityAdmin, body }), 412);
    await json(await h.call('city', `${V1}/periods/${per['2026Q2']!.id}/weights`, { method: 'PUT', token: h.tokens.cityAdmin, body: { items: [{ indicatorId: ind.P1!.id, weight: '100' }] } }));
    await expectProblem(await h.call('alpha', `${V1}/periods/${per['2026Q2']!.id}/weights`, { method: 'PUT', token: h.tokens.alphaDucha, body }), 403);
  });
});

describe('indicator values', () => {
  it('snapshots computed values from the read contracts for every district, idempotently', async () => {
    const first = await json<{ written: number; unchanged: number }>(await h.call('city', `${V1}/values/snapshot`, { token: h.tokens.cityAdmin, body: { periodId: per['2026Q1']!.id } }));
    expect(first.written).toBeGreaterThan(0);
    const again = await json<{ written: number; unchanged: number }>(await h.call('city', `${V1}/values/snapshot`, { token: h.tokens.cityAdmin, body: { periodId: per['2026Q1']!.id } }));
    expect(again).toMatchObject({ written: 0, unchanged: first.written + first.unchanged });
    const values = (await json<{ items: { tenantId: string; indicatorId: string; value: string; source: string; detail: Record<string, unknown> }[] }>(await h.call('city', `${V1}/values?periodId=${per['2026Q1']!.id}`, { token: h.tokens.cityAdmin }))).items;
    const p1 = (t: string) => values.find((v) => v.tenantId === t && v.indicatorId === ind.P1!.id)!;
    expect([p1(h.fx.a.id).value, p1(h.fx.b.id).value]).toEqual(['30', '15']);
    expect(p1(h.fx.a.id)).toMatchObject({ source: 'computed', detail: { metric: 'projects.completion_rate', numerator: '300', denominator: '1000' } });
    await expectProblem(await h.call('alpha', `${V1}/values/snapshot`, { token: h.tokens.alphaAdmin, body: {} }), 403);
  });

  it('the nightly Cron Trigger snapshots the open periods and a second run changes nothing', async () => {
    const now = new Date('2026-04-10T18:00:00Z');
    const first = await runNightlySnapshot(h.db.owner, now);
    expect(first.find((o) => o.cityId === h.fx.city.id)!.periods).toBe(4); // 2026Q1, 2026Q2, 2026H1 and 2026: open and begun
    const snapshot = async () => (await h.db.pglite.query<{ v: string }>(`select string_agg(tenant_id::text || period_id::text || indicator_id::text || coalesce(value::text, '-') || version, ',' order by 1) as v from assessments.indicator_values`)).rows[0]!.v;
    const before = await snapshot();
    const second = await runNightlySnapshot(h.db.owner, now);
    expect(second.find((o) => o.cityId === h.fx.city.id)!.written).toBe(0);
    expect(await snapshot()).toBe(before);
  });

  it('a district enters a manual value with evidence; refusals: not manual (422), closed period (409), the city (403), no permission (403)', async () => {
    const put = (slug: string, token: string, period: string, indicator: string, body: unknown) =>
      h.call(slug, `${V1}/periods/${per[period]!.id}/values/${ind[indicator]!.id}`, { method: 'PUT', token, body });
    const saved = await json<{ value: string; source: string; evidence: string }>(await put('alpha', h.tokens.alphaDucha, '2026Q1', 'M1', { value: '90', evidence: '第三方测评报告（2026 年一季度）' }));
    expect(saved).toMatchObject({ value: '90', source: 'manual' });
    await expectProblem(await put('alpha', h.tokens.alphaDucha, '2026Q1', 'P1', { value: '99', evidence: '自报' }), 422);
    await expectProblem(await put('alpha', h.tokens.alphaDucha, '2026-01', 'M1', { value: '99', evidence: '自报' }), 409);
    await expectProblem(await put('alpha', h.tokens.alphaDucha, '2026Q1', 'M1', { value: 'abc', evidence: '自报' }), 400);
    await expectProblem(await put('alpha', h.tokens.alphaDucha, '2026Q1', 'M1', { value: '91' }), 400);
    await expectProblem(await put('city', h.tokens.cityAdmin, '2026Q1', 'M1', { value: '99', evidence: '市级代填' }), 403);
    await expectProblem(await put('alpha', h.tokens.alphaAdmin, '2026Q1', 'M1', { value: '99', evidence: '自报' }), 403);
    // Replacing an existing value with a stale version is refused.
    await expectProblem(await h.call('alpha', `${V1}/periods/${per['2026Q1']!.id}/values/${ind.M1!.id}`, { method: 'PUT', token: h.tokens.alphaDucha, body: { value: '91', evidence: '复核' }, headers: { 'if-match': '"9"' } }), 412);
  });

  it('a district sees its own values only; the city sees every district', async () => {
    const mine = await json<{ items: { tenantId: string }[] }>(await h.call('alpha', `${V1}/values?periodId=${per['2026Q1']!.id}`, { token: h.tokens.alphaAdmin }));
    expect(new Set(mine.items.map((v) => v.tenantId))).toEqual(new Set([h.fx.a.id]));
    await expectProblem(await h.call('alpha', `${V1}/values?periodId=${per['2026Q1']!.id}&tenantId=${h.fx.b.id}`, { token: h.tokens.alphaAdmin }), 403);
    const all = await json<{ items: { tenantId: string }[] }>(await h.call('city', `${V1}/values?periodId=${per['2026Q1']!.id}`, { token: h.tokens.cityAdmin }));
    expect(new Set(all.items.map((v) => v.tenantId))).toEqual(new Set([h.fx.a.id, h.fx.b.id]));
  });
});

describe('三标', () => {
  it('a district sets its benchmark, standard and breakthrough marker and sees its progress', async () => {
    const path = `${V1}/periods/${per['2026Q1']!.id}/targets/${ind.P1!.id}`;
    const body = { benchmarkName: '乙区', benchmarkValue: '40', standardValue: '25', breakthrough: '一季度新开工项目全部入库', breakthroughDue: '2026-03-31' };
    const saved = await json<Record<string, unknown>>(await h.call('alpha', path, { method: 'PUT', token: h.tokens.alphaDucha, body }));
    expect(saved).toMatchObject({
      value: '30',
      benchmarkProgress: { ratio: '0.7500', reached: false, gap: '10.0000' },
      standardProgress: { ratio: '1.2000', reached: true, gap: '0.0000' },
      breakthroughOverdue: true,
    });
    const done = await json<Record<string, unknown>>(await h.call('alpha', path, { method: 'PUT', token: h.tokens.alphaDucha, body: { ...body, breakthroughDone: true }, headers: { 'if-match': '"1"' } }));
    expect(done).toMatchObject({ breakthroughDone: true, breakthroughDoneOn: '2026-04-10', breakthroughOverdue: false, version: 2 });
    await expectProblem(await h.call('alpha', path, { method: 'PUT', token: h.tokens.alphaDucha, body: { benchmarkName: '乙区' } }), 400);
    await expectProblem(await h.call('city', path, { method: 'PUT', token: h.tokens.cityAdmin, body }), 403);
    const listed = await json<{ items: unknown[] }>(await h.call('alpha', `${V1}/targets?periodId=${per['2026Q1']!.id}`, { token: h.tokens.alphaAdmin }));
    expect(listed.items).toHaveLength(1);
    expect((await json<{ items: unknown[] }>(await h.call('bravo', `${V1}/targets?periodId=${per['2026Q1']!.id}`, { token: h.tokens.bravoAdmin }))).items).toHaveLength(0);
    expect((await json<{ items: unknown[] }>(await h.call('city', `${V1}/targets?periodId=${per['2026Q1']!.id}`, { token: h.tokens.cityAdmin }))).items).toHaveLength(1);
  });
});

describe('observation tours', () => {
  it('the city office organises a tour with a score sheet, scorers and sites', async () => {
    const body = {
      name: '2026 年一季度项目观摩',
      startsOn: '2026-03-20',
      endsOn: '2026-03-21',
      periodId: per['2026Q1']!.id,
      indicatorId: ind.T1!.id,
      criteria: [{ code: 'quality', name: '项目质量', maxPoints: '50' }, { code: 'progress', name: '建设进度', maxPoints: '50' }],
      scorers: [{ name: '评委一' }, { name: '评委二' }, { name: '评委三' }],
      sites: [{ tenantId: h.fx.a.id, projectName: '甲区智能制造产业园' }, { tenantId: h.fx.b.id, projectName: '乙区物流枢纽' }],
    };
    tour = await json<Tour>(await h.call('city', `${V1}/tours`, { token: h.tokens.cityAdmin, body }), 201);
    expect(tour).toMatchObject({ maxTotal: '100.00', status: 'scoring', aggregation: 'trimmed_mean' });
    await expectProblem(await h.call('city', `${V1}/tours`, { token: h.tokens.cityAdmin, body: { ...body, indicatorId: ind.M1!.id } }), 400);
    await expectProblem(await h.call('alpha', `${V1}/tours`, { token: h.tokens.alphaAdmin, body }), 403);
  });

  it('refuses a score above a criterion maximum and writes nothing', async () => {
    const before = await rowCounts(h.db.pglite, ['assessments.tour_scores']);
    const problem = await expectProblem(await h.call('city', `${V1}/tours/${tour.id}/scores`, { method: 'PUT', token: h.tokens.citySupervisor, body: { scorerId: tour.scorers[0]!.id, tenantId: h.fx.a.id, scores: { quality: '51', progress: '40' } } }), 400);
    expect(JSON.stringify(problem.errors)).toContain('超过满分 50');
    expect(await rowCounts(h.db.pglite, ['assessments.tour_scores'])).toEqual(before);
  });

  it('takes each scorer’s sheet; the result is the trimmed mean', async () => {
    const sheets: [number, string, string, string][] = [
      [0, h.fx.a.id, '45', '45'], [1, h.fx.a.id, '40', '45'], [2, h.fx.a.id, '40', '40'], // 90, 85, 80 → 85
      [0, h.fx.b.id, '35', '35'], [1, h.fx.b.id, '40', '35'], [2, h.fx.b.id, '50', '45'], // 70, 75, 95 → 75
    ];
    for (const [s, tenantId, quality, progress] of sheets) {
      await json(await h.call('city', `${V1}/tours/${tour.id}/scores`, { method: 'PUT', token: h.tokens.citySupervisor, body: { scorerId: tour.scorers[s]!.id, tenantId, scores: { quality, progress } } }));
    }
    const full = await json<Tour>(await h.call('city', `${V1}/tours/${tour.id}`, { token: h.tokens.cityAdmin }));
    expect(full.results.map((r) => [r.tenantId, r.result, r.rank])).toEqual([[h.fx.a.id, '85.0000', 1], [h.fx.b.id, '75.0000', 2]]);
    // A district sees its own site and no scores before the tour ends; it cannot score.
    const seen = await json<Tour>(await h.call('alpha', `${V1}/tours/${tour.id}`, { token: h.tokens.alphaAdmin }));
    expect(seen.sites.map((s) => s.tenantId)).toEqual([h.fx.a.id]);
    expect(seen.results).toEqual([]);
    expect(seen.scorers).toEqual([]);
    await expectProblem(await h.call('alpha', `${V1}/tours/${tour.id}/scores`, { token: h.tokens.alphaAdmin }), 403);
  });

  it('closing the tour writes each result as the period’s tour value; the district then sees its own result', async () => {
    const closed = await json<Tour>(await h.call('city', `${V1}/tours/${tour.id}/close`, { method: 'POST', token: h.tokens.cityAdmin, headers: { 'if-match': `"${tour.version}"` } }));
    expect(closed.status).toBe('closed');
    await expectProblem(await h.call('city', `${V1}/tours/${tour.id}/scores`, { method: 'PUT', token: h.tokens.citySupervisor, body: { scorerId: tour.scorers[0]!.id, tenantId: h.fx.a.id, scores: { quality: '1', progress: '1' } } }), 409);
    const values = (await json<{ items: { indicatorId: string; value: string; source: string }[] }>(await h.call('bravo', `${V1}/values?periodId=${per['2026Q1']!.id}`, { token: h.tokens.bravoAdmin }))).items;
    expect(values.find((v) => v.indicatorId === ind.T1!.id)).toMatchObject({ value: '75', source: 'tour' });
    const seen = await json<Tour>(await h.call('bravo', `${V1}/tours/${tour.id}`, { token: h.tokens.bravoAdmin }));
    expect(seen.results.map((r) => [r.tenantId, r.result])).toEqual([[h.fx.b.id, '75.0000']]);
  });
});

describe('supervision', () => {
  let tasks: SupervisionTask[];
  it('the city office assigns a task to two districts; districts cannot assign', async () => {
    const body = { title: '安置房网签攻坚', category: 'resettlement_signing', target: '网签率达到 90%', targetValue: '90', unit: '%', deadline: '2026-04-20', tenantIds: [h.fx.a.id, h.fx.b.id] };
    tasks = (await json<{ items: SupervisionTask[] }>(await h.call('city', `${V1}/supervision/tasks`, { token: h.tokens.citySupervisor, body }), 201)).items;
    expect(tasks.map((t) => t.tenantId).sort()).toEqual([h.fx.a.id, h.fx.b.id].sort());
    await expectProblem(await h.call('alpha', `${V1}/supervision/tasks`, { token: h.tokens.alphaDucha, body }), 403);
    await expectProblem(await h.call('city', `${V1}/supervision/tasks`, { token: h.tokens.citySupervisor, body: { ...body, tenantIds: [h.fx.city.id] } }), 400);
    await expectProblem(await h.call('city', `${V1}/supervision/tasks`, { token: h.tokens.citySupervisor, body: { ...body, deadline: '2026-04-01' } }), 400);
  });

  it('an assignment retried with the same Idempotency-Key is made once', async () => {
    const body = { title: '城市有机更新', category: 'urban_renewal', target: '完成年度更新项目', deadline: '2026-12-31', tenantIds: [h.fx.b.id] };
    const headers = { 'idempotency-key': 'assign-urban-renewal-2026' };
    const first = await json<{ items: SupervisionTask[] }>(await h.call('city', `${V1}/supervision/tasks`, { token: h.tokens.citySupervisor, body, headers }), 201);
    const before = await rowCounts(h.db.pglite, ['assessments.supervision_tasks']);
    const again = await json<{ items: SupervisionTask[] }>(await h.call('city', `${V1}/supervision/tasks`, { token: h.tokens.citySupervisor, body, headers }), 201);
    expect(again.items.map((t) => t.id)).toEqual(first.items.map((t) => t.id));
    expect(await rowCounts(h.db.pglite, ['assessments.supervision_tasks'])).toEqual(before);
    await expectProblem(await h.call('city', `${V1}/supervision/tasks`, { token: h.tokens.citySupervisor, body: { ...body, title: '另一个任务' }, headers }), 422);
  });

  it('a district reports progress on its own task only; overdue tasks are flagged, late completion stays flagged', async () => {
    const mine = tasks.find((t) => t.tenantId === h.fx.a.id)!;
    const theirs = tasks.find((t) => t.tenantId === h.fx.b.id)!;
    const reported = await json<SupervisionTask>(await h.call('alpha', `${V1}/supervision/tasks/${mine.id}/reports`, { token: h.tokens.alphaDucha, body: { progressPct: 50, note: '已完成一半' } }), 201);
    expect(reported).toMatchObject({ status: 'in_progress', progressPct: 50, overdue: false });
    await expectProblem(await h.call('alpha', `${V1}/supervision/tasks/${theirs.id}/reports`, { token: h.tokens.alphaDucha, body: { progressPct: 50, note: '越权' } }), 404);
    await expectProblem(await h.call('alpha', `${V1}/supervision/tasks/${theirs.id}`, { token: h.tokens.alphaAdmin }), 404);
    await expectProblem(await h.call('alpha', `${V1}/supervision/tasks/${mine.id}/reports`, { token: h.tokens.alphaDucha, body: { progressPct: 150, note: 'x' } }), 400);
    h.clock.now = new Date('2026-04-25T02:00:00Z');
    const listed = (await json<{ items: SupervisionTask[] }>(await h.call('alpha', `${V1}/supervision/tasks`, { token: h.tokens.alphaAdmin }))).items;
    expect(listed.map((t) => [t.id, t.overdue])).toEqual([[mine.id, true]]);
    const done = await json<SupervisionTask>(await h.call('alpha', `${V1}/supervision/tasks/${mine.id}/reports`, { token: h.tokens.alphaDucha, body: { progressPct: 100, note: '全部网签', done: true } }), 201);
    expect(done).toMatchObject({ status: 'done', completedOn: '2026-04-25', overdue: true });
    const overdueAll = (await json<{ items: SupervisionTask[] }>(await h.call('city', `${V1}/supervision/tasks?overdue=true`, { token: h.tokens.cityAdmin }))).items;
    expect(overdueAll.map((t) => t.title)).toEqual(['安置房网签攻坚', '安置房网签攻坚']);
    h.clock.now = new Date('2026-04-10T02:00:00Z');
  });
});

describe('ranking: draft, review, publish', () => {
  it('computes a draft from the values, weights and formula; missing values are shown', async () => {
    rankingQ1 = await json<Ranking>(await h.call('city', `${V1}/rankings`, { token: h.tokens.citySupervisor, body: { periodId: per['2026Q1']!.id } }), 201);
    expect(rankingQ1.status).toBe('draft');
    expect(rankingQ1.result.missing).toEqual([{ tenantId: h.fx.b.id, indicatorId: ind.M1!.id, required: true }]);
    // Bravo: 50 × 40 % + 0 (missing, policy zero) + 75 ÷ 85 = 88.2353 × 30 % = 26.4706
    expect(rankingQ1.result.entries.map((e) => [e.tenantName, e.composite, e.rank, e.groupRank, e.list])).toEqual([
      ['甲区', '100.0000', 1, 1, 'red'],
      ['乙区', '46.4706', 2, 1, 'black'],
    ]);
    await expectProblem(await h.call('alpha', `${V1}/rankings`, { token: h.tokens.alphaAdmin, body: { periodId: per['2026Q1']!.id } }), 403);
    await expectProblem(await h.call('city', `${V1}/rankings`, { token: h.tokens.citySupervisor, body: { periodId: per['2026H1']!.id } }), 422);
  });

  it('a district cannot see a draft or its inputs: not in the list, 404 by id', async () => {
    expect((await json<{ items: unknown[] }>(await h.call('alpha', `${V1}/rankings`, { token: h.tokens.alphaAdmin }))).items).toEqual([]);
    await expectProblem(await h.call('alpha', `${V1}/rankings/${rankingQ1.id}`, { token: h.tokens.alphaAdmin }), 404);
    await expectProblem(await h.call('alpha', `${V1}/rankings/${rankingQ1.id}/verify`, { token: h.tokens.alphaAdmin }), 404);
    await expectProblem(await h.call('alpha', `${V1}/rankings/${rankingQ1.id}/export`, { token: h.tokens.alphaAdmin }), 404);
    const period = await json<Period>(await h.call('alpha', `${V1}/periods/${per['2026Q1']!.id}`, { token: h.tokens.alphaAdmin }));
    expect(period.ranking).toBeNull();
  });

  it('publishing needs a review, and is refused while a required value is missing, naming the tenant and indicator', async () => {
    const path = `${V1}/rankings/${rankingQ1.id}`;
    await expectProblem(await h.call('city', `${path}/publish`, { method: 'POST', token: h.tokens.cityAdmin, headers: { 'if-match': `"${rankingQ1.version}"` } }), 409);
    const reviewed = await json<Ranking>(await h.call('city', `${path}/review`, { method: 'POST', token: h.tokens.citySupervisor, headers: { 'if-match': `"${rankingQ1.version}"` } }));
    expect(reviewed.status).toBe('reviewed');
    await expectProblem(await h.call('city', `${path}/publish`, { method: 'POST', token: h.tokens.citySupervisor, headers: { 'if-match': `"${reviewed.version}"` } }), 403);
    const problem = await expectProblem(await h.call('city', `${path}/publish`, { method: 'POST', token: h.tokens.cityAdmin, headers: { 'if-match': `"${reviewed.version}"` } }), 422);
    expect(problem.detail).toContain('乙区 · 营商环境评价');
    expect(problem.missing).toEqual([{ tenantId: h.fx.b.id, tenantName: '乙区', indicatorId: ind.M1!.id, indicatorName: '营商环境评价' }]);
    const still = await json<Ranking>(await h.call('city', path, { token: h.tokens.cityAdmin }));
    expect(still).toMatchObject({ status: 'reviewed', version: reviewed.version, publishedAt: null });
  });

  it('after the missing value arrives: recompute, review, publish', async () => {
    await json(await h.call('bravo', `${V1}/periods/${per['2026Q1']!.id}/values/${ind.M1!.id}`, { method: 'PUT', token: h.tokens.bravoDucha, body: { value: '80', evidence: '第三方测评报告' } }));
    const draft = await json<Ranking>(await h.call('city', `${V1}/rankings`, { token: h.tokens.citySupervisor, body: { periodId: per['2026Q1']!.id } }), 201);
    expect(draft.id).toBe(rankingQ1.id);
    // Bravo: 20 + 80 ÷ 90 = 88.8889 × 30 % = 26.6667 + 26.4706 = 73.1373
    expect(draft.result.entries.map((e) => e.composite)).toEqual(['100.0000', '73.1373']);
    expect(draft.result.missing).toEqual([]);
    const reviewed = await json<Ranking>(await h.call('city', `${V1}/rankings/${draft.id}/review`, { method: 'POST', token: h.tokens.citySupervisor, headers: { 'if-match': `"${draft.version}"` } }));
    rankingQ1 = await json<Ranking>(await h.call('city', `${V1}/rankings/${draft.id}/publish`, { method: 'POST', token: h.tokens.cityAdmin, headers: { 'if-match': `"${reviewed.version}"` } }));
    expect(rankingQ1).toMatchObject({ status: 'published', formulaVersion: 'v1' });
    expect(rankingQ1.indicators.map((i) => [i.code, i.weight, i.best])).toEqual([['P1', '40', '30'], ['M1', '30', '90'], ['T1', '30', '85']]);
  });

  it('a published ranking is frozen: no recompute, no new weights, no review (409), and the database refuses too', async () => {
    await expectProblem(await h.call('city', `${V1}/rankings`, { token: h.tokens.citySupervisor, body: { periodId: per['2026Q1']!.id } }), 409);
    await expectProblem(await h.call('city', `${V1}/periods/${per['2026Q1']!.id}/weights`, { method: 'PUT', token: h.tokens.cityAdmin, body: { items: [{ indicatorId: ind.P1!.id, weight: '100' }] }, headers: { 'if-match': '"1"' } }), 409);
    await expectProblem(await h.call('city', `${V1}/rankings/${rankingQ1.id}/review`, { method: 'POST', token: h.tokens.citySupervisor, headers: { 'if-match': `"${rankingQ1.version}"` } }), 409);
    await expect(h.db.pglite.query(`update assessments.rankings set result = '{}' where id = $1`, [rankingQ1.id])).rejects.toThrow(/frozen/);
  });

  it('recomputed later from its frozen snapshot it gives identical numbers, whatever the live values became', async () => {
    // The live value changes after publication (a late correction): the published ranking does not move.
    await h.db.pglite.query(`update assessments.indicator_values set value = 1 where tenant_id = $1 and indicator_id = $2 and period_id = $3`, [h.fx.a.id, ind.P1!.id, per['2026Q1']!.id]);
    const verify = await json<{ identical: boolean; differences: unknown[] }>(await h.call('city', `${V1}/rankings/${rankingQ1.id}/verify`, { token: h.tokens.cityAdmin }));
    expect(verify).toEqual({ identical: true, differences: [] });
    const again = await json<Ranking>(await h.call('alpha', `${V1}/rankings/${rankingQ1.id}`, { token: h.tokens.alphaAdmin }));
    expect(again.result).toEqual(rankingQ1.result);
  });

  it('verification reports a stored result that no longer matches its inputs', async () => {
    const draft = await json<Ranking>(await h.call('city', `${V1}/rankings`, { token: h.tokens.citySupervisor, body: { periodId: per['2026Q2']!.id } }), 201);
    await h.db.pglite.query(`update assessments.rankings set result = jsonb_set(result, '{result,entries,0,composite}', '"99.0000"') where id = $1`, [draft.id]);
    const verify = await json<{ identical: boolean; differences: { path: string; stored: string; recomputed: string }[] }>(await h.call('city', `${V1}/rankings/${draft.id}/verify`, { token: h.tokens.cityAdmin }));
    expect(verify.identical).toBe(false);
    expect(verify.differences[0]).toMatchObject({ path: 'result.entries.0.composite', stored: '99.0000' });
  });

  it('the next quarter compares with the published one (提质进位)', async () => {
    const draft = await json<Ranking>(await h.call('city', `${V1}/rankings`, { token: h.tokens.citySupervisor, body: { periodId: per['2026Q2']!.id } }), 201);
    expect(draft.previousRankingId).toBe(rankingQ1.id);
    expect(draft.result.entries.map((e) => [e.tenantName, e.previousRank, e.change])).toEqual([['甲区', 1, 0], ['乙区', 2, 0]]);
  });

  it('a district sees the published ranking, its own line and its gaps; the city must name a district', async () => {
    const list = await json<{ items: { id: string; own: { rank: number } | null }[] }>(await h.call('bravo', `${V1}/rankings`, { token: h.tokens.bravoAdmin }));
    expect(list.items.map((r) => [r.id, r.own?.rank])).toEqual([[rankingQ1.id, 2]]);
    const gaps = await json<{ ranking: { rank: number }; indicators: { code: string; trailing: boolean }[] }>(await h.call('alpha', `${V1}/gaps?periodId=${per['2026Q1']!.id}`, { token: h.tokens.alphaAdmin }));
    expect(gaps.ranking.rank).toBe(1);
    expect(gaps.indicators.find((i) => i.code === 'P1')!.trailing).toBe(true); // 1 after the correction, short of 乙区's 40
    await expectProblem(await h.call('city', `${V1}/gaps?periodId=${per['2026Q1']!.id}`, { token: h.tokens.cityAdmin }), 400);
    await expectProblem(await h.call('alpha', `${V1}/gaps?periodId=${per['2026Q1']!.id}&tenantId=${h.fx.b.id}`, { token: h.tokens.alphaAdmin }), 403);
    const cityView = await json<{ tenantId: string }>(await h.call('city', `${V1}/gaps?periodId=${per['2026Q1']!.id}&tenantId=${h.fx.b.id}`, { token: h.tokens.cityAdmin }));
    expect(cityView.tenantId).toBe(h.fx.b.id);
  });

  it('exports the ranking as an Excel workbook', async () => {
    const res = await h.call('alpha', `${V1}/rankings/${rankingQ1.id}/export`, { token: h.tokens.alphaAdmin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
  });
});

describe('mid-year view and context', () => {
  it('shows each value against its annual target and the time benchmark (双过半, 半年红)', async () => {
    await json(await h.call('alpha', `${V1}/periods/${per['2026']!.id}/targets/${ind.M1!.id}`, { method: 'PUT', token: h.tokens.alphaDucha, body: { standardValue: '100' } }));
    await json(await h.call('alpha', `${V1}/periods/${per['2026H1']!.id}/values/${ind.M1!.id}`, { method: 'PUT', token: h.tokens.alphaDucha, body: { value: '55', evidence: '半年测评' } }));
    const view = await json<{ timeBenchmark: string; rows: { tenantId: string; completion: string; status: string; halfDone: boolean }[]; halfYearRed: string[] }>(
      await h.call('city', `${V1}/midyear?year=2026`, { token: h.tokens.cityAdmin }),
    );
    expect(view.timeBenchmark).toBe('0.5000');
    expect(view.rows).toEqual([
      expect.objectContaining({ tenantId: h.fx.a.id, completion: '0.5500', status: 'ahead', halfDone: true }),
      expect.objectContaining({ tenantId: h.fx.b.id, annualTarget: null, status: 'no_target' }),
    ]);
    expect(view.halfYearRed).toEqual([h.fx.a.id]);
    const bravo = await json<{ rows: { tenantId: string }[] }>(await h.call('bravo', `${V1}/midyear?year=2026`, { token: h.tokens.bravoAdmin }));
    expect(bravo.rows.map((r) => r.tenantId)).toEqual([]);
  });

  it('tells the UI who the caller is: the city sees every district, a district only itself', async () => {
    const city = await json<{ isCity: boolean; tenants: { id: string }[]; groups: string[] }>(await h.call('city', `${V1}/context`, { token: h.tokens.cityAdmin }));
    expect(city.isCity).toBe(true);
    expect(city.tenants.map((t) => t.id)).toEqual([h.fx.a.id, h.fx.b.id]);
    expect(city.groups).toEqual(['甲组', '乙组']);
    const alpha = await json<{ isCity: boolean; tenants: { id: string }[]; allTenants: unknown[] }>(await h.call('alpha', `${V1}/context`, { token: h.tokens.alphaAdmin }));
    expect(alpha).toMatchObject({ isCity: false, tenants: [{ id: h.fx.a.id }] });
    expect(alpha.allTenants).toHaveLength(2);
  });
});

describe('the remaining reads and edits', () => {
  it('reads one indicator, the periods of a kind and year, a period’s weights', async () => {
    const one = await h.call('alpha', `${V1}/indicators/${ind.P1!.id}`, { token: h.tokens.alphaAdmin });
    expect(one.status).toBe(200);
    expect(one.headers.get('etag')).toBe('"1"');
    await expectProblem(await h.call('alpha', `${V1}/indicators/${crypto.randomUUID()}`, { token: h.tokens.alphaAdmin }), 404);
    const quarters = await json<{ items: Period[] }>(await h.call('alpha', `${V1}/periods?kind=quarter&year=2026`, { token: h.tokens.alphaAdmin }));
    expect(quarters.items.map((p) => [p.code, p.ranking?.status ?? null, p.hasWeights])).toEqual([['2026Q1', 'published', true], ['2026Q2', null, true]]);
    const weights = await json<{ items: { indicatorCode: string; weight: string }[]; formulaVersion: string }>(await h.call('alpha', `${V1}/periods/${per['2026Q1']!.id}/weights`, { token: h.tokens.alphaAdmin }));
    expect(weights.items.map((i) => [i.indicatorCode, i.weight])).toEqual([['P1', '40'], ['M1', '30'], ['T1', '30']]);
    await expectProblem(await h.call('city', `${V1}/periods?kind=week`, { token: h.tokens.cityAdmin }), 400);
  });

  it('closes a period (If-Match); values for it are then refused with 409', async () => {
    const path = `${V1}/periods/${per['2026Q2']!.id}`;
    await expectProblem(await h.call('city', path, { method: 'PATCH', token: h.tokens.cityAdmin, body: { status: 'closed' } }), 428);
    const closed = await json<Period>(await h.call('city', path, { method: 'PATCH', token: h.tokens.cityAdmin, body: { status: 'closed' }, headers: { 'if-match': `"${per['2026Q2']!.version}"` } }));
    expect(closed).toMatchObject({ status: 'closed', version: per['2026Q2']!.version + 1 });
    const problem = await expectProblem(await h.call('alpha', `${V1}/periods/${per['2026Q2']!.id}/values/${ind.M1!.id}`, { method: 'PUT', token: h.tokens.alphaDucha, body: { value: '1', evidence: '迟报' } }), 409);
    expect(problem.type).toContain('period-closed');
    await expectProblem(await h.call('alpha', path, { method: 'PATCH', token: h.tokens.alphaAdmin, body: { status: 'open' }, headers: { 'if-match': '"2"' } }), 403);
  });

  it('lists tours and the score sheets; reads one supervision task', async () => {
    const tours = await json<{ items: { id: string; siteCount: number; status: string }[] }>(await h.call('bravo', `${V1}/tours`, { token: h.tokens.bravoAdmin }));
    // A district counts only its own sites; the city all of them.
    expect(tours.items).toEqual([expect.objectContaining({ id: tour.id, siteCount: 1, status: 'closed' })]);
    const cityTours = await json<{ items: { siteCount: number }[] }>(await h.call('city', `${V1}/tours`, { token: h.tokens.cityAdmin }));
    expect(cityTours.items[0]!.siteCount).toBe(2);
    const sheets = await json<{ items: { total: string }[] }>(await h.call('city', `${V1}/tours/${tour.id}/scores`, { token: h.tokens.citySupervisor }));
    expect(sheets.items.map((s) => s.total).sort()).toEqual(['70.00', '75.00', '80.00', '85.00', '90.00', '95.00']);
    const tasks = await json<{ items: SupervisionTask[] }>(await h.call('bravo', `${V1}/supervision/tasks`, { token: h.tokens.bravoAdmin }));
    const one = await json<SupervisionTask>(await h.call('bravo', `${V1}/supervision/tasks/${tasks.items[0]!.id}`, { token: h.tokens.bravoAdmin }));
    expect(one.tenantId).toBe(h.fx.b.id);
    const cityRead = await json<SupervisionTask>(await h.call('city', `${V1}/supervision/tasks/${tasks.items[0]!.id}`, { token: h.tokens.cityAdmin }));
    expect(cityRead.id).toBe(one.id);
  });
});
