import { signAccessToken } from '@yingshang/service-kit';
import { TEST_JWT_SECRET, claimsFor, expectProblem, rowCounts, tenantRequest, tokenFor, uuidv7 } from '@yingshang/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IdentityHarness, identityHarness } from './setup.ts';

let h: IdentityHarness;
let city: string;
let alphaClerk: string;
let alphaAdmin: string;
let bravoAdmin: string;
beforeAll(async () => {
  h = await identityHarness();
  [city, alphaClerk, alphaAdmin, bravoAdmin] = await Promise.all([
    tokenFor(h.fx.city),
    tokenFor(h.fx.a, 'clerk'),
    tokenFor(h.fx.a),
    tokenFor(h.fx.b),
  ]);
});
afterAll(() => h.db.close());

const API = '/api/identity/v1/notices';
type Sent = { id: string; title: string; audience: string; targets: { tenantId: string; tenantName: string }[]; publishedAt: string | null; version: number };
type Published = { notice: Sent; delivered: number };
type Received = { id: string; noticeId: string; title: string; body?: string; level: string; read: boolean; readAt: string | null; publisherName: string };
type Page<T> = { items: T[]; nextCursor: string | null };

const call = (slug: string, path: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
  h.fetch(tenantRequest(slug, path, init));
const counts = () => rowCounts(h.db.pglite, ['identity.notices', 'identity.notice_deliveries', 'identity.notice_reads', 'audit.operation_log']);
const fieldsOf = (problem: Record<string, unknown>) => [...new Set((problem.errors as { field: string }[]).map((e) => e.field))];
const publish = async (body: Record<string, unknown>) => {
  const res = await call('city', API, { token: city, body: { title: '测试通知', body: '正文内容', ...body } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Published;
};
const received = async (slug: string, token: string, query = '') =>
  ((await (await call(slug, `${API}${query}`, { token })).json()) as Page<Received>).items;
const unread = async (slug: string, token: string) =>
  ((await (await call(slug, `${API}/unread-count`, { token })).json()) as { count: number }).count;

describe('POST /notices', () => {
  it('publishes to every tenant of the city, the city included, in one transaction', async () => {
    const before = await counts();
    const { notice, delivered } = await publish({ title: '关于优化营商环境的通知', level: 'important', audience: 'all' });
    expect(delivered).toBe(4);
    expect(notice).toMatchObject({ audience: 'all', version: 1 });
    expect(notice.publishedAt).not.toBeNull();
    expect(notice.targets.map((t) => t.tenantId).toSorted()).toEqual([h.fx.city.id, h.fx.a.id, h.fx.b.id, h.fx.suspended.id].toSorted());
    expect(await counts()).toEqual({
      'identity.notices': before['identity.notices']! + 1,
      'identity.notice_deliveries': before['identity.notice_deliveries']! + 4,
      'identity.notice_reads': before['identity.notice_reads'],
      'audit.operation_log': before['audit.operation_log']! + 1,
    });
    const { rows } = await h.db.pglite.query<{ tenant_id: string; action: string }>(
      `select tenant_id, action from audit.operation_log where entity_id = $1`,
      [notice.id],
    );
    expect(rows).toEqual([{ tenant_id: h.fx.city.id, action: 'notice.publish' }]);
  });

  it('publishes to chosen districts only', async () => {
    const { notice, delivered } = await publish({ title: '只发甲区', audience: 'tenants', tenantIds: [h.fx.a.id] });
    expect(delivered).toBe(1);
    expect(notice.targets).toEqual([{ tenantId: h.fx.a.id, tenantName: '甲区' }]);
    expect((await received('alpha', alphaClerk)).map((n) => n.noticeId)).toContain(notice.id);
    expect((await received('bravo', bravoAdmin)).map((n) => n.noticeId)).not.toContain(notice.id);
  });

  it('refuses recipients that are not the city’s districts, naming the position, and writes nothing', async () => {
    const before = await counts();
    const foreign = await expectProblem(
      await call('city', API, { token: city, body: { title: '越界', body: '正文', audience: 'tenants', tenantIds: [h.fx.a.id, uuidv7()] } }),
      400,
    );
    expect(foreign.errors).toEqual([{ field: 'json.tenantIds.1', message: '不是本市的下属单位' }]);
    const self = await expectProblem(
      await call('city', API, { token: city, body: { title: '发给自己', body: '正文', audience: 'tenants', tenantIds: [h.fx.city.id] } }),
      400,
    );
    expect(fieldsOf(self)).toEqual(['json.tenantIds.0']);
    expect(await counts()).toEqual(before);
  });

  it('names every invalid field and writes nothing', async () => {
    const before = await counts();
    const bad = await expectProblem(await call('city', API, { token: city, body: { title: '', body: '', audience: 'some', level: 'loud' } }), 400);
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['json.title', 'json.body', 'json.level', 'json.audience']));
    const none = await expectProblem(await call('city', API, { token: city, body: { title: '没有接收单位', body: '正文', audience: 'tenants' } }), 400);
    expect(fieldsOf(none)).toEqual(['json.tenantIds']);
    const both = await expectProblem(
      await call('city', API, { token: city, body: { title: '全部加指定', body: '正文', audience: 'all', tenantIds: [h.fx.a.id] } }),
      400,
    );
    expect(fieldsOf(both)).toEqual(['json.tenantIds']);
    const repeated = await expectProblem(
      await call('city', API, { token: city, body: { title: '重复单位', body: '正文', audience: 'tenants', tenantIds: [h.fx.a.id, h.fx.a.id] } }),
      400,
    );
    expect(fieldsOf(repeated)).toEqual(['json.tenantIds']);
    expect(await counts()).toEqual(before);
  });

  it('publishes once per Idempotency-Key', async () => {
    const before = await counts();
    const headers = { 'idempotency-key': 'notice-publish-0001' };
    const body = { title: '幂等通知', body: '正文', audience: 'tenants', tenantIds: [h.fx.b.id] };
    const first = (await (await call('city', API, { token: city, body, headers })).json()) as Published;
    const second = await call('city', API, { token: city, body, headers });
    expect(second.status).toBe(201);
    expect(((await second.json()) as Published).notice.id).toBe(first.notice.id);
    expect((await counts())['identity.notice_deliveries']).toBe(before['identity.notice_deliveries']! + 1);
  });

  it('refuses a district, even one whose token claims the permission, and the city’s staff without it', async () => {
    const before = await counts();
    const body = { title: '区级发通知', body: '正文', audience: 'all' };
    await expectProblem(await call('alpha', API, { token: alphaAdmin, body }), 403);
    const forged = await signAccessToken(
      { ...claimsFor(h.fx.a, 'admin'), perms: [...claimsFor(h.fx.a, 'admin').perms, 'admin:notice:publish'] },
      TEST_JWT_SECRET,
    );
    expect((await expectProblem(await call('alpha', API, { token: forged, body }), 403)).detail).toMatch(/市级/);
    await expectProblem(await call('city', API, { token: await tokenFor(h.fx.city, 'clerk'), body }), 403);
    expect(await counts()).toEqual(before);
  });
});

describe('drafts: PATCH /notices/sent/{id} and POST /notices/sent/{id}/publish', () => {
  it('keeps a draft undelivered until it is published, then refuses further changes', async () => {
    const before = await counts();
    const { notice: draft, delivered } = await publish({ title: '草稿', audience: 'all', publish: false });
    expect(delivered).toBe(0);
    expect(draft.publishedAt).toBeNull();
    expect((await counts())['identity.notice_deliveries']).toBe(before['identity.notice_deliveries']);

    const path = `${API}/sent/${draft.id}`;
    const edited = await call('city', path, { method: 'PATCH', token: city, headers: { 'if-match': '1' }, body: { title: '草稿（改）', audience: 'tenants', tenantIds: [h.fx.b.id] } });
    expect(edited.status, await edited.clone().text()).toBe(200);
    expect(await edited.json()).toMatchObject({ title: '草稿（改）', audience: 'tenants', version: 2, targets: [{ tenantId: h.fx.b.id }] });

    await expectProblem(await call('city', `${path}/publish`, { method: 'POST', token: city, headers: { 'if-match': '1' } }), 412);
    await expectProblem(await call('city', `${path}/publish`, { method: 'POST', token: city }), 428);
    const published = await call('city', `${path}/publish`, { method: 'POST', token: city, headers: { 'if-match': '2' } });
    expect(published.status).toBe(200);
    expect(await published.json()).toMatchObject({ delivered: 1, notice: { version: 3 } });
    expect((await received('bravo', bravoAdmin)).map((n) => n.title)).toContain('草稿（改）');

    const again = await expectProblem(await call('city', `${path}/publish`, { method: 'POST', token: city, headers: { 'if-match': '3' } }), 409);
    expect(again.type).toMatch(/notice-published/);
    await expectProblem(await call('city', path, { method: 'PATCH', token: city, headers: { 'if-match': '3' }, body: { title: '发布后再改' } }), 409);
  });

  it('refuses bad edits, naming the field, and changes nothing', async () => {
    const { notice: draft } = await publish({ title: '待改草稿', audience: 'all', publish: false });
    const before = await counts();
    const path = `${API}/sent/${draft.id}`;
    const patch = (body: unknown, version = '1') => call('city', path, { method: 'PATCH', token: city, headers: { 'if-match': version }, body });
    expect(fieldsOf(await expectProblem(await patch({ audience: 'tenants' }), 400))).toEqual(['json.tenantIds']);
    expect(fieldsOf(await expectProblem(await patch({ tenantIds: [uuidv7()] }), 400))).toEqual(['json.tenantIds.0']);
    expect(fieldsOf(await expectProblem(await patch({ title: 'x' }), 400))).toEqual(['json.title']);
    await expectProblem(await patch({ title: '版本过期' }, '4'), 412);
    expect(await counts()).toEqual(before);
  });
});

describe('GET /notices/sent', () => {
  it('lists what the city sent, newest first, drafts and published apart', async () => {
    const all = (await (await call('city', `${API}/sent?limit=100`, { token: city })).json()) as Page<Sent>;
    expect(all.items.length).toBeGreaterThan(0);
    expect(all.items.map((n) => n.id)).toEqual(all.items.map((n) => n.id).toSorted().toReversed());
    const drafts = (await (await call('city', `${API}/sent?state=draft`, { token: city })).json()) as Page<Sent>;
    expect(drafts.items.every((n) => n.publishedAt === null)).toBe(true);
    const one = await call('city', `${API}/sent/${all.items[0]!.id}`, { token: city });
    expect(one.status).toBe(200);
    expect(one.headers.get('etag')).toMatch(/^"\d+"$/);
  });

  it('is the city’s alone: 403 for a district, 404 for a notice id the city does not own', async () => {
    await expectProblem(await call('alpha', `${API}/sent`, { token: alphaAdmin }), 403);
    const delivery = (await received('alpha', alphaAdmin))[0]!;
    await expectProblem(await call('city', `${API}/sent/${delivery.id}`, { token: city }), 404);
    await expectProblem(await call('city', `${API}/sent?state=sent`, { token: city }), 400);
  });
});

describe('GET /notices, /notices/{id}, /notices/unread-count', () => {
  it('tracks read state per user: opening a notice marks it read for that user only', async () => {
    const { notice } = await publish({ title: '已读测试', audience: 'tenants', tenantIds: [h.fx.a.id] });
    const clerkUnread = await unread('alpha', alphaClerk);
    const adminUnread = await unread('alpha', alphaAdmin);
    const copy = (await received('alpha', alphaClerk, '?unread=true')).find((n) => n.noticeId === notice.id)!;
    expect(copy).toMatchObject({ read: false, readAt: null, title: '已读测试', publisherName: expect.stringContaining('测试市') });
    expect(copy).not.toHaveProperty('body');

    const opened = await call('alpha', `${API}/${copy.id}`, { token: alphaClerk });
    expect(opened.status).toBe(200);
    expect(await opened.json()).toMatchObject({ id: copy.id, body: '正文内容', read: true });
    // Opening twice is harmless.
    expect((await call('alpha', `${API}/${copy.id}`, { token: alphaClerk })).status).toBe(200);

    expect(await unread('alpha', alphaClerk)).toBe(clerkUnread - 1);
    expect(await unread('alpha', alphaAdmin)).toBe(adminUnread);
    expect((await received('alpha', alphaClerk, '?unread=false')).map((n) => n.id)).toContain(copy.id);
    expect((await received('alpha', alphaClerk, '?unread=true')).map((n) => n.id)).not.toContain(copy.id);
  });

  it('pages the tenant’s copies by keyset and filters by level', async () => {
    const all = await received('alpha', alphaAdmin, '?limit=100');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const next: Page<Received> = (await (await call('alpha', `${API}?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: alphaAdmin })).json()) as Page<Received>;
      seen.push(...next.items.map((n) => n.id));
      cursor = next.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((n) => n.id));
    expect((await received('alpha', alphaAdmin, '?level=important')).every((n) => n.level === 'important')).toBe(true);
  });

  it('shows the city its own copy of a notice sent to all, not the districts’ copies', async () => {
    const mine = await received('city', city, '?limit=100');
    expect(mine.length).toBeGreaterThan(0);
    const { rows } = await h.db.pglite.query<{ id: string }>(`select id from identity.notice_deliveries where tenant_id = $1`, [h.fx.city.id]);
    expect(mine.map((n) => n.id).toSorted()).toEqual(rows.map((r) => r.id).toSorted());
  });

  it('answers 404 for another tenant’s copy and marks nothing read', async () => {
    const theirs = (await received('bravo', bravoAdmin))[0]!;
    const before = await counts();
    const problem = await expectProblem(await call('alpha', `${API}/${theirs.id}`, { token: alphaClerk }), 404);
    expect(JSON.stringify(problem)).not.toContain(theirs.title);
    expect(await counts()).toEqual(before);
  });

  it('refuses bad queries, naming the field', async () => {
    const problem = await expectProblem(await call('alpha', `${API}?unread=yes&level=loud`, { token: alphaClerk }), 400);
    expect(fieldsOf(problem)).toEqual(expect.arrayContaining(['query.unread', 'query.level']));
    await expectProblem(await call('alpha', `${API}/not-an-id`, { token: alphaClerk }), 400);
  });
});
