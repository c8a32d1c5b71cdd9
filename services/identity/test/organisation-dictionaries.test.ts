import { PROJECT_CATEGORIES, PROJECT_STAGES } from '@yingshang/contracts/projects';
import { DICTIONARY_CODES } from '@yingshang/contracts/organisation';
import { schema } from '@yingshang/db';
import { expectProblem, tenantRequest, tokenFor } from '@yingshang/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The rows the seed writes: the endpoint is tested against the real reference data, not a stand-in.
import { dictionaryItems } from '../../../seeds/src/dictionaries.ts';
import { type IdentityHarness, identityHarness } from './setup.ts';

let h: IdentityHarness;
let clerk: string;
beforeAll(async () => {
  h = await identityHarness();
  await h.db.owner.insert(schema.dictionaryItems).values([...dictionaryItems]);
  await h.db.owner.insert(schema.dictionaryItems).values({ dictCode: 'project_stage', value: 'retired', label: '已停用项', enabled: false });
  clerk = await tokenFor(h.fx.a, 'clerk');
});
afterAll(() => h.db.close());

const API = '/api/identity/v1/dictionaries';
type Item = { value: string; label: string; tagType: string; sortOrder: number };
type Body = { dictionaries: Record<string, Item[]> };
const get = async (query = '', token = clerk) => {
  const res = await h.fetch(tenantRequest('alpha', `${API}${query}`, { token }));
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Body;
};
const byValue = (items: Item[]) => Object.fromEntries(items.map((i) => [i.value, i]));

describe('GET /dictionaries', () => {
  it('returns every dictionary, grouped by code, in display order, to any signed-in user', async () => {
    const { dictionaries } = await get();
    expect(Object.keys(dictionaries).toSorted()).toEqual([...DICTIONARY_CODES].toSorted());
    expect(dictionaries.project_stage!.map((i) => i.label)).toEqual(['谋划', '洽谈', '签约', '开工', '建设', '投产', '达产']);
    expect(dictionaries.satisfaction!.map((i) => i.label)).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
  });

  it('leaves out disabled items', async () => {
    const { dictionaries } = await get('?codes=project_stage');
    expect(dictionaries.project_stage!.map((i) => i.value)).not.toContain('retired');
  });

  it('returns only the codes asked for, and an empty list for a code it does not know', async () => {
    const { dictionaries } = await get('?codes=appeal_state,%20notice_level,no_such_dict');
    expect(Object.keys(dictionaries).toSorted()).toEqual(['appeal_state', 'no_such_dict', 'notice_level']);
    expect(dictionaries.no_such_dict).toEqual([]);
    const states = byValue(dictionaries.appeal_state!);
    expect(states.overdue).toMatchObject({ label: '逾期', tagType: 'danger' });
    expect(states.closed).toMatchObject({ label: '销号', tagType: 'success' });
    expect(Object.values(states).map((s) => s.label)).toEqual([
      '登记', '交办', '办理中', '申请办结', '回访评价', '销号', '异议退回', '延期', '重办', '升级', '逾期',
    ]);
  });

  it('refuses malformed codes, naming the field', async () => {
    const problem = await expectProblem(await h.fetch(tenantRequest('alpha', `${API}?codes=Project-Stage;drop`, { token: clerk })), 400);
    expect((problem.errors as { field: string }[]).map((e) => e.field)).toEqual(['query.codes']);
  });

  it('answers 401 without a token and 403 with another tenant’s token on this host', async () => {
    await expectProblem(await h.fetch(tenantRequest('alpha', API)), 401);
    await expectProblem(await h.fetch(tenantRequest('alpha', API, { token: await tokenFor(h.fx.b) })), 403);
  });
});

describe('the seeded dictionaries', () => {
  it('cover the project, appeal, enterprise, park, tenant, notice, user and scope enumerations', () => {
    const codes = new Set(dictionaryItems.map((i) => i.dictCode));
    expect([...codes].toSorted()).toEqual([...DICTIONARY_CODES].toSorted());
    const labels = (code: string) => dictionaryItems.filter((i) => i.dictCode === code).map((i) => i.label);
    expect(labels('project_category')).toEqual([
      '先进制造业', '战略性新兴产业', '数字经济和新型基础设施', '重大基础设施', '现代服务业', '社会民生', '其他',
    ]);
    expect(labels('project_level')).toEqual(['省重点', '市重点', '区重点']);
    // The projects contract and the dictionary must name stages and categories alike, or tags lose their labels.
    const values = (code: string) => dictionaryItems.filter((i) => i.dictCode === code).map((i) => i.value);
    expect(values('project_stage')).toEqual([...PROJECT_STAGES]);
    expect(values('project_category').toSorted()).toEqual([...PROJECT_CATEGORIES].toSorted());
    expect(labels('appeal_category')).toEqual(['融资', '用工', '用地', '审批', '政策兑现', '物流', '水电气暖', '法律', '其他']);
    expect(labels('enterprise_size')).toEqual(['大型', '中型', '小型', '微型']);
    expect(labels('park_stage')).toEqual(['规划', '在建', '运营']);
  });

  it('use stable English codes for values and Chinese for labels, each value once per dictionary', () => {
    for (const item of dictionaryItems) {
      expect(item.value).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(item.label).toMatch(/[\u4e00-\u9fff]/);
    }
    const keys = dictionaryItems.map((i) => `${i.dictCode}/${i.value}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('use the enum values the identity schema stores', () => {
    const values = (code: string) => dictionaryItems.filter((i) => i.dictCode === code).map((i) => i.value);
    expect(values('tenant_status')).toEqual(schema.tenantStatus.enumValues);
    expect(values('tenant_kind')).toEqual(schema.tenantKind.enumValues);
    expect(values('user_status')).toEqual(schema.userStatus.enumValues);
    expect(values('data_scope')).toEqual(schema.dataScope.enumValues);
    expect(values('notice_level')).toEqual(schema.noticeLevel.enumValues);
  });
});
