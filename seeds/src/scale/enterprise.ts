import { type BaseTenant, TableChunk, childCounts } from './plan.ts';
import { type Rng, addDays, dayMs, money, rng } from './rng.ts';

export interface EnterpriseInput {
  seed: number;
  tenant: BaseTenant;
  tenantIndex: number;
  today: string;
  enterprises: number;
  appeals: number;
  events: number;
  policies: number;
}

const INDUSTRIES = 'CCCCCCFGIKLMEDA'.split('');
const SIZES = ['micro', 'micro', 'small', 'small', 'small', 'medium', 'large'] as const;
const CERTS = ['specialized', 'high_tech', 'tech_sme', 'little_giant', 'smart_workshop'] as const;
const WORDS = ['华', '中', '豫', '兴', '达', '源', '创', '金', '瑞', '康', '宏', '泰', '联', '新', '盛', '恒'];
const TRADES = ['科技', '机械', '食品', '电子', '新材料', '物流', '医药', '建材', '信息', '汽车配件'];
const CATEGORIES = ['financing', 'labour', 'land', 'approval', 'policy', 'logistics', 'utilities', 'legal', 'other'] as const;
const TITLES: Record<(typeof CATEGORIES)[number], string> = {
  financing: '申请贴息贷款支持',
  labour: '招工用工困难',
  land: '项目用地指标落实',
  approval: '施工许可办理缓慢',
  policy: '研发费用加计扣除政策咨询',
  logistics: '厂区周边道路通行受限',
  utilities: '用电增容申请',
  legal: '合同纠纷法律咨询',
  other: '人才公寓申请',
};
const UNITS = ['区工业和信息化局', '区人力资源和社会保障局', '区自然资源局', '区住房和城乡建设局', '区金融工作局', '区供电公司'];
const RATINGS = ['very_satisfied', 'very_satisfied', 'satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied'] as const;
/** Status by how many timeline events an appeal has had (register, assign, accept, report_resolution, rate, close). */
const PATH = ['registered', 'assigned', 'in_progress', 'resolution_reported', 'rated', 'closed'] as const;
const KIND_OF = ['register', 'assign', 'accept', 'report_resolution', 'rate', 'close'] as const;

/** Enterprises, appeals with timelines whose events agree with each appeal's status, and published policies. */
export function enterpriseChunks(input: EnterpriseInput): TableChunk[] {
  const { tenant, today } = input;
  const r: Rng = rng(input.seed, `enterprise:${tenant.slug}`);
  const T = tenant.id;
  const staff = tenant.users.yingshang ?? Object.values(tenant.users)[0] ?? { id: null, name: '营商办' };
  const dept = tenant.departments.gxj ?? tenant.departments.ysb ?? null;
  const t2 = String(input.tenantIndex + 1).padStart(2, '0');

  const enterprises = new TableChunk('enterprise.enterprises', [
    'tenant_id', 'id', 'uscc', 'name', 'industry', 'size', 'above_threshold', 'headcount', 'insured_headcount', 'revenue', 'tax',
    'rd_spending', 'certifications', 'founded_on', 'address', 'contact_name', 'contact_phone', 'registered_on', 'created_by', 'version',
    'created_at', 'updated_at',
  ]);
  const ids: string[] = [];
  for (let i = 0; i < input.enterprises; i++) {
    const registered = addDays(today, -r.int(400, 1500));
    const id = r.uuidv7(dayMs(registered) + 3_600_000);
    ids.push(id);
    const size = r.pick(SIZES);
    const head = size === 'large' ? r.int(1000, 8000) : size === 'medium' ? r.int(300, 999) : size === 'small' ? r.int(20, 299) : r.int(1, 19);
    const revenue = head * r.int(30, 120) * 100;
    const at = new Date(dayMs(registered) + 3_600_000).toISOString();
    enterprises.push([
      T, id, `91410${t2}S${String(i + 1).padStart(10, '0')}`, `${tenant.slug === 'zhongyuan' ? '郑州' : '河南'}${r.pick(WORDS)}${r.pick(WORDS)}${r.pick(TRADES)}有限公司（${i + 1}）`,
      r.pick(INDUSTRIES), size, size === 'large' || size === 'medium' || r.chance(0.2), head, Math.floor(head * 0.9), money(revenue), money(Math.floor(revenue * 0.05)),
      money(Math.floor(revenue * 0.03)), r.chance(0.15) ? [r.pick(CERTS)] : [], addDays(registered, -r.int(100, 5000)), `${tenant.slug} 产业园 ${r.int(1, 300)} 号`,
      `${r.pick(['王', '李', '张', '刘', '陈'])}经理`, `1380371${String(r.int(0, 9999)).padStart(4, '0')}`, registered, staff.id, 1, at, at,
    ]);
  }

  const appeals = new TableChunk('enterprise.appeals', [
    'tenant_id', 'id', 'code', 'enterprise_id', 'category', 'title', 'description', 'source', 'grade', 'time_limit_days', 'status', 'registered_on',
    'assigned_department_id', 'assigned_unit', 'assigned_on', 'deadline', 'accepted_on', 'resolved_on', 'resolution', 'rating', 'rated_on',
    'closed_on', 'solved', 'closed_on_time', 'close_workdays', 'overdue', 'overdue_since', 'created_by', 'created_by_name', 'version', 'created_at', 'updated_at',
  ]);
  const events = new TableChunk('enterprise.appeal_events', ['tenant_id', 'id', 'appeal_id', 'kind', 'from_status', 'to_status', 'on_date', 'at', 'actor_id', 'actor_name', 'note', 'data']);
  const counts = childCounts(input.events, input.appeals, 1, 12, r.next);
  for (let i = 0; i < input.appeals; i++) {
    const k = counts[i]!;
    // Six steps at most; events beyond the status's own steps are progress reports while it is being handled.
    const steps = k <= 2 ? k : k >= 6 ? (r.chance(0.75) ? 6 : r.int(3, 5)) : r.int(3, k);
    const status = PATH[steps - 1]!;
    const progressNotes = k - steps;
    const open = steps < 5;
    const complex = r.chance(0.3);
    const days = complex ? 30 : 7;
    // Days from registration to the resolution; every step of the timeline lies between registration and today.
    const toResolution = 3 + progressNotes * 2 + r.int(0, complex ? 20 : 5);
    const span = toResolution + 5;
    const registered = addDays(today, -(open ? r.int(span, span + 40) : r.int(span, 1095)));
    const deadline = addDays(registered, Math.round(days * 1.4) + 1);
    const assigned = steps >= 2 ? addDays(registered, 1) : null;
    const accepted = steps >= 3 ? addDays(registered, 2) : null;
    const resolved = steps >= 4 ? addDays(registered, toResolution) : null;
    const rated = steps >= 5 ? addDays(resolved!, 2) : null;
    const closed = steps >= 6 ? addDays(rated!, 1) : null;
    const category = r.pick(CATEGORIES);
    const id = r.uuidv7(dayMs(registered) + 3_600_000 + r.int(0, 3_600_000));
    const overdue = open && deadline < today;
    const last = closed ?? rated ?? resolved ?? accepted ?? assigned ?? registered;
    const unit = r.pick(UNITS);
    appeals.push([
      T, id, `SA${t2}-${String(i + 1).padStart(7, '0')}`, ids[r.int(0, ids.length - 1)]!, category, TITLES[category], `${TITLES[category]}，请相关部门协调解决。`,
      r.pick(['enterprise', 'visit', 'hotline']), complex ? 'complex' : 'general', days, status, registered, assigned ? dept : null, assigned ? unit : null, assigned, deadline,
      accepted, resolved, resolved ? '已协调相关部门办理完毕' : null, rated ? r.pick(RATINGS) : null, rated, closed, closed ? r.chance(0.92) : null,
      closed ? closed <= deadline : null, closed ? Math.min(300, Math.round(((dayMs(closed) - dayMs(registered)) / 86_400_000) * 0.7)) : null,
      overdue, overdue ? addDays(deadline, 1) : null, staff.id, staff.name, 1 + steps + progressNotes, new Date(dayMs(registered) + 3_600_000).toISOString(),
      new Date(dayMs(last) + 3_600_000).toISOString(),
    ]);
    const dates = [registered, assigned, accepted, resolved, rated, closed];
    let previous: string | null = null;
    const push = (kind: string, to: string | null, day: string, note: string | null, data: unknown) => {
      const ms = dayMs(day) + 3_600_000 + r.int(0, 28_800_000);
      events.push([T, r.uuidv7(ms), id, kind, previous, to, day, new Date(ms).toISOString(), staff.id, staff.name, note, data === null ? null : { json: data }]);
      if (to) previous = to;
    };
    for (let s = 0; s < steps; s++) {
      const kind = KIND_OF[s]!;
      push(kind, PATH[s]!, dates[s]!, null, kind === 'assign' ? { assignedUnit: unit, grade: complex ? 'complex' : 'general', timeLimitDays: days, deadline } : null);
      // Progress reports come after acceptance and before the resolution.
      if (s === 2) for (let p = 0; p < progressNotes; p++) push('report_progress', null, addDays(accepted!, 1 + p * 2), '正在协调办理', null);
    }
  }

  const policies = new TableChunk('enterprise.policies', [
    'tenant_id', 'id', 'title', 'issuer', 'doc_number', 'benefit', 'benefit_amount', 'payment_deadline', 'criteria', 'status', 'published_on', 'created_by', 'version', 'created_at', 'updated_at',
  ]);
  for (let i = 0; i < input.policies; i++) {
    const published = addDays(today, -r.int(10, 1000));
    const at = new Date(dayMs(published) + 3_600_000).toISOString();
    const state = r.chance(0.9) ? 'published' : 'draft';
    policies.push([
      T, r.uuidv7(dayMs(published) + 3_600_000), `${r.pick(['规上工业企业', '专精特新企业', '高新技术企业', '小微企业'])}${r.pick(['奖补', '贴息', '稳岗补贴', '研发补助'])}政策（${i + 1}）`,
      r.pick(['区工业和信息化局', '区财政局', '区科技局']), `${tenant.slug}政〔${published.slice(0, 4)}〕${i + 1}号`, '符合条件的企业给予一次性奖励',
      money(r.int(10, 500) * 100), addDays(published, 365), { json: [{ field: 'aboveThreshold', op: 'is', value: true }] },
      state, state === 'published' ? published : null, staff.id, 1, at, at,
    ]);
  }
  return [enterprises, appeals, events, policies];
}
