import type { ProjectStatistics } from '@yingshang/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type ProjectBody, type ProjectsHarness, newProject, projectsHarness } from './setup.ts';

// Four projects with figures small enough to check by hand (as of 2026-10, 序时进度 10/12 = 83.33 %):
//   P1 started, plan 12,000, 1,000 a month Jan–Oct → ytd 10,000 (83.33 %: on track), Jan–Jun 6,000 (双过半 achieved)
//   P2 signed,  plan  6,000, 1,000 in June        → ytd  1,000 (16.67 %: behind by 66.66 points), Jan–Jun 1,000 (missed)
//   P3 in production, no 2026 plan; P4 谋划, no plan, planned to start in December.
let h: ProjectsHarness;
let token: string;
let ids: Record<string, string>;
beforeAll(async () => {
  h = await projectsHarness();
  token = await h.token(h.fx.b);
  const mk = async (body: Record<string, unknown>) => {
    const res = await h.call('bravo', `${API}/projects`, { token, body: newProject(body) });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as ProjectBody).id;
  };
  ids = {
    p1: await mk({
      code: 'P1', category: 'advanced_manufacturing', industry: '新能源汽车', strategies: ['lane_change', 'green_low_carbon'], totalInvestment: 100000,
      stage: 'started', actualSignDate: '2025-12-01', plannedStartDate: '2026-03-01', actualStartDate: '2026-03-10', stageDate: '2026-03-10',
      signBatch: '2025Q4', startBatch: '2026Q1', annualPlans: [{ year: 2026, plannedInvestment: 12000 }],
    }),
    p2: await mk({
      code: 'P2', category: 'emerging_industry', industry: '新能源汽车', strategies: ['innovation'], totalInvestment: 50000,
      stage: 'signed', actualSignDate: '2026-02-01', stageDate: '2026-02-01', plannedStartDate: '2026-09-01', signBatch: '2026Q1',
      annualPlans: [{ year: 2026, plannedInvestment: 6000 }],
    }),
    p3: await mk({
      code: 'P3', category: 'modern_services', industry: '现代物流', strategies: [], totalInvestment: '30000.55', stage: 'producing',
      actualSignDate: '2024-05-01', actualStartDate: '2024-08-01', plannedProductionDate: '2026-06-01', actualProductionDate: '2026-06-30', stageDate: '2026-06-30',
    }),
    p4: await mk({ code: 'P4', category: 'livelihood', industry: null, strategies: [], totalInvestment: 20000, plannedStartDate: '2026-12-01' }),
  };
  for (let m = 1; m <= 10; m++) {
    const res = await h.call('bravo', `${API}/projects/${ids.p1}/reports/2026-${String(m).padStart(2, '0')}`, {
      method: 'PUT', token, body: { plannedInvestment: 1000, completedInvestment: 1000 },
    });
    expect(res.status).toBe(201);
  }
  await h.call('bravo', `${API}/projects/${ids.p2}/reports/2026-06`, { method: 'PUT', token, body: { plannedInvestment: 1500, completedInvestment: 1000 } });
  const b1 = await h.call('bravo', `${API}/projects/${ids.p2}/blockers`, { token, body: { title: '用地指标未落实', deadline: '2026-11-01', raisedOn: '2026-10-01' } });
  const b2 = await h.call('bravo', `${API}/projects/${ids.p1}/blockers`, { token, body: { title: '施工用电', raisedOn: '2026-04-01' } });
  expect(b1.status).toBe(201);
  await h.call('bravo', `${API}/blockers/${((await b2.json()) as { id: string }).id}/close`, {
    token, body: { closureNote: '已接通临时用电', closedOn: '2026-05-01' }, headers: { 'if-match': '1' },
  });
});
afterAll(() => h.db.close());

const stats = async (query = '') => {
  const res = await h.call('bravo', `${API}/statistics${query}`, { token });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ProjectStatistics;
};

describe('GET /statistics', () => {
  it('counts and sums by stage, category, batch and strategy', async () => {
    const s = await stats();
    expect(s).toMatchObject({ asOf: '2026-10', year: 2026, timeBenchmark: 0.8333, projects: 4, totalInvestment: '200000.55' });
    const pick = (buckets: { key: string; count: number; totalInvestment: string }[]) =>
      Object.fromEntries(buckets.filter((b) => b.count > 0).map((b) => [b.key, [b.count, b.totalInvestment]]));
    expect(pick(s.byStage)).toEqual({ planning: [1, '20000.00'], signed: [1, '50000.00'], started: [1, '100000.00'], producing: [1, '30000.55'] });
    expect(s.byStage.map((b: { label: string }) => b.label)).toEqual(['谋划', '洽谈', '签约', '开工', '建设', '投产', '达产']);
    expect(pick(s.byCategory)).toEqual({
      advanced_manufacturing: [1, '100000.00'], emerging_industry: [1, '50000.00'], modern_services: [1, '30000.55'], livelihood: [1, '20000.00'],
    });
    expect(pick(s.byStrategy)).toEqual({ lane_change: [1, '100000.00'], green_low_carbon: [1, '100000.00'], innovation: [1, '50000.00'] });
    expect(s.byBatch).toEqual([
      { key: '2025Q4', stage: 'signed', label: '2025Q4 签约', count: 1, totalInvestment: '100000.00' },
      { key: '2026Q1', stage: 'signed', label: '2026Q1 签约', count: 1, totalInvestment: '50000.00' },
      { key: '2026Q1', stage: 'started', label: '2026Q1 开工', count: 1, totalInvestment: '100000.00' },
    ]);
  });

  it('computes 投资完成率, 开工率, 投产率 and 双过半 from hand-checked figures', async () => {
    const s = await stats();
    // 11,000 ÷ 18,000 = 0.6111
    expect(s.investment).toEqual({
      annualPlan: '18000.00', ytdCompleted: '11000.00', completionRate: 0.6111, monthPlanned: '1000.00', monthCompleted: '1000.00', reportedProjects: 1,
    });
    // Planned to start in 2026: P1, P2, P4; started: P1 → 1/3. Planned to produce: P3, produced in June → 1/1.
    expect(s.start).toEqual({ planned: 3, started: 1, rate: 0.3333 });
    expect(s.production).toEqual({ planned: 1, produced: 1, rate: 1 });
    // Jan–Jun 6,000 + 1,000 = 7,000 of 18,000 = 38.89 % < 50 %.
    expect(s.doubleHalf).toEqual({ firstHalfCompleted: '7000.00', annualPlan: '18000.00', rate: 0.3889, status: 'missed', projectsAchieved: 1, projectsWithPlan: 2 });
    expect(s.schedule).toEqual({ ahead: 0, onTrack: 1, behind: 1, noPlan: 2 });
    expect(s.behindSchedule).toEqual([
      { id: ids.p2, code: 'P2', name: expect.any(String), departmentName: '办公室', annualPlan: '6000.00', ytdCompleted: '1000.00', annualPlanRate: 0.1667, gapPoints: 66.66 },
    ]);
    expect(s.blockers).toEqual({ open: 1, overdue: 1, closed: 1 });
  });

  it('measures how focused investment is on the top industries', async () => {
    const s = await stats();
    expect(s.industries.items).toEqual([
      { industry: '新能源汽车', count: 2, totalInvestment: '150000.00', share: 0.75 },
      { industry: '现代物流', count: 1, totalInvestment: '30000.55', share: 0.15 },
      { industry: '未填写', count: 1, totalInvestment: '20000.00', share: 0.1 },
    ]);
    expect(s.industries).toMatchObject({ topN: 3, topShare: 1 });
  });

  it('runs to another month when asked: at the end of May, 双过半 is judged on pace', async () => {
    const s = await stats('?month=2026-05');
    // P1 5,000 of 12,000 vs 5/12 → on course; P2 nothing yet → at risk; tenant 5,000 of 18,000 < 5/12 → at risk.
    expect(s.doubleHalf).toMatchObject({ firstHalfCompleted: '5000.00', status: 'at_risk', projectsAchieved: 1, projectsWithPlan: 2 });
    expect(s.investment.completionRate).toBe(0.2778);
    expect(s.start).toEqual({ planned: 3, started: 1, rate: 0.3333 });
    expect(s.production).toEqual({ planned: 1, produced: 0, rate: 0 });
  });

  it('shows a district only its own figures', async () => {
    const alpha = await h.token(h.fx.a);
    const res = await h.call('alpha', `${API}/statistics`, { token: alpha });
    expect(await res.json()).toMatchObject({ projects: 0, totalInvestment: '0.00', investment: { completionRate: null } });
  });
});
