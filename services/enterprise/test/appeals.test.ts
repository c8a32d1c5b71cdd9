import { readFirstSheet } from '@yingshang/service-kit/xlsx';
import { rowCounts } from '@yingshang/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type Harness, body, harness, newEnterprise } from './setup.ts';

type Json = Record<string, unknown> & { id: string; status: string; version: number; allowedActions: string[]; timeline: { kind: string }[] };

let h: Harness;
let svc: string;
let ent: { userId: string; token: string };
let enterpriseId: string;
let otherEnterpriseUser: { userId: string; token: string };
let bravoSvc: string;
const TABLES = ['enterprise.appeals', 'enterprise.appeal_events', 'enterprise.appeal_extensions', 'audit.operation_log'];

beforeAll(async () => {
  h = await harness();
  svc = await h.token(h.fx.a, 'service');
  bravoSvc = await h.token(h.fx.b, 'service');
  const e = await body<Json>(await h.call('alpha', `${API}/enterprises`, { token: svc, body: newEnterprise() }));
  enterpriseId = e.id;
  ent = await h.enterpriseUser(h.fx.a, enterpriseId);
  const other = await body<Json>(await h.call('alpha', `${API}/enterprises`, { token: svc, body: newEnterprise() }));
  otherEnterpriseUser = await h.enterpriseUser(h.fx.a, other.id);
});
afterAll(() => h.db.close());

const post = (path: string, token: string, payload: unknown, headers?: Record<string, string>) =>
  h.call('alpha', `${API}${path}`, { method: 'POST', token, body: payload, ...(headers ? { headers } : {}) });

async function submit(token = ent.token, extra: Record<string, unknown> = {}): Promise<Json> {
  const res = await post('/appeals', token, { category: 'financing', title: '流动资金贷款', description: '需要 500 万元流动资金贷款', ...extra });
  const b = await body<Json>(res);
  expect(res.status, JSON.stringify(b)).toBe(201);
  return b;
}

async function step(id: string, action: string, token: string, payload: unknown = {}, status = 200): Promise<Json> {
  const res = await post(`/appeals/${id}/${action}`, token, payload);
  const b = await body<Json>(res);
  expect(res.status, `${action}: ${JSON.stringify(b)}`).toBe(status);
  return b;
}

describe('the appeal journey', () => {
  it('enterprise submits → district assigns → unit accepts and resolves → follow-up → enterprise rates 满意 → closed on time', async () => {
    h.setToday('2026-11-26');
    const a = await submit();
    expect(a).toMatchObject({ status: 'registered', source: 'enterprise', enterpriseId, deadline: '2026-11-27', grade: 'general' });
    expect(a.code).toMatch(/^SQ2026-\d{6}$/);
    expect(a.allowedActions).toEqual([]);
    const assigned = await step(a.id, 'assign', svc, { assignedUnit: '市金融局', coUnits: ['人民银行'], grade: 'general' });
    // Thursday + 7 working days → Monday 7 December.
    expect(assigned).toMatchObject({ status: 'assigned', deadline: '2026-12-07', coUnits: ['人民银行'], workdaysLeft: 7 });
    expect(assigned.allowedActions).toEqual(['object', 'accept', 'escalate']);
    await step(a.id, 'accept', svc);
    await step(a.id, 'report-progress', svc, { progress: '已对接三家银行' });
    h.setToday('2026-12-03');
    await step(a.id, 'report-resolution', svc, { resolution: '已放款 500 万元', solved: true });
    await step(a.id, 'follow-up', svc, { method: 'call', note: '企业确认到账' });
    const asEnterprise = await body<Json>(await h.call('alpha', `${API}/appeals/${a.id}`, { token: ent.token }));
    expect(asEnterprise.allowedActions).toEqual(['rate']);
    const rated = await step(a.id, 'rate', ent.token, { rating: 'satisfied' });
    expect(rated).toMatchObject({ status: 'rated', rating: 'satisfied' });
    const closed = await step(a.id, 'close', svc, { note: '销号' });
    expect(closed).toMatchObject({ status: 'closed', closedOn: '2026-12-03', closedOnTime: true, closeWorkdays: 5 });
    expect(closed.timeline.map((e) => e.kind)).toEqual(['register', 'assign', 'accept', 'report_progress', 'report_resolution', 'follow_up', 'rate', 'close']);

    const stats = await body<{ totals: Record<string, unknown>; byUnit: { key: string }[] }>(
      await h.call('alpha', `${API}/statistics/appeals?from=2026-11&to=2026-12`, { token: svc }),
    );
    expect(stats.totals).toMatchObject({ received: 1, closed: 1, closedOnTime: 1, onTimeRate: 1, satisfactionRate: 1, followUpRate: 1, solveRate: 1, avgCloseWorkdays: 5 });
    expect(stats.byUnit.map((u) => u.key)).toContain('市金融局');
  });

  it('objection, re-route, extension, dissatisfied → 重办, escalation', async () => {
    h.setToday('2026-11-26');
    const a = await submit();
    await step(a.id, 'assign', svc, { assignedUnit: '市自然资源局', grade: 'complex' });
    const objected = await step(a.id, 'object', svc, { reason: '属于区级事权' });
    expect(objected).toMatchObject({ status: 'objected', deadline: '2026-11-26' });
    const rerouted = await step(a.id, 'reroute', svc, { assignedUnit: '区自然资源分局' });
    expect(rerouted).toMatchObject({ status: 'assigned', assignedUnit: '区自然资源分局', timeLimitDays: 30 });
    await step(a.id, 'accept', svc);
    const asked = await step(a.id, 'request-extension', svc, { days: 10, reason: '需要省厅批复' });
    expect(asked.extensionPending).toBe(true);
    await step(a.id, 'request-extension', svc, { days: 3, reason: '再次' }, 409);
    const approved = await step(a.id, 'approve-extension', svc, { note: '同意' });
    expect(approved.deadline).toBe('2027-01-21');
    await step(a.id, 'escalate', svc, { to: 'joint_consultation', reason: '跨部门' });
    await step(a.id, 'escalate', svc, { to: 'city_office', reason: '再升级' }, 409);
    await step(a.id, 'report-resolution', svc, { resolution: '已协调', solved: false });
    const redo = await step(a.id, 'rate', ent.token, { rating: 'dissatisfied', comment: '没有解决' });
    expect(redo).toMatchObject({ status: 'in_progress', redoCount: 1, rating: 'dissatisfied' });
    expect(redo.timeline.map((e) => e.kind).slice(-2)).toEqual(['rate', 'redo']);
  });
});

describe('refusals leave rows and the timeline untouched', () => {
  it('a transition not allowed from the current state → 409', async () => {
    const a = await submit();
    const before = await rowCounts(h.db.pglite, TABLES);
    const res = await post(`/appeals/${a.id}/close`, svc, {});
    expect(res.status).toBe(409);
    const p = await body(res);
    expect(p.type).toContain('appeal-transition');
    expect(p.detail).toContain('登记');
    expect(await rowCounts(h.db.pglite, TABLES)).toEqual(before);
  });

  it('an extension asked too late → 422 naming the last day', async () => {
    h.setToday('2026-11-26');
    const a = await submit();
    await step(a.id, 'assign', svc, { assignedUnit: '税务局' });
    await step(a.id, 'accept', svc);
    h.setToday('2026-12-07'); // the deadline itself
    const before = await rowCounts(h.db.pglite, TABLES);
    const res = await post(`/appeals/${a.id}/request-extension`, svc, { days: 5, reason: '来不及' });
    expect(res.status).toBe(422);
    expect((await body(res)).lastDay).toBe('2026-12-04');
    expect(await rowCounts(h.db.pglite, TABLES)).toEqual(before);
    h.setToday('2026-11-26');
  });

  it('a rating from someone other than the enterprise → 403', async () => {
    const a = await submit();
    await step(a.id, 'assign', svc, { assignedUnit: '税务局' });
    await step(a.id, 'accept', svc);
    await step(a.id, 'report-resolution', svc, { resolution: '完成', solved: true });
    const before = await rowCounts(h.db.pglite, TABLES);
    expect((await post(`/appeals/${a.id}/rate`, svc, { rating: 'satisfied' })).status).toBe(403);
    // Another enterprise's user cannot even see it.
    expect((await post(`/appeals/${a.id}/rate`, otherEnterpriseUser.token, { rating: 'satisfied' })).status).toBe(404);
    expect(await rowCounts(h.db.pglite, TABLES)).toEqual(before);
  });

  it('bad input → 400 naming the field; unknown grade → 400', async () => {
    const a = await submit();
    const before = await rowCounts(h.db.pglite, TABLES);
    const res = await post(`/appeals/${a.id}/assign`, svc, { assignedUnit: '' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await body(res))).toContain('assignedUnit');
    expect((await post(`/appeals/${a.id}/assign`, svc, { assignedUnit: '某局', grade: 'Z9' })).status).toBe(400);
    expect((await post(`/appeals/${a.id}/rate`, ent.token, { rating: 'so-so' })).status).toBe(400);
    expect((await post('/appeals', ent.token, { category: 'weather', title: 'x', description: 'y' })).status).toBe(400);
    expect(await rowCounts(h.db.pglite, TABLES)).toEqual(before);
  });

  it('a stale If-Match → 412', async () => {
    const a = await submit();
    const res = await h.call('alpha', `${API}/appeals/${a.id}/assign`, { token: svc, body: { assignedUnit: '某局' }, headers: { 'if-match': '"7"' } });
    expect(res.status).toBe(412);
    expect((await body(res)).currentVersion).toBe(1);
  });
});

describe('who sees what', () => {
  it('an enterprise user sees only their own enterprise’s appeals, and cannot file for another', async () => {
    await submit();
    const mine = await body<{ items: { enterpriseId: string }[] }>(await h.call('alpha', `${API}/appeals`, { token: ent.token }));
    expect(mine.items.length).toBeGreaterThan(0);
    expect(new Set(mine.items.map((i) => i.enterpriseId))).toEqual(new Set([enterpriseId]));
    const theirs = await body<{ items: unknown[] }>(await h.call('alpha', `${API}/appeals`, { token: otherEnterpriseUser.token }));
    expect(theirs.items).toEqual([]);
    const some = mine.items[0] as unknown as { id: string };
    expect((await h.call('alpha', `${API}/appeals/${some.id}`, { token: otherEnterpriseUser.token })).status).toBe(404);
    expect((await post('/appeals', otherEnterpriseUser.token, { enterpriseId, category: 'other', title: 't', description: 'd' })).status).toBe(400);
  });

  it('another tenant’s ids are 404, its host refuses the token, lower roles are 403', async () => {
    const a = await submit();
    expect((await h.call('bravo', `${API}/appeals/${a.id}`, { token: bravoSvc })).status).toBe(404);
    expect((await h.call('bravo', `${API}/appeals/${a.id}/assign`, { token: bravoSvc, body: { assignedUnit: 'x' } })).status).toBe(404);
    expect((await h.call('bravo', `${API}/appeals/${a.id}`, { token: svc })).status).toBe(403);
    const ndrc = await h.token(h.fx.a, 'clerk');
    expect((await h.call('alpha', `${API}/appeals`, { token: ndrc })).status).toBe(403);
    const admin = await h.token(h.fx.a, 'admin');
    expect((await post(`/appeals/${a.id}/assign`, admin, { assignedUnit: 'x' })).status).toBe(403);
    expect((await h.call('alpha', `${API}/appeals`)).status).toBe(401);
    const suspended = await h.token(h.fx.suspended, 'service');
    expect((await h.call('closed', `${API}/appeals`, { token: suspended })).status).toBe(403);
  });

  it('a cadre registers for paired enterprises only', async () => {
    const cadre = await h.token(h.fx.a, 'cadre', { name: '王干部' });
    expect((await post('/appeals', cadre, { enterpriseId, category: 'labour', title: '招工', description: '缺工' })).status).toBe(400);
    const claims = JSON.parse(atob(cadre.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { sub: string };
    expect((await post('/pairings', svc, { enterpriseId, cadreUserId: claims.sub })).status).toBe(201);
    const visit = await body<Json>(await post('/visits', cadre, { enterpriseId, notes: '走访了解用工需求' }));
    const a = await body<Json>(await post('/appeals', cadre, { enterpriseId, category: 'labour', title: '招工', description: '缺工', visitId: visit.id }));
    expect(a).toMatchObject({ source: 'visit', visitId: visit.id });
    expect((await post(`/appeals/${a.id}/assign`, cadre, { assignedUnit: '人社局' })).status).toBe(403);
  });
});

describe('ledger and figures', () => {
  it('exports the ledger as .xlsx', async () => {
    const res = await h.call('alpha', `${API}/appeals/export?state=closed`, { token: svc });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
    const sheet = await readFirstSheet(bytes);
    const text = (c: { v: unknown } | undefined) => String(c?.v ?? '');
    const [header, ...rows] = sheet.rows.map((r) => r.cells.map(text));
    expect(header!.slice(0, 3)).toEqual(['诉求编号', '企业名称', '统一社会信用代码']);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r[header!.indexOf('办理状态')] === '销号')).toBe(true);
  });

  it('idempotent registration with an Idempotency-Key', async () => {
    const payload = { category: 'other', title: '重复提交', description: '同一个键' };
    const headers = { 'idempotency-key': 'appeal-key-0001' };
    const first = await body<Json>(await post('/appeals', ent.token, payload, headers));
    const again = await body<Json>(await post('/appeals', ent.token, payload, headers));
    expect(again.id).toBe(first.id);
  });

  it('figures refuse a month in the future', async () => {
    expect((await h.call('alpha', `${API}/statistics/appeals?to=2030-01`, { token: svc })).status).toBe(400);
  });
});
