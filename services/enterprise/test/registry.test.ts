import { schema } from '@yingshang/db';
import { expectProblem, rowCounts, uuidv7 } from '@yingshang/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type Harness, body, harness, newEnterprise, uscc } from './setup.ts';

type Json = Record<string, unknown> & { id: string; version: number };

let h: Harness;
let svc: string;
const post = (path: string, token: string, payload: unknown, headers?: Record<string, string>) =>
  h.call('alpha', `${API}${path}`, { method: 'POST', token, body: payload, ...(headers ? { headers } : {}) });

beforeAll(async () => {
  h = await harness();
  svc = await h.token(h.fx.a, 'service');
});
afterAll(() => h.db.close());

describe('enterprises (一企一档)', () => {
  it('creates, reads, edits with If-Match', async () => {
    const res = await post('/enterprises', svc, newEnterprise({ name: '郑州宇通智造有限公司' }));
    const e = await body<Json>(res);
    expect(res.status, JSON.stringify(e)).toBe(201);
    expect(e).toMatchObject({ name: '郑州宇通智造有限公司', revenue: '50000.00', rdRatio: 0.061, certifications: ['specialized'], registeredOn: '2026-11-26' });
    expect((await h.call('alpha', `${API}/enterprises/${e.id}`, { method: 'PATCH', token: svc, body: { headcount: 320 } })).status).toBe(428);
    const saved = await body<Json>(await h.call('alpha', `${API}/enterprises/${e.id}`, { method: 'PATCH', token: svc, body: { headcount: 320 }, headers: { 'if-match': '"1"' } }));
    expect(saved).toMatchObject({ headcount: 320, version: 2 });
    expect((await h.call('alpha', `${API}/enterprises/${e.id}`, { method: 'PATCH', token: svc, body: { headcount: 1 }, headers: { 'if-match': '"1"' } })).status).toBe(412);
  });

  it('refuses an invalid USCC, saying which check failed, and writes nothing', async () => {
    const before = await rowCounts(h.db.pglite, ['enterprise.enterprises', 'audit.operation_log']);
    const good = uscc();
    const cases: [string, string][] = [
      [good.slice(0, 17), 'length'],
      [`${good.slice(0, 10)}I${good.slice(11)}`, 'charset'],
      [good.slice(0, 17) + (good[17] === '0' ? '1' : '0'), 'check_digit'],
    ];
    for (const [code, check] of cases) {
      const res = await post('/enterprises', svc, newEnterprise({ uscc: code }));
      expect(res.status).toBe(400);
      const p = await body<{ check: string; errors: { field: string }[] }>(res);
      expect(p.check).toBe(check);
      expect(p.errors[0]!.field).toBe('json.uscc');
    }
    expect(await rowCounts(h.db.pglite, ['enterprise.enterprises', 'audit.operation_log'])).toEqual(before);
  });

  it('admits a pilot code on the city’s allowlist (read by its districts), never another city’s', async () => {
    const good = uscc();
    const pilot = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect((await body(await post('/uscc/check', svc, { uscc: pilot }))).failed).toBe('check_digit');
    await h.db.owner.insert(schema.usccAllowlist).values({ tenantId: h.fx.city.id, uscc: pilot, note: '早期试点' });
    const check = await body<{ valid: boolean; allowlisted: boolean }>(await post('/uscc/check', svc, { uscc: pilot }));
    expect(check).toMatchObject({ valid: true, allowlisted: true });
    const e = await body<{ usccWarnings: string[] }>(await post('/enterprises', svc, newEnterprise({ uscc: pilot })));
    expect(e.usccWarnings.join()).toContain('白名单');
  });

  it('a USCC is unique within a tenant (409), not across tenants', async () => {
    const code = uscc();
    expect((await post('/enterprises', svc, newEnterprise({ uscc: code }))).status).toBe(201);
    const dup = await post('/enterprises', svc, newEnterprise({ uscc: code }));
    expect(dup.status).toBe(409);
    expect(JSON.stringify(await body(dup))).toContain('json.uscc');
    const bravo = await h.token(h.fx.b, 'service');
    expect((await h.call('bravo', `${API}/enterprises`, { token: bravo, body: newEnterprise({ uscc: code }) })).status).toBe(201);
  });

  it('searches, filters and pages with a stable keyset cursor', async () => {
    for (let i = 0; i < 5; i++) await post('/enterprises', svc, newEnterprise({ name: `翻页企业${i}`, size: 'small', certifications: ['little_giant'] }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string; name: string }[]; nextCursor: string | null; total: number } = await body(
        await h.call('alpha', `${API}/enterprises?q=翻页&sort=name&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: svc }),
      );
      expect(page.total).toBe(5);
      seen.push(...page.items.map((i) => i.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['翻页企业0', '翻页企业1', '翻页企业2', '翻页企业3', '翻页企业4']);
    const filtered = await body<{ total: number }>(await h.call('alpha', `${API}/enterprises?certification=little_giant&size=small`, { token: svc }));
    expect(filtered.total).toBe(5);
    expect((await h.call('alpha', `${API}/enterprises?cursor=garbage`, { token: svc })).status).toBe(400);
    expect((await h.call('alpha', `${API}/enterprises?size=huge`, { token: svc })).status).toBe(400);
  });

  it('the one-file view brings pairings, visits, appeals and matches', async () => {
    const e = await body<Json>(await post('/enterprises', svc, newEnterprise()));
    await post('/pairings', svc, { enterpriseId: e.id, cadreUserId: h.fx.a.users.clerk.id });
    await post('/appeals', svc, { enterpriseId: e.id, category: 'land', title: '用地', description: '扩产用地' });
    const file = await body<{ enterprise: { cadres: unknown[] }; pairings: unknown[]; appeals: unknown[] }>(await h.call('alpha', `${API}/enterprises/${e.id}/file`, { token: svc }));
    expect(file.enterprise.cadres).toHaveLength(1);
    expect(file.pairings).toHaveLength(1);
    expect(file.appeals).toHaveLength(1);
  });

  it('isolation: another tenant’s enterprise is 404; an enterprise user sees only theirs; lower roles 403', async () => {
    const e = await body<Json>(await post('/enterprises', svc, newEnterprise()));
    const bravo = await h.token(h.fx.b, 'service');
    expect((await h.call('bravo', `${API}/enterprises/${e.id}`, { token: bravo })).status).toBe(404);
    expect((await h.call('bravo', `${API}/enterprises/${e.id}/file`, { token: bravo })).status).toBe(404);
    expect((await h.call('bravo', `${API}/enterprises/${e.id}`, { method: 'PATCH', token: bravo, body: { headcount: 1 }, headers: { 'if-match': '"1"' } })).status).toBe(404);
    const other = await body<Json>(await post('/enterprises', svc, newEnterprise()));
    const user = await h.enterpriseUser(h.fx.a, e.id);
    expect((await h.call('alpha', `${API}/enterprises/${other.id}`, { token: user.token })).status).toBe(404);
    const mine = await body<{ items: { id: string }[] }>(await h.call('alpha', `${API}/enterprises`, { token: user.token }));
    expect(mine.items.map((i) => i.id)).toEqual([e.id]);
    expect((await post('/enterprises', user.token, newEnterprise())).status).toBe(403);
    const me = await body<{ enterpriseId: string }>(await h.call('alpha', `${API}/me`, { token: user.token }));
    expect(me.enterpriseId).toBe(e.id);
  });
});

describe('pairings and visits', () => {
  it('pairs a cadre, refuses a duplicate, ends the pairing', async () => {
    const e = await body<Json>(await post('/enterprises', svc, newEnterprise()));
    const p = await body<Json>(await post('/pairings', svc, { enterpriseId: e.id, cadreUserId: h.fx.a.users.admin.id }));
    expect(p).toMatchObject({ active: true, startDate: '2026-11-26' });
    expect((await post('/pairings', svc, { enterpriseId: e.id, cadreUserId: h.fx.a.users.admin.id })).status).toBe(409);
    expect((await post(`/pairings/${p.id}/end`, svc, { endDate: '2026-01-01' })).status).toBe(400);
    const ended = await body<Json>(await post(`/pairings/${p.id}/end`, svc, {}));
    expect(ended).toMatchObject({ endDate: '2026-11-26' });
    expect((await post(`/pairings/${p.id}/end`, svc, {})).status).toBe(409);
    const bravo = await h.token(h.fx.b, 'service');
    expect((await h.call('bravo', `${API}/pairings/${p.id}/end`, { token: bravo, body: {} })).status).toBe(404);
    expect((await post('/visits', svc, { enterpriseId: e.id, notes: '走访', visitedOn: '2030-01-01' })).status).toBe(400);
    const v = await body<Json>(await post('/visits', svc, { enterpriseId: e.id, notes: '了解融资需求', method: 'phone' }));
    expect(v).toMatchObject({ method: 'phone', visitedOn: '2026-11-26' });
    const list = await body<{ items: unknown[] }>(await h.call('alpha', `${API}/visits?enterpriseId=${e.id}`, { token: svc }));
    expect(list.items).toHaveLength(1);
  });
});

describe('parks (小微企业园)', () => {
  it('creates with occupancy, refuses occupied > built, edits', async () => {
    const res = await post('/parks', svc, { name: '金水科创小微企业园', plannedArea: '120000', builtArea: '80000', occupiedArea: '60000', investment: '35000', stage: 'operating', enterprisesSettled: 86 });
    const p = await body<Json>(res);
    expect(res.status, JSON.stringify(p)).toBe(201);
    expect(p).toMatchObject({ occupancyRate: 0.75, completionRate: 0.6667 });
    expect((await post('/parks', svc, { name: '坏园区', plannedArea: '100', builtArea: '10', occupiedArea: '20', stage: 'operating' })).status).toBe(400);
    expect((await post('/parks', svc, { name: '金水科创小微企业园', plannedArea: '1', stage: 'planning' })).status).toBe(409);
    const saved = await body<Json>(await h.call('alpha', `${API}/parks/${p.id}`, { method: 'PATCH', token: svc, body: { occupiedArea: '72000' }, headers: { 'if-match': '"1"' } }));
    expect(saved.occupancyRate).toBe(0.9);
    const list = await body<{ totals: { parks: number; occupancyRate: number } }>(await h.call('alpha', `${API}/parks`, { token: svc }));
    expect(list.totals).toMatchObject({ parks: 1, occupancyRate: 0.9 });
    const bravo = await h.token(h.fx.b, 'service');
    expect((await h.call('bravo', `${API}/parks/${p.id}`, { token: bravo })).status).toBe(404);
    const cadre = await h.token(h.fx.a, 'cadre');
    expect((await h.call('alpha', `${API}/parks`, { token: cadre })).status).toBe(403);
  });
});

describe('policies and 免申即享', () => {
  const criteria = [
    { field: 'aboveThreshold', op: 'is', value: true },
    { field: 'certifications', op: 'has', value: 'single_champion' },
    { field: 'rdRatio', op: 'gte', value: 5 },
  ];

  it('refuses a criterion on a field that does not exist, naming it, and writes nothing', async () => {
    const before = await rowCounts(h.db.pglite, ['enterprise.policies']);
    const res = await post('/policies', svc, { title: 't', issuer: '市政府', docNumber: '郑政文〔2022〕126号', benefit: '奖励', criteria: [{ field: 'profit', op: 'gte', value: 1 }] });
    expect(res.status).toBe(400);
    const p = await body<{ errors: { field: string; message: string }[] }>(res);
    expect(p.errors[0]).toMatchObject({ field: 'json.criteria.0.field' });
    expect(p.errors[0]!.message).toContain('profit');
    expect(await rowCounts(h.db.pglite, ['enterprise.policies'])).toEqual(before);
  });

  it('previews who matches and why, publishes, and the enterprise sees and confirms its benefit', async () => {
    const champion = await body<Json>(await post('/enterprises', svc, newEnterprise({ name: '单项冠军企业', certifications: ['single_champion'] })));
    const unknownRd = await body<Json>(await post('/enterprises', svc, newEnterprise({ name: '数据不全企业', certifications: ['single_champion'], rdSpending: null })));
    const preview = await body<{ eligible: number; undecided: number; items: { enterpriseId: string; evaluation: { verdict: string; summary: string } }[] }>(
      await post('/policies/preview', svc, { criteria }),
    );
    expect(preview.eligible).toBe(1);
    expect(preview.undecided).toBe(1);
    expect(preview.items.find((i) => i.enterpriseId === champion.id)!.evaluation.summary).toBe('符合：规上企业 ✓，制造业单项冠军 ✓，研发投入占比 6.1% ≥ 5% ✓');

    const policy = await body<Json>(await post('/policies', svc, { title: '制造业单项冠军奖励', issuer: '郑州市人民政府', docNumber: '郑政文〔2022〕126号', benefit: '一次性奖励 100 万元', benefitAmount: '100', paymentDeadline: '2026-12-31', criteria }));
    expect(policy).toMatchObject({ status: 'draft' });
    const published = await body<{ created: number; automatic: number; quickApplication: number; policy: { status: string } }>(await post(`/policies/${policy.id}/publish`, svc, undefined));
    expect(published).toMatchObject({ created: 2, automatic: 1, quickApplication: 1, policy: { status: 'published' } });
    expect((await post(`/policies/${policy.id}/publish`, svc, undefined)).status).toBe(409);
    expect((await h.call('alpha', `${API}/policies/${policy.id}`, { method: 'PATCH', token: svc, body: { criteria: [] }, headers: { 'if-match': '"2"' } })).status).toBe(409);

    const user = await h.enterpriseUser(h.fx.a, champion.id);
    const mine = await body<{ items: { id: string; mode: string; status: string; evaluation: { verdict: string } }[] }>(await h.call('alpha', `${API}/matches`, { token: user.token }));
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ mode: 'automatic', status: 'matched' });
    const other = await h.enterpriseUser(h.fx.a, unknownRd.id);
    expect((await post(`/matches/${mine.items[0]!.id}/confirm`, other.token, undefined)).status).toBe(404);
    expect((await post(`/matches/${mine.items[0]!.id}/confirm`, svc, undefined)).status).toBe(403);
    expect((await post(`/matches/${mine.items[0]!.id}/advance`, svc, { to: 'paid' })).status).toBe(409);
    const confirmed = await body<Json>(await post(`/matches/${mine.items[0]!.id}/confirm`, user.token, undefined));
    expect(confirmed).toMatchObject({ status: 'confirmed' });
    const paid = await body<Json>(await post(`/matches/${mine.items[0]!.id}/advance`, svc, { to: 'paid' }));
    expect(paid).toMatchObject({ status: 'paid', paidOn: '2026-11-26' });
    // Withdrawn: no longer offered; its matches stay.
    expect((await post(`/policies/${policy.id}/withdraw`, svc, undefined)).status).toBe(200);
    expect((await post(`/policies/${policy.id}/withdraw`, svc, undefined)).status).toBe(409);
    expect((await body<{ items: unknown[] }>(await h.call('alpha', `${API}/matches?policyId=${policy.id}`, { token: svc }))).items).toHaveLength(2);
    // Enterprise users see published policies only.
    const draft = await body<Json>(await post('/policies', svc, { title: '草稿', issuer: 'x', docNumber: 'y', benefit: 'z', criteria: [] }));
    const visible = await body<{ items: { id: string }[] }>(await h.call('alpha', `${API}/policies`, { token: user.token }));
    expect(visible.items.map((p) => p.id)).not.toContain(draft.id);
    expect((await h.call('alpha', `${API}/policies/${draft.id}`, { token: user.token })).status).toBe(404);
    const bravo = await h.token(h.fx.b, 'service');
    expect((await h.call('bravo', `${API}/policies/${policy.id}`, { token: bravo })).status).toBe(404);
    expect((await h.call('bravo', `${API}/matches/${mine.items[0]!.id}/advance`, { token: bravo, body: { to: 'paid' } })).status).toBe(404);
  });
});

describe('time-limit settings', () => {
  it('defaults to Jiaozuo 13710; the tenant admin switches to Xuchang C/B/A and deadlines follow', async () => {
    const d = await body<{ preset: string }>(await h.call('alpha', `${API}/settings/time-limits`, { token: svc }));
    expect(d.preset).toBe('jiaozuo_13710');
    const { TIME_LIMIT_PRESETS } = await import('@yingshang/contracts');
    expect((await h.call('alpha', `${API}/settings/time-limits`, { method: 'PUT', token: svc, body: TIME_LIMIT_PRESETS.xuchang_cba })).status).toBe(403);
    const admin = await h.token(h.fx.b, 'admin');
    expect((await h.call('bravo', `${API}/settings/time-limits`, { method: 'PUT', token: admin, body: TIME_LIMIT_PRESETS.xuchang_cba })).status).toBe(200);
    const bravo = await h.token(h.fx.b, 'service');
    const e = await body<Json>(await h.call('bravo', `${API}/enterprises`, { token: bravo, body: newEnterprise() }));
    const a = await body<Json>(await h.call('bravo', `${API}/appeals`, { token: bravo, body: { enterpriseId: e.id, category: 'approval', title: '审批', description: '环评' } }));
    expect(a.grade).toBe('C');
    const assigned = await body<Json>(await h.call('bravo', `${API}/appeals/${a.id}/assign`, { token: bravo, body: { assignedUnit: '环保局', grade: 'B' } }));
    expect(assigned).toMatchObject({ timeLimitDays: 15, deadline: '2026-12-17' });
    // alpha keeps its own.
    expect((await body<{ preset: string }>(await h.call('alpha', `${API}/settings/time-limits`, { token: svc }))).preset).toBe('jiaozuo_13710');
  });
});

describe('pickers', () => {
  it('lists the tenant’s departments and pairings, never another tenant’s', async () => {
    const depts = await body<{ items: { name: string; depth: number }[] }>(await h.call('alpha', `${API}/departments`, { token: svc }));
    expect(depts.items.map((d) => d.name)).toEqual(['办公室']);
    const pairings = await body<{ items: { cadreName: string }[] }>(await h.call('alpha', `${API}/pairings?active=true`, { token: svc }));
    expect(pairings.items.length).toBeGreaterThan(0);
    const bravo = await h.token(h.fx.b, 'service');
    expect((await body<{ items: unknown[] }>(await h.call('bravo', `${API}/pairings`, { token: bravo }))).items).toEqual([]);
    const ndrc = await h.token(h.fx.a, 'clerk');
    expect((await h.call('alpha', `${API}/departments`, { token: ndrc })).status).toBe(403);
  });

  it('offers the tenant’s own staff as cadres, by name, and pairs only someone who exists there', async () => {
    const cadres = await body<{ items: { id: string; displayName: string; departmentName: string | null }[] }>(
      await h.call('alpha', `${API}/cadres?q=${encodeURIComponent('专员')}`, { token: svc }),
    );
    expect(cadres.items).toEqual([{ id: h.fx.a.users.clerk.id, displayName: `${h.fx.a.name}专员`, departmentId: expect.any(String), departmentName: '办公室' }]);
    // An enterprise's own account belongs to its enterprise, not to a department: never offered as a cadre.
    const [role] = await h.db.owner.select({ id: schema.roles.id }).from(schema.roles).where(eq(schema.roles.tenantId, h.fx.a.id)).limit(1);
    const companyUser = uuidv7();
    await h.db.owner.insert(schema.users).values({ tenantId: h.fx.a.id, id: companyUser, username: 'company-account', displayName: '企业联系人', passwordHash: 'x', roleId: role!.id });
    const all = await body<{ items: { id: string }[] }>(await h.call('alpha', `${API}/cadres`, { token: svc }));
    expect(all.items.map((c) => c.id)).toEqual(expect.arrayContaining([h.fx.a.users.admin.id, h.fx.a.users.clerk.id]));
    expect(all.items.map((c) => c.id)).not.toContain(companyUser);
    expect(all.items.map((c) => c.id)).not.toContain(h.fx.b.users.admin.id);
    const e = await body<Json>(await post('/enterprises', svc, newEnterprise()));
    // bravo's admin is a real user — of another tenant: not a cadre here, and nothing is written.
    const before = await body<{ items: unknown[] }>(await h.call('alpha', `${API}/pairings?enterpriseId=${e.id}`, { token: svc }));
    const refused = await post('/pairings', svc, { enterpriseId: e.id, cadreUserId: h.fx.b.users.admin.id });
    const problem = await expectProblem(refused, 400);
    expect(problem.errors).toEqual([{ field: 'json.cadreUserId', message: '包联干部不存在或已停用' }]);
    expect(await body<{ items: unknown[] }>(await h.call('alpha', `${API}/pairings?enterpriseId=${e.id}`, { token: svc }))).toEqual(before);
    const p = await body<{ cadreName: string }>(await post('/pairings', svc, { enterpriseId: e.id, cadreUserId: h.fx.a.users.clerk.id }));
    expect(p.cadreName).toBe(`${h.fx.a.name}专员`);
  });
});

describe('deleting an enterprise file', () => {
  it('deletes one registered by mistake; refuses one with history, a stale version, another tenant', async () => {
    const e = await body<Json>(await post('/enterprises', svc, newEnterprise()));
    const bravo = await h.token(h.fx.b, 'service');
    expect((await h.call('bravo', `${API}/enterprises/${e.id}`, { method: 'DELETE', token: bravo, headers: { 'if-match': '"1"' } })).status).toBe(404);
    expect((await h.call('alpha', `${API}/enterprises/${e.id}`, { method: 'DELETE', token: svc })).status).toBe(428);
    expect((await h.call('alpha', `${API}/enterprises/${e.id}`, { method: 'DELETE', token: svc, headers: { 'if-match': '"5"' } })).status).toBe(412);
    expect((await h.call('alpha', `${API}/enterprises/${e.id}`, { method: 'DELETE', token: svc, headers: { 'if-match': '"1"' } })).status).toBe(200);
    expect((await h.call('alpha', `${API}/enterprises/${e.id}`, { token: svc })).status).toBe(404);
    const used = await body<Json>(await post('/enterprises', svc, newEnterprise()));
    await post('/appeals', svc, { enterpriseId: used.id, category: 'other', title: 't', description: 'd' });
    const refused = await h.call('alpha', `${API}/enterprises/${used.id}`, { method: 'DELETE', token: svc, headers: { 'if-match': '"1"' } });
    expect(refused.status).toBe(409);
    expect((await body(refused)).type).toContain('enterprise-in-use');
  });
});
