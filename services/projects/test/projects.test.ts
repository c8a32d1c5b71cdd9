import { expectProblem, rowCounts } from '@yingshang/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type ProjectBody, type ProjectsHarness, TODAY, newProject, projectsHarness } from './setup.ts';

let h: ProjectsHarness;
let clerk: string;
let bravo: string;
beforeAll(async () => {
  h = await projectsHarness();
  clerk = await h.token(h.fx.a);
  bravo = await h.token(h.fx.b);
});
afterAll(() => h.db.close());

const counts = () =>
  rowCounts(h.db.pglite, ['projects.projects', 'projects.stage_history', 'projects.annual_plans', 'audit.operation_log', 'projects.idempotency_keys']);
const create = async (body: Record<string, unknown>, token = clerk, slug = 'alpha') => {
  const res = await h.call(slug, `${API}/projects`, { token, body });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as ProjectBody;
};
const fieldsOf = (problem: Record<string, unknown>) => [...new Set((problem.errors as { field: string }[]).map((e) => e.field))];

describe('POST /projects', () => {
  it('registers a project with every field, its annual plans and the first stage-history entry, audited', async () => {
    const before = await counts();
    const body = newProject({
      shortName: '智能装备',
      address: '甲区科学大道 100 号',
      latitude: 34.8,
      longitude: 113.55,
      scaleContent: '新建厂房 8 万平方米',
      newCapacity: '年产 2 万台',
      strategies: ['lane_change', 'digital_transformation'],
      level: 'provincial',
      totalInvestment: 250000.5,
      annualPlans: [
        { year: 2026, plannedInvestment: '60000' },
        { year: 2027, plannedInvestment: 90000 },
      ],
      cityLeader: '王副市长',
      departmentId: h.depts.fgw,
      responsiblePerson: '李四',
      contactPhone: '0371-66668888',
      attracted: true,
      sourceRegion: '粤港澳大湾区',
      plannedSignDate: '2025-12-01',
      actualSignDate: '2025-12-20',
      plannedStartDate: '2026-03-01',
      actualStartDate: '2026-03-18',
      plannedProductionDate: '2027-12-31',
      signBatch: '2025Q4',
      startBatch: '2026Q1',
      stage: 'constructing',
      stageDate: '2026-05-01',
    });
    const created = await create(body);
    expect(created).toMatchObject({
      code: body.code,
      totalInvestment: '250000.50',
      annualPlans: [
        { year: 2026, plannedInvestment: '60000.00' },
        { year: 2027, plannedInvestment: '90000.00' },
      ],
      departmentName: '发展和改革委员会',
      latitude: 34.8,
      stage: 'constructing',
      stageDate: '2026-05-01',
      version: 1,
      openBlockers: 0,
      progress: { asOf: '2026-10', annualPlan: '60000.00', ytdCompleted: '0.00', status: 'behind' },
    });
    const after = await counts();
    expect(after['projects.projects']).toBe(before['projects.projects']! + 1);
    expect(after['projects.stage_history']).toBe(before['projects.stage_history']! + 1);
    expect(after['projects.annual_plans']).toBe(before['projects.annual_plans']! + 2);
    expect(after['audit.operation_log']).toBe(before['audit.operation_log']! + 1);
    const history = await h.call('alpha', `${API}/projects/${created.id}/stage-history`, { token: clerk });
    expect(((await history.json()) as { items: unknown[] }).items).toMatchObject([
      { fromStage: null, toStage: 'constructing', movedOn: '2026-05-01', skippedStages: [] },
    ]);
  });

  it('defaults the stage to 谋划 today and the department to the caller’s', async () => {
    const created = await create(newProject());
    expect(created).toMatchObject({ stage: 'planning', stageDate: TODAY, departmentId: h.depts.office });
  });

  it('replays the answer for the same Idempotency-Key and refuses the key for another request', async () => {
    const body = newProject();
    const headers = { 'idempotency-key': 'create-project-0001' };
    const first = await h.call('alpha', `${API}/projects`, { token: clerk, body, headers });
    expect(first.status).toBe(201);
    const before = await counts();
    const again = await h.call('alpha', `${API}/projects`, { token: clerk, body, headers });
    expect(again.status).toBe(200);
    expect(((await again.json()) as ProjectBody).id).toBe(((await first.json()) as ProjectBody).id);
    expect(await counts()).toEqual(before);
    await expectProblem(await h.call('alpha', `${API}/projects`, { token: clerk, body: newProject(), headers }), 422);
  });

  it('refuses bad input naming each field, writing nothing', async () => {
    const before = await counts();
    const problem = await expectProblem(
      await h.call('alpha', `${API}/projects`, {
        token: clerk,
        body: newProject({ totalInvestment: '-5', category: 'mining', annualPlans: [{ year: 2026, plannedInvestment: '1.005' }], plannedStartDate: '2026-02-30' }),
      }),
      400,
    );
    expect(fieldsOf(problem).sort()).toEqual(['json.annualPlans.0.plannedInvestment', 'json.category', 'json.plannedStartDate', 'json.totalInvestment']);
    expect(JSON.stringify(problem)).toContain('两位小数');
    expect(await counts()).toEqual(before);
  });

  it('refuses dates in the future, out of stage order or for stages not reached', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ stage: 'signed', actualSignDate: '2026-12-01' }, 'json.actualSignDate'],
      [{ stage: 'signed', stageDate: '2027-01-01' }, 'json.stageDate'],
      [{ stage: 'signed', actualStartDate: '2026-01-01' }, 'json.actualStartDate'],
      [{ stage: 'started', actualSignDate: '2026-05-01', actualStartDate: '2026-04-01', stageDate: '2026-06-01' }, 'json.actualStartDate'],
      [{ plannedSignDate: '2026-06-01', plannedStartDate: '2026-05-01' }, 'json.plannedStartDate'],
      [{ stage: 'planning', startBatch: '2026Q1' }, 'json.startBatch'],
      [{ annualPlans: [{ year: 2026, plannedInvestment: 1 }, { year: 2026, plannedInvestment: 2 }] }, 'json.annualPlans.1.year'],
      [{ departmentId: '01900000-0000-7000-8000-000000000001' }, 'json.departmentId'],
    ];
    for (const [extra, field] of cases) {
      const problem = await expectProblem(await h.call('alpha', `${API}/projects`, { token: clerk, body: newProject(extra) }), 400);
      expect(fieldsOf(problem), JSON.stringify(extra)).toContain(field);
    }
  });

  it('refuses a duplicate code with 409 naming the field', async () => {
    const first = await create(newProject());
    const problem = await expectProblem(await h.call('alpha', `${API}/projects`, { token: clerk, body: newProject({ code: first.code }) }), 409);
    expect(fieldsOf(problem)).toEqual(['json.code']);
    // Codes are per tenant: bravo may use the same one.
    await create(newProject({ code: first.code }), bravo, 'bravo');
  });

  it('does not let a department-scoped clerk assign another department', async () => {
    const token = await h.token(h.fx.a, { scope: 'department', dept: h.depts.gxj });
    const problem = await expectProblem(await h.call('alpha', `${API}/projects`, { token, body: newProject({ departmentId: h.depts.fgw }) }), 400);
    expect(problem.errors).toEqual([{ field: 'json.departmentId', message: '责任单位超出本账号的数据范围' }]);
  });
});

describe('GET /projects/{id}', () => {
  it('returns the project with its version as ETag', async () => {
    const created = await create(newProject());
    const res = await h.call('alpha', `${API}/projects/${created.id}`, { token: clerk });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
  });

  it('answers 404 for another tenant’s project, leaking nothing, and 400 for a malformed id', async () => {
    const theirs = await create(newProject({ name: '乙区机密项目' }), bravo, 'bravo');
    const problem = await expectProblem(await h.call('alpha', `${API}/projects/${theirs.id}`, { token: clerk }), 404);
    expect(JSON.stringify(problem)).not.toContain('乙区机密项目');
    expect(fieldsOf(await expectProblem(await h.call('alpha', `${API}/projects/nope`, { token: clerk }), 400))).toEqual(['param.id']);
  });
});

describe('PATCH /projects/{id}', () => {
  it('saves with the current version and bumps it; a stale version gets 412, none 428', async () => {
    const created = await create(newProject({ annualPlans: [{ year: 2026, plannedInvestment: 100 }] }));
    const path = `${API}/projects/${created.id}`;
    const res = await h.call('alpha', path, {
      method: 'PATCH',
      token: clerk,
      body: { name: '改名后的项目', annualPlans: [{ year: 2026, plannedInvestment: '200.10' }] },
      headers: { 'if-match': '"1"' },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ name: '改名后的项目', version: 2, annualPlans: [{ year: 2026, plannedInvestment: '200.10' }] });
    const stale = await expectProblem(await h.call('alpha', path, { method: 'PATCH', token: clerk, body: { name: 'x' }, headers: { 'if-match': '1' } }), 412);
    expect(stale.currentVersion).toBe(2);
    await expectProblem(await h.call('alpha', path, { method: 'PATCH', token: clerk, body: { name: 'x' } }), 428);
    await expectProblem(await h.call('alpha', path, { method: 'PATCH', token: clerk, body: { stage: 'started' }, headers: { 'if-match': '2' } }), 400);
  });

  it('refuses an edit that breaks the dates, writing nothing', async () => {
    const created = await create(newProject({ stage: 'signed', actualSignDate: '2026-02-01', stageDate: '2026-02-01' }));
    const problem = await expectProblem(
      await h.call('alpha', `${API}/projects/${created.id}`, {
        method: 'PATCH',
        token: clerk,
        body: { actualProductionDate: '2026-03-01' },
        headers: { 'if-match': '1' },
      }),
      400,
    );
    expect(fieldsOf(problem)).toEqual(['json.actualProductionDate']);
    const after = await h.call('alpha', `${API}/projects/${created.id}`, { token: clerk });
    expect(((await after.json()) as ProjectBody).version).toBe(1);
  });
});

describe('DELETE /projects/{id}', () => {
  it('deletes a project registered by mistake, with its history', async () => {
    const created = await create(newProject());
    const res = await h.call('alpha', `${API}/projects/${created.id}`, { method: 'DELETE', token: clerk, headers: { 'if-match': '1' } });
    expect(res.status).toBe(200);
    await expectProblem(await h.call('alpha', `${API}/projects/${created.id}`, { token: clerk }), 404);
    const { rows } = await h.db.pglite.query(`select 1 from projects.stage_history where project_id = $1`, [created.id]);
    expect(rows).toEqual([]);
  });

  it('refuses to delete a project that has reports (409)', async () => {
    const created = await create(newProject({ stage: 'started', actualStartDate: '2026-01-05' }));
    const put = await h.call('alpha', `${API}/projects/${created.id}/reports/2026-09`, {
      method: 'PUT',
      token: clerk,
      body: { plannedInvestment: 10, completedInvestment: 10 },
    });
    expect(put.status).toBe(201);
    const problem = await expectProblem(
      await h.call('alpha', `${API}/projects/${created.id}`, { method: 'DELETE', token: clerk, headers: { 'if-match': '1' } }),
      409,
    );
    expect(problem.type).toContain('project-has-reports');
  });
});

describe('GET /projects (search, filters, sort, keyset pages)', () => {
  let ids: Record<string, string>;
  beforeAll(async () => {
    const mk = async (key: string, extra: Record<string, unknown>) => [key, (await create(newProject({ code: `L-${key}`, ...extra }), bravo, 'bravo')).id] as const;
    ids = Object.fromEntries(
      await Promise.all([
        mk('a', { name: '氢能装备产业园', totalInvestment: 500000, category: 'emerging_industry', level: 'provincial', strategies: ['green_low_carbon'] }),
        mk('b', { name: '智慧物流港', totalInvestment: 80000, category: 'modern_services', stage: 'signed', actualSignDate: '2025-05-05', signBatch: '2025Q2' }),
        mk('c', { name: '城市更新片区', totalInvestment: 300000, category: 'livelihood', level: 'district', stage: 'started', actualStartDate: '2025-04-20', startBatch: '2025Q2' }),
        mk('d', { name: '数据中心二期', totalInvestment: 120000, category: 'digital_infrastructure', attracted: true, ownerUnit: '云数科技' }),
        mk('e', { name: '污水处理厂提标', totalInvestment: 45000.55, category: 'major_infrastructure', level: 'district' }),
      ]),
    );
  });
  const list = async (query: string) => {
    const res = await h.call('bravo', `${API}/projects?${query}`, { token: bravo });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as { items: ProjectBody[]; nextCursor: string | null; total: number; asOf: string };
  };
  const codes = (page: { items: ProjectBody[] }) => page.items.map((p) => p.code).filter((c) => c.startsWith('L-'));

  it('searches name, code and owner unit', async () => {
    expect(codes(await list('q=物流'))).toEqual(['L-b']);
    expect(codes(await list('q=云数'))).toEqual(['L-d']);
    expect(codes(await list('q=L-e'))).toEqual(['L-e']);
    expect((await list('q=%25')).total).toBe(0);
  });

  it('filters by stage, category, level, strategy, batch and attraction', async () => {
    expect(codes(await list('stage=signed,started&sort=code'))).toEqual(['L-b', 'L-c']);
    expect(codes(await list('category=livelihood'))).toEqual(['L-c']);
    expect(codes(await list('level=district&sort=code'))).toEqual(['L-c', 'L-e']);
    expect(codes(await list('strategy=green_low_carbon'))).toEqual(['L-a']);
    expect(codes(await list(`batch=${encodeURIComponent('2025Q2 开工')}`))).toEqual(['L-c']);
    expect(codes(await list('batch=2025Q2&sort=code'))).toEqual(['L-b', 'L-c']);
    expect(codes(await list('attracted=true'))).toEqual(['L-d']);
    const bad = await expectProblem(await h.call('bravo', `${API}/projects?stage=done&sort=price`, { token: bravo }), 400);
    expect(fieldsOf(bad).sort()).toEqual(['query.sort', 'query.stage']);
  });

  it('sorts and pages by keyset, stable when rows are inserted between pages', async () => {
    const first = await list('sort=-totalInvestment&limit=2&q=L-');
    expect(codes(first)).toEqual(['L-a', 'L-c']);
    expect(first.total).toBe(5);
    // A new, larger project lands before the cursor: the next pages neither repeat nor skip a row.
    await create(newProject({ code: 'L-f', totalInvestment: 900000 }), bravo, 'bravo');
    const second = await list(`sort=-totalInvestment&limit=2&q=L-&cursor=${first.nextCursor}`);
    expect(codes(second)).toEqual(['L-d', 'L-b']);
    const third = await list(`sort=-totalInvestment&limit=2&q=L-&cursor=${second.nextCursor}`);
    expect(codes(third)).toEqual(['L-e']);
    expect(third.nextCursor).toBeNull();
    const byName = await list('sort=name&q=L-&limit=10');
    expect(byName.items.map((p) => p.name)).toEqual(byName.items.map((p) => p.name as string).toSorted());
    const mismatch = await expectProblem(await h.call('bravo', `${API}/projects?sort=code&cursor=${first.nextCursor}`, { token: bravo }), 400);
    expect(fieldsOf(mismatch)).toEqual(['query.cursor']);
    await expectProblem(await h.call('bravo', `${API}/projects?cursor=garbage`, { token: bravo }), 400);
    expect(ids.a).toBeDefined();
  });

  it('filters projects behind schedule', async () => {
    const id = ids.c!;
    await h.call('bravo', `${API}/projects/${id}`, {
      method: 'PATCH',
      token: bravo,
      body: { annualPlans: [{ year: 2026, plannedInvestment: 12000 }] },
      headers: { 'if-match': '1' },
    });
    await h.call('bravo', `${API}/projects/${id}/reports/2026-10`, { method: 'PUT', token: bravo, body: { plannedInvestment: 1000, completedInvestment: 3000 } });
    expect(codes(await list('schedule=behind'))).toEqual(['L-c']);
    // Judged at the end of 2025 there is no annual plan to be behind.
    expect(codes(await list('schedule=behind&month=2025-12'))).toEqual([]);
    expect(codes(await list('schedule=no_plan&month=2025-12&q=L-c'))).toEqual(['L-c']);
    await expectProblem(await h.call('bravo', `${API}/projects?month=2026-12`, { token: bravo }), 400);
  });
});

describe('data scope', () => {
  let inFgw: string;
  let inSub: string;
  let inGxj: string;
  let noDept: string;
  beforeAll(async () => {
    inFgw = (await create(newProject({ code: 'S-fgw', departmentId: h.depts.fgw }))).id;
    inSub = (await create(newProject({ code: 'S-sub', departmentId: h.depts.fgwSub }))).id;
    inGxj = (await create(newProject({ code: 'S-gxj', departmentId: h.depts.gxj }))).id;
    noDept = (await create(newProject({ code: 'S-none', departmentId: null }))).id;
  });
  const visible = async (claims: Parameters<ProjectsHarness['token']>[1]) => {
    const token = await h.token(h.fx.a, claims);
    const res = await h.call('alpha', `${API}/projects?q=S-&limit=100`, { token });
    return ((await res.json()) as { items: ProjectBody[] }).items.map((p) => p.code).sort();
  };

  it('department_tree sees its department and every one below it', async () => {
    expect(await visible({ scope: 'department_tree', dept: h.depts.fgw, sub: '01900000-0000-7000-8000-0000000000ff' })).toEqual(['S-fgw', 'S-sub']);
    expect(await visible({ scope: 'department_tree', dept: h.depts.office, sub: '01900000-0000-7000-8000-0000000000ff' })).toEqual([
      'S-fgw',
      'S-gxj',
      'S-sub',
    ]);
  });

  it('department sees only its own department; all sees everything; self sees what it registered', async () => {
    expect(await visible({ scope: 'department', dept: h.depts.fgw, sub: '01900000-0000-7000-8000-0000000000ff' })).toEqual(['S-fgw']);
    expect(await visible({ scope: 'all', sub: '01900000-0000-7000-8000-0000000000ff' })).toEqual(['S-fgw', 'S-gxj', 'S-none', 'S-sub']);
    expect(await visible({ scope: 'self', sub: '01900000-0000-7000-8000-0000000000ff' })).toEqual([]);
    expect(await visible({ scope: 'self' })).toEqual(['S-fgw', 'S-gxj', 'S-none', 'S-sub']);
  });

  it('answers 404 for a project outside the scope, on reads and writes', async () => {
    const token = await h.token(h.fx.a, { scope: 'department', dept: h.depts.gxj, sub: '01900000-0000-7000-8000-0000000000ff' });
    await expectProblem(await h.call('alpha', `${API}/projects/${inFgw}`, { token }), 404);
    await expectProblem(
      await h.call('alpha', `${API}/projects/${inSub}/reports/2026-10`, { method: 'PUT', token, body: { plannedInvestment: 1, completedInvestment: 1 } }),
      404,
    );
    expect((await h.call('alpha', `${API}/projects/${inGxj}`, { token })).status).toBe(200);
    expect(noDept).toBeDefined();
  });
});
