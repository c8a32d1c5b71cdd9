import { expectProblem, rowCounts } from '@yingshang/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type ProjectBody, type ProjectsHarness, newProject, projectsHarness } from './setup.ts';

let h: ProjectsHarness;
let token: string;
let projectId: string;
beforeAll(async () => {
  h = await projectsHarness();
  token = await h.token(h.fx.a);
  const res = await h.call('alpha', `${API}/projects`, { token, body: newProject({ name: '高端装备产业园' }) });
  projectId = ((await res.json()) as ProjectBody).id;
});
afterAll(() => h.db.close());

type BlockerBody = { id: string; version: number; status: string; overdue: boolean; notes: { note: string }[] } & Record<string, unknown>;
const raise = async (body: Record<string, unknown>) => {
  const res = await h.call('alpha', `${API}/projects/${projectId}/blockers`, { token, body });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as BlockerBody;
};

describe('blockers (问题台账)', () => {
  it('registers, reassigns, follows up and closes a blocker, each step audited', async () => {
    const before = await rowCounts(h.db.pglite, ['audit.operation_log']);
    const b = await raise({ title: '电力增容审批滞后', kind: '要素保障', assignedUnit: '区供电公司', raisedOn: '2026-10-08', deadline: '2026-11-30' });
    expect(b).toMatchObject({ projectName: '高端装备产业园', status: 'open', overdue: false, version: 1, createdByName: 'clerk' });
    const patched = await h.call('alpha', `${API}/blockers/${b.id}`, {
      method: 'PATCH', token, body: { assignedUnit: '市发展改革委', deadline: '2026-11-20' }, headers: { 'if-match': '1' },
    });
    expect(await patched.json()).toMatchObject({ assignedUnit: '市发展改革委', deadline: '2026-11-20', version: 2, overdue: true });
    const noted = await h.call('alpha', `${API}/blockers/${b.id}/notes`, { token, body: { note: '已召开专题协调会', notedOn: '2026-11-10' } });
    expect(noted.status).toBe(201);
    expect(((await noted.json()) as BlockerBody).notes.map((n) => n.note)).toEqual(['已召开专题协调会']);
    const closed = await h.call('alpha', `${API}/blockers/${b.id}/close`, { token, body: { closureNote: '增容已批复' }, headers: { 'if-match': '3' } });
    expect(closed.status, await closed.clone().text()).toBe(200);
    expect(await closed.json()).toMatchObject({ status: 'closed', closedOn: '2026-11-26', closureNote: '增容已批复', overdue: false });
    expect((await rowCounts(h.db.pglite, ['audit.operation_log']))['audit.operation_log']).toBe(before['audit.operation_log']! + 4);
    // A closed blocker is settled: no more edits, notes or a second close.
    expect((await expectProblem(await h.call('alpha', `${API}/blockers/${b.id}/notes`, { token, body: { note: 'x' } }), 409)).type).toContain('blocker-closed');
    await expectProblem(await h.call('alpha', `${API}/blockers/${b.id}`, { method: 'PATCH', token, body: { title: 'x' }, headers: { 'if-match': '4' } }), 409);
  });

  it('lists with filters and keyset pages', async () => {
    for (let i = 0; i < 3; i++) await raise({ title: `逾期问题${i}`, raisedOn: '2026-09-01', deadline: '2026-10-01' });
    const page = async (q: string) => (await (await h.call('alpha', `${API}/blockers?${q}`, { token })).json()) as { items: BlockerBody[]; nextCursor: string | null; total: number };
    const overdue = await page('overdue=true&limit=2');
    expect(overdue.total).toBe(3);
    expect(overdue.items.every((b) => b.overdue)).toBe(true);
    const rest = await page(`overdue=true&limit=2&cursor=${overdue.nextCursor}`);
    expect(rest.items).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
    expect((await page('status=closed')).total).toBe(1);
    expect((await page('q=逾期问题1')).items.map((b) => b.title)).toEqual(['逾期问题1']);
    await expectProblem(await h.call('alpha', `${API}/blockers?cursor=bad!`, { token }), 400);
  });

  it('refuses a deadline before the day raised, a future date, a stale or missing version', async () => {
    const fields = async (res: Response, status = 400) => ((await expectProblem(res, status)).errors as { field: string }[]).map((e) => e.field);
    expect(await fields(await h.call('alpha', `${API}/projects/${projectId}/blockers`, { token, body: { title: 't', raisedOn: '2026-10-10', deadline: '2026-10-01' } }))).toEqual(['json.deadline']);
    expect(await fields(await h.call('alpha', `${API}/projects/${projectId}/blockers`, { token, body: { title: 't', raisedOn: '2026-12-01' } }))).toEqual(['json.raisedOn']);
    expect(await fields(await h.call('alpha', `${API}/projects/${projectId}/blockers`, { token, body: { title: '' } }))).toEqual(['json.title']);
    const b = await raise({ title: '资金缺口', raisedOn: '2026-11-01' });
    await expectProblem(await h.call('alpha', `${API}/blockers/${b.id}/close`, { token, body: { closureNote: '已解决' } }), 428);
    await expectProblem(await h.call('alpha', `${API}/blockers/${b.id}/close`, { token, body: { closureNote: '已解决' }, headers: { 'if-match': '9' } }), 412);
    expect(await fields(await h.call('alpha', `${API}/blockers/${b.id}/close`, { token, body: { closureNote: '已解决', closedOn: '2026-10-01' }, headers: { 'if-match': '1' } }))).toEqual(['json.closedOn']);
  });

  it('answers 404 for another tenant’s blocker and project', async () => {
    const b = await raise({ title: '甲区内部问题' });
    const bravo = await h.token(h.fx.b);
    const problem = await expectProblem(await h.call('bravo', `${API}/blockers/${b.id}`, { token: bravo }), 404);
    expect(JSON.stringify(problem)).not.toContain('甲区内部问题');
    await expectProblem(await h.call('bravo', `${API}/projects/${projectId}/blockers`, { token: bravo, body: { title: 'x' } }), 404);
    expect(((await (await h.call('bravo', `${API}/blockers`, { token: bravo })).json()) as { total: number }).total).toBe(0);
  });
});
