import { type DictionaryCode, dataScopeLabels } from '@yingshang/contracts';

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info';

/** `[value, label, tag]`: the value is the stable English code stored in the modules' rows, the label is shown. */
type Entry = readonly [value: string, label: string, tag: TagType];

/**
 * The enumerations every module shows, with labels and Element Plus tag types. Values never change once data
 * uses them; labels and colours may. Order here is display order. States that need attention are warning,
 * failures and breaches danger, finished work success.
 */
const DICTIONARIES = {
  // DOMAIN.md: 谋划 → 洽谈 → 签约 → 开工 → 建设 → 投产 → 达产, never skipped silently.
  project_stage: [
    ['planning', '谋划', 'info'],
    ['negotiating', '洽谈', 'info'],
    ['signed', '签约', 'primary'],
    ['started', '开工', 'primary'],
    ['constructing', '建设', 'warning'],
    ['producing', '投产', 'success'],
    ['at_capacity', '达产', 'success'],
  ],
  project_category: [
    ['advanced_manufacturing', '先进制造业', 'primary'],
    ['emerging_industry', '战略性新兴产业', 'primary'],
    ['digital_infrastructure', '数字经济和新型基础设施', 'primary'],
    ['major_infrastructure', '重大基础设施', 'primary'],
    ['modern_services', '现代服务业', 'primary'],
    ['livelihood', '社会民生', 'primary'],
    ['other', '其他', 'info'],
  ],
  project_level: [
    ['provincial', '省重点', 'danger'],
    ['municipal', '市重点', 'warning'],
    ['district', '区重点', 'primary'],
  ],
  // The main line, then the side paths; a side path is a state the appeal can be in, not only an event.
  appeal_state: [
    ['registered', '登记', 'info'],
    ['assigned', '交办', 'primary'],
    ['in_progress', '办理中', 'primary'],
    ['resolution_reported', '申请办结', 'warning'],
    ['followed_up', '回访评价', 'primary'],
    ['closed', '销号', 'success'],
    ['objected', '异议退回', 'warning'],
    ['extended', '延期', 'warning'],
    ['reopened', '重办', 'warning'],
    ['escalated', '升级', 'danger'],
    ['overdue', '逾期', 'danger'],
  ],
  appeal_category: [
    ['financing', '融资', 'primary'],
    ['labour', '用工', 'primary'],
    ['land', '用地', 'primary'],
    ['approval', '审批', 'primary'],
    ['policy_fulfilment', '政策兑现', 'primary'],
    ['logistics', '物流', 'primary'],
    ['utilities', '水电气暖', 'primary'],
    ['legal', '法律', 'primary'],
    ['other', '其他', 'info'],
  ],
  // Time limits per grade are city configuration (Xuchang: A 30, B 15, C 5 working days), so labels name none.
  appeal_grade: [
    ['a', 'A 级（重大复杂）', 'danger'],
    ['b', 'B 级（较复杂）', 'warning'],
    ['c', 'C 级（一般）', 'primary'],
  ],
  appeal_source: [
    ['enterprise', '企业自主提交', 'primary'],
    ['cadre_visit', '包联干部走访', 'success'],
    ['hotline', '服务热线', 'info'],
  ],
  // The national five levels; 非常满意, 满意 and 基本满意 count as satisfied, 不满意 or worse reopens the appeal.
  satisfaction: [
    ['very_satisfied', '非常满意', 'success'],
    ['satisfied', '满意', 'success'],
    ['basically_satisfied', '基本满意', 'primary'],
    ['dissatisfied', '不满意', 'warning'],
    ['very_dissatisfied', '非常不满意', 'danger'],
  ],
  enterprise_size: [
    ['large', '大型', 'primary'],
    ['medium', '中型', 'success'],
    ['small', '小型', 'warning'],
    ['micro', '微型', 'info'],
  ],
  park_stage: [
    ['planning', '规划', 'info'],
    ['under_construction', '在建', 'warning'],
    ['operating', '运营', 'success'],
  ],
  tenant_status: [
    ['invited', '待开通', 'warning'],
    ['active', '正常', 'success'],
    ['suspended', '已停用', 'danger'],
  ],
  tenant_kind: [
    ['city', '市', 'danger'],
    ['district', '区', 'primary'],
    ['county_city', '县级市', 'primary'],
    ['county', '县', 'primary'],
    ['devzone', '开发区', 'success'],
  ],
  notice_level: [
    ['normal', '普通', 'info'],
    ['important', '重要', 'warning'],
    ['urgent', '紧急', 'danger'],
  ],
  user_status: [
    ['active', '正常', 'success'],
    ['disabled', '已停用', 'danger'],
  ],
  data_scope: [
    ['all', dataScopeLabels.all, 'primary'],
    ['department_tree', dataScopeLabels.department_tree, 'success'],
    ['department', dataScopeLabels.department, 'warning'],
    ['self', dataScopeLabels.self, 'info'],
  ],
} as const satisfies Record<DictionaryCode, readonly Entry[]>;

export interface DictionarySeedRow {
  dictCode: DictionaryCode;
  value: string;
  label: string;
  tagType: TagType;
  sortOrder: number;
}

/** The rows of `identity.dictionary_items`; sort orders step by 10 so an item can be slotted in between later. */
export const dictionaryItems: readonly DictionarySeedRow[] = Object.entries(DICTIONARIES).flatMap(([dictCode, entries]) =>
  (entries as readonly Entry[]).map(([value, label, tagType], index) => ({
    dictCode: dictCode as DictionaryCode,
    value,
    label,
    tagType,
    sortOrder: (index + 1) * 10,
  })),
);
