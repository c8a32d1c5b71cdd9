import { expectProblem, rowCounts } from '@yingshang/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStageMove } from '../src/domain/stages.ts';
import { API, type ProjectBody, type ProjectsHarness, TODAY, newProject, projectsHarness } from './setup.ts';

describe('stage rules (pure)', () => {
  const at = { stage: 'signed' as const, stageDate: '2026-03-01' };

  it('allows the next stage, dated between the previous move and today', () => {
    expect(checkStageMove(at, { stage: 'started', date: '2026-03-01' }, TODAY)).toEqual({ ok: true, skipped: [] });
    expect(checkStageMove(at, { stage: 'started', date: TODAY, batch: '2026Q4' }, TODAY)).toEqual({ ok: true, skipped: [] });
  });

  it('refuses going back or standing still', () => {
    expect(checkStageMove(at, { stage: 'negotiating', date: '2026-04-01' }, TODAY)).toMatchObject({ ok: false, kind: 'order' });
    expect(checkStageMove(at, { stage: 'signed', date: '2026-04-01' }, TODAY)).toMatchObject({ ok: false, kind: 'order' });
  });

  it('refuses a silent skip, and takes an explicit one only with a reason', () => {
    expect(checkStageMove(at, { stage: 'constructing', date: '2026-04-01' }, TODAY)).toMatchObject({ ok: false, kind: 'skip' });
    expect(checkStageMove(at, { stage: 'constructing', date: '2026-04-01', skip: true }, TODAY)).toMatchObject({
      ok: false,
      errors: [{ field: 'json.note' }],
    });
    expect(checkStageMove(at, { stage: 'producing', date: '2026-04-01', skip: true, note: '开工与建设同期' }, TODAY)).toEqual({
      ok: true,
      skipped: ['started', 'constructing'],
    });
    expect(checkStageMove(at, { stage: 'started', date: '2026-04-01', skip: true, note: 'x' }, TODAY)).toMatchObject({
      ok: false,
      errors: [{ field: 'json.skip' }],
    });
  });

  it('refuses a date in the future or before the previous move, and a batch for a stage without one', () => {
    expect(checkStageMove(at, { stage: 'started', date: '2026-11-27' }, TODAY)).toMatchObject({ ok: false, errors: [{ field: 'json.date' }] });
    expect(checkStageMove(at, { stage: 'started', date: '2026-02-28' }, TODAY)).toMatchObject({ ok: false, errors: [{ field: 'json.date' }] });
    expect(
      checkStageMove({ stage: 'started', stageDate: '2026-03-01' }, { stage: 'constructing', date: '2026-04-01', batch: '2026Q2' }, TODAY),
    ).toMatchObject({ ok: false, errors: [{ field: 'json.batch' }] });
  });
});

describe('POST /projects/{id}/stage', () => {
  let h: ProjectsHarness;
  let token: string;
  beforeAll(async () => {
    h = await projectsHarness();
    token = await h.token(h.fx.a);
  });
  afterAll(() => h.db.close());

  const register = async (extra: Record<string, unknown> = {}) => {
    const res = await h.call('alpha', `${API}/projects`, { token, body: newProject({ stageDate: '2025-01-10', ...extra }) });
    expect(res.status).toBe(201);
    return (await res.json()) as ProjectBody;
  };
  const move = (id: string, body: Record<string, unknown>) => h.call('alpha', `${API}/projects/${id}/stage`, { token, body });
  const history = async (id: string) =>
    ((await (await h.call('alpha', `${API}/projects/${id}/stage-history`, { token })).json()) as { items: Record<string, unknown>[] }).items;

  it('walks a project through every stage in order, recording each move with its date and batch', async () => {
    const p = await register();
    const steps: [string, string, string | null][] = [
      ['negotiating', '2025-02-01', null],
      ['signed', '2025-04-15', '2025Q2'],
      ['started', '2025-06-18', '2025Q2'],
      ['constructing', '2025-07-01', null],
      ['producing', '2026-06-30', '2026Q2'],
      ['at_capacity', '2026-11-26', null],
    ];
    for (const [stage, date, batch] of steps) {
      const res = await move(p.id, { stage, date, ...(batch ? { batch } : {}) });
      expect(res.status, await res.clone().text()).toBe(200);
    }
    const final = (await (await h.call('alpha', `${API}/projects/${p.id}`, { token })).json()) as ProjectBody;
    expect(final).toMatchObject({
      stage: 'at_capacity',
      stageDate: '2026-11-26',
      actualSignDate: '2025-04-15',
      actualStartDate: '2025-06-18',
      actualProductionDate: '2026-06-30',
      signBatch: '2025Q2',
      startBatch: '2025Q2',
      productionBatch: '2026Q2',
      version: 7,
    });
    expect((await history(p.id)).map((e) => `${e.fromStage}→${e.toStage}@${e.movedOn}`)).toEqual([
      'null→planning@2025-01-10',
      'planning→negotiating@2025-02-01',
      'negotiating→signed@2025-04-15',
      'signed→started@2025-06-18',
      'started→constructing@2025-07-01',
      'constructing→producing@2026-06-30',
      'producing→at_capacity@2026-11-26',
    ]);
  });

  it('refuses a silent skip with 409 and records an explicit one with what was skipped', async () => {
    const p = await register();
    const before = await rowCounts(h.db.pglite, ['projects.stage_history']);
    const problem = await expectProblem(await move(p.id, { stage: 'signed', date: '2025-03-01' }), 409);
    expect(problem.type).toContain('stage-skipped');
    expect(problem.errors).toEqual([{ field: 'json.stage', message: expect.stringContaining('洽谈') }]);
    expect(await rowCounts(h.db.pglite, ['projects.stage_history'])).toEqual(before);
    const res = await move(p.id, { stage: 'signed', date: '2025-03-01', skip: true, note: '直接签约，未经单独洽谈', batch: '2025Q1' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { entry: unknown }).entry).toMatchObject({ skippedStages: ['negotiating'], note: '直接签约，未经单独洽谈', batch: '2025Q1' });
  });

  it('refuses going back (409), a future date, a date before the last move and a stray batch (400), writing nothing', async () => {
    const p = await register({ stage: 'started', actualStartDate: '2025-05-05', stageDate: '2025-05-05' });
    const before = await rowCounts(h.db.pglite, ['projects.stage_history', 'projects.projects', 'audit.operation_log']);
    expect((await expectProblem(await move(p.id, { stage: 'signed', date: '2025-06-01' }), 409)).type).toContain('stage-order');
    const fields = async (body: Record<string, unknown>) =>
      ((await expectProblem(await move(p.id, body), 400)).errors as { field: string }[]).map((e) => e.field);
    expect(await fields({ stage: 'constructing', date: '2026-11-27' })).toEqual(['json.date']);
    expect(await fields({ stage: 'constructing', date: '2025-05-04' })).toEqual(['json.date']);
    expect(await fields({ stage: 'constructing', date: '2025-06-01', batch: '2025Q2' })).toEqual(['json.batch']);
    expect(await fields({ stage: 'constructing', date: '2025/06/01' })).toEqual(['json.date']);
    expect(await fields({ stage: 'constructing', date: '2025-06-01', batch: '2025Q5' })).toEqual(['json.batch']);
    expect(await rowCounts(h.db.pglite, ['projects.stage_history', 'projects.projects', 'audit.operation_log'])).toEqual(before);
  });
});
