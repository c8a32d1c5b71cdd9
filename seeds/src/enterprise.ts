import {
  type AppealCategory,
  type AppealStatus,
  type Certification,
  type CriteriaItem,
  type EnterpriseSize,
  type Satisfaction,
  TIME_LIMIT_PRESETS,
  type TimeLimitSettings,
  USCC_CHARSET,
  type WorkingCalendar,
  criteriaSchema,
  evaluate,
  usccCheckChar,
  workingCalendar,
} from '@yingshang/contracts';
import { schema, uuidv7 } from '@yingshang/db';
import { calendarDays } from './calendar-data.ts';
import { CITY_TENANT, DISTRICT_TENANTS, type TenantSeed } from './tenants-data.ts';

/**
 * Demo 万人助万企 data per district: enterprise files with valid USCCs (check digit computed), parks, cadres'
 * pairings and visits, the `qiye` demo user mapped to the district's first enterprise, appeals in every state of the
 * life cycle (some overdue and escalated, one waiting for an extension, one reopened after a 不满意), and
 * Zhengzhou's first 免申即享 batch (智能车间/智能工厂, 专精特新, 小巨人, 单项冠军) published with its matches. A
 * seeded PRNG per district: the same day gives the same data.
 */

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];
export interface DemoEnterpriseRows {
  readonly timeLimits: Insert<typeof schema.timeLimitSettings>[];
  readonly allowlist: Insert<typeof schema.usccAllowlist>[];
  readonly parks: Insert<typeof schema.parks>[];
  readonly enterprises: Insert<typeof schema.enterprises>[];
  readonly enterpriseUsers: Insert<typeof schema.enterpriseUsers>[];
  readonly pairings: Insert<typeof schema.pairings>[];
  readonly visits: Insert<typeof schema.visits>[];
  readonly appeals: Insert<typeof schema.appeals>[];
  readonly extensions: Insert<typeof schema.appealExtensions>[];
  readonly events: Insert<typeof schema.appealEvents>[];
  readonly policies: Insert<typeof schema.policies>[];
  readonly matches: Insert<typeof schema.policyMatches>[];
}

export interface DemoEnterpriseInput {
  today: string;
  users: readonly { tenantId: string; id?: string; username: string; displayName: string }[];
  tenants?: readonly TenantSeed[];
}

function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
const hash = (text: string) => [...text].reduce((h, ch) => Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0, 2166136261);
const DAY = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** 09:00 Shanghai on that day, plus a few minutes so events of one day keep their order. */
const at = (day: string, minute = 0) => new Date(Date.parse(`${day}T01:00:00Z`) + minute * 60_000);
const money = (wan: number) => wan.toFixed(2);

/** A USCC that passes GB 32100-2015: 9 (市场监管) 1 (企业), the division, a 9-character body, the check digit. */
export function demoUscc(division: string, rng: { int(a: number, b: number): number }): string {
  // 郑东新区 has no statistical code (an internal one with letters): the USCC carries the city's digits.
  let body = `91${division.replace(/\D/g, '').slice(0, 6).padEnd(6, '0')}`;
  while (body.length < 17) body += USCC_CHARSET[rng.int(0, 30)];
  return body + usccCheckChar(body);
}

const COMPANIES: readonly { name: string; industry: string; size: EnterpriseSize; certs: Certification[] }[] = [
  { name: '智能装备制造有限公司', industry: 'C', size: 'medium', certs: ['specialized', 'smart_workshop'] },
  { name: '新材料科技股份有限公司', industry: 'C', size: 'large', certs: ['single_champion', 'high_tech', 'smart_factory'] },
  { name: '精密轴承有限公司', industry: 'C', size: 'medium', certs: ['specialized', 'little_giant'] },
  { name: '食品工业有限公司', industry: 'C', size: 'large', certs: ['smart_factory'] },
  { name: '软件技术有限公司', industry: 'I', size: 'small', certs: ['high_tech', 'tech_sme'] },
  { name: '物流供应链有限公司', industry: 'G', size: 'medium', certs: [] },
  { name: '电子科技有限公司', industry: 'C', size: 'small', certs: ['tech_sme', 'smart_workshop'] },
  { name: '建筑工程有限公司', industry: 'E', size: 'large', certs: [] },
  { name: '生物医药有限公司', industry: 'C', size: 'medium', certs: ['high_tech', 'specialized'] },
  { name: '数据服务有限公司', industry: 'I', size: 'micro', certs: ['tech_sme'] },
  { name: '商贸有限公司', industry: 'F', size: 'small', certs: [] },
  { name: '检验检测技术有限公司', industry: 'M', size: 'small', certs: ['high_tech'] },
];
const PREFIX = ['郑州', '中原', '河南', '豫', '嵩山', '黄河'];

/** 郑州市首批“免申即享”政策 (2022) as criteria data. */
const POLICIES: readonly { title: string; docNumber: string; benefit: string; amount: number | null; criteria: unknown[] }[] = [
  {
    title: '智能车间、智能工厂奖励',
    docNumber: '郑政文〔2022〕126号',
    benefit: '对新认定的省级智能车间、智能工厂分别给予一次性奖励 50 万元、100 万元',
    amount: 50,
    criteria: [{ any: [{ field: 'certifications', op: 'has', value: 'smart_workshop' }, { field: 'certifications', op: 'has', value: 'smart_factory' }] }, { field: 'industry', op: 'in', value: ['C'] }],
  },
  {
    title: '专精特新中小企业奖励',
    docNumber: '郑政文〔2022〕126号',
    benefit: '对首次认定的省级专精特新中小企业给予一次性奖励 30 万元',
    amount: 30,
    criteria: [{ field: 'certifications', op: 'has', value: 'specialized' }, { field: 'size', op: 'not_in', value: ['large'] }],
  },
  {
    title: '专精特新“小巨人”企业奖励',
    docNumber: '郑政文〔2022〕126号',
    benefit: '对新认定的国家级专精特新“小巨人”企业给予一次性奖励 100 万元',
    amount: 100,
    criteria: [{ field: 'certifications', op: 'has', value: 'little_giant' }, { field: 'rdRatio', op: 'gte', value: 3 }],
  },
  {
    title: '制造业单项冠军奖励',
    docNumber: '郑政文〔2022〕126号',
    benefit: '对新认定的国家级制造业单项冠军企业（产品）给予一次性奖励 200 万元',
    amount: 200,
    criteria: [{ field: 'certifications', op: 'has', value: 'single_champion' }, { field: 'aboveThreshold', op: 'is', value: true }, { field: 'declaration', op: 'declared', value: '近三年未发生重大安全、环保、质量事故' }],
  },
];

const APPEAL_TEXTS: readonly { category: AppealCategory; title: string; description: string; unit: string }[] = [
  { category: 'financing', title: '流动资金贷款需求', description: '企业订单增长，需流动资金贷款 800 万元，希望协调银行对接。', unit: '区金融工作局' },
  { category: 'labour', title: '技术工人招聘困难', description: '新生产线投产，缺数控操作工 60 名，希望协助组织专场招聘。', unit: '区人力资源和社会保障局' },
  { category: 'land', title: '扩产用地指标', description: '二期扩产需工业用地约 30 亩，希望协调用地指标。', unit: '区自然资源分局' },
  { category: 'approval', title: '环评审批进度', description: '技改项目环评报告已提交一个月，希望加快审批。', unit: '区生态环境分局' },
  { category: 'policy', title: '研发费用补助兑现', description: '去年申报的研发费用后补助尚未到账。', unit: '区科技局' },
  { category: 'logistics', title: '货车通行证办理', description: '厂区周边限行，原材料运输车辆需办理通行证。', unit: '区交通运输局' },
  { category: 'utilities', title: '专线供电扩容', description: '新增设备用电负荷，需变压器扩容至 2000 千伏安。', unit: '区供电公司' },
  { category: 'legal', title: '合同纠纷法律咨询', description: '与外地客户货款纠纷，希望提供法律服务指导。', unit: '区司法局' },
  { category: 'utilities', title: '天然气管道接入', description: '新建车间需接入天然气管道，报装进度缓慢。', unit: '区城市管理局' },
  { category: 'approval', title: '消防验收', description: '新建厂房已竣工，需尽快组织消防验收。', unit: '区住房和城乡建设局' },
  { category: 'other', title: '厂区周边道路破损', description: '厂区门前道路破损严重，影响货车进出。', unit: '区城市管理局' },
  { category: 'financing', title: '首贷续贷支持', description: '一笔贷款即将到期，希望协调续贷不抽贷。', unit: '区金融工作局' },
  { category: 'labour', title: '稳岗补贴申领', description: '咨询稳岗返还政策，希望指导申领。', unit: '区人力资源和社会保障局' },
  { category: 'policy', title: '高新技术企业认定奖励', description: '去年通过高企认定，奖励资金尚未兑现。', unit: '区科技局' },
];

/** The life-cycle stage each demo appeal is left in, and how. */
type Plan = { status: AppealStatus; overdue?: boolean; escalate?: boolean; extension?: 'pending' | 'approved'; redo?: boolean; late?: boolean; rating?: Satisfaction; ageDays: number };
const PLANS: readonly Plan[] = [
  { status: 'registered', ageDays: 0 },
  { status: 'assigned', ageDays: 1 },
  { status: 'objected', ageDays: 1 },
  { status: 'in_progress', ageDays: 3 },
  { status: 'in_progress', ageDays: 14, overdue: true, escalate: true },
  { status: 'in_progress', ageDays: 10, overdue: true },
  { status: 'in_progress', ageDays: 5, extension: 'pending' },
  { status: 'resolution_reported', ageDays: 6 },
  { status: 'rated', ageDays: 8, rating: 'very_satisfied' },
  { status: 'in_progress', ageDays: 12, redo: true },
  { status: 'closed', ageDays: 20, rating: 'satisfied' },
  { status: 'closed', ageDays: 40, rating: 'basically_satisfied', late: true },
  { status: 'closed', ageDays: 60, rating: 'very_satisfied', extension: 'approved' },
  { status: 'closed', ageDays: 90, rating: 'satisfied' },
];

export function buildDemoEnterprise(input: DemoEnterpriseInput): DemoEnterpriseRows {
  const rows: DemoEnterpriseRows = {
    timeLimits: [], allowlist: [], parks: [], enterprises: [], enterpriseUsers: [], pairings: [], visits: [], appeals: [], extensions: [], events: [], policies: [], matches: [],
  };
  const { today } = input;
  const cal: WorkingCalendar = workingCalendar(calendarDays);
  const workday = (d: string) => (cal.isWorkingDay(d) ? d : cal.addWorkingDays(d, 1));
  const clamp = (d: string) => (d > today ? today : d);

  // Two pilot codes from before the check digit was enforced, on the city's allowlist.
  const pilotRng = prng(hash('uscc-pilots'));
  for (const note of ['2015 年首批试点换照', '2016 年试点换照']) {
    const good = demoUscc(CITY_TENANT.divisionCode, pilotRng);
    const wrong = USCC_CHARSET[(USCC_CHARSET.indexOf(good[17]!) + 1) % 31]!;
    rows.allowlist.push({ tenantId: CITY_TENANT.id, uscc: good.slice(0, 17) + wrong, note });
  }

  for (const tenant of input.tenants ?? DISTRICT_TENANTS) {
    const rng = prng(hash(`${tenant.slug}:enterprise`));
    const user = (name: string) => input.users.find((u) => u.tenantId === tenant.id && u.username === name);
    const ganbu = user('ganbu');
    const yingshang = user('yingshang');
    const qiye = user('qiye');
    // Development zones follow Xuchang's graded limits, the others Jiaozuo's 13710: presets are per-tenant data.
    const limits: TimeLimitSettings = tenant.kind === 'devzone' ? TIME_LIMIT_PRESETS.xuchang_cba : TIME_LIMIT_PRESETS.jiaozuo_13710;
    rows.timeLimits.push({ tenantId: tenant.id, ...limits });

    const parkIds: string[] = [];
    for (const [i, stage] of (['operating', 'constructing'] as const).entries()) {
      const id = uuidv7(Date.parse('2024-03-01T00:00:00Z') + i);
      parkIds.push(id);
      const planned = rng.int(5, 20) * 10_000;
      const built = stage === 'operating' ? planned : Math.round(planned * 0.4);
      rows.parks.push({
        tenantId: tenant.id,
        id,
        name: `${tenant.shortName.replace(/区|市|县$/, '')}${i === 0 ? '科创' : '智造'}小微企业园`,
        address: `${tenant.name}${i === 0 ? '科技大道' : '工业路'} ${rng.int(1, 199)} 号`,
        operator: `${tenant.shortName}产业园运营管理有限公司`,
        plannedArea: money(planned),
        builtArea: money(built),
        occupiedArea: money(stage === 'operating' ? Math.round(built * (0.6 + rng.next() * 0.35)) : 0),
        investment: money(rng.int(8, 40) * 1000),
        stage,
        enterprisesSettled: stage === 'operating' ? rng.int(30, 120) : 0,
      });
    }

    const enterpriseIds: string[] = [];
    const facts: { id: string; name: string; row: Insert<typeof schema.enterprises> }[] = [];
    COMPANIES.forEach((c, i) => {
      const id = uuidv7(Date.parse('2024-01-10T00:00:00Z') + i);
      enterpriseIds.push(id);
      const revenue = c.size === 'large' ? rng.int(100_000, 900_000) : c.size === 'medium' ? rng.int(20_000, 99_000) : c.size === 'small' ? rng.int(2_000, 19_000) : rng.int(100, 1_900);
      const headcount = c.size === 'large' ? rng.int(1000, 5000) : c.size === 'medium' ? rng.int(300, 999) : c.size === 'small' ? rng.int(20, 299) : rng.int(3, 19);
      const row: Insert<typeof schema.enterprises> = {
        tenantId: tenant.id,
        id,
        uscc: demoUscc(tenant.divisionCode, rng),
        name: `${rng.pick(PREFIX)}${tenant.shortName.slice(0, 2)}${c.name}`,
        industry: c.industry,
        size: c.size,
        aboveThreshold: c.size !== 'micro' && revenue >= 2000,
        headcount,
        insuredHeadcount: Math.round(headcount * (0.8 + rng.next() * 0.2)),
        revenue: money(revenue),
        tax: money(Math.round(revenue * (0.02 + rng.next() * 0.04))),
        // One file leaves R&D blank, so a criterion on it falls back to a quick application.
        rdSpending: i === 6 ? null : money(Math.round(revenue * (0.01 + rng.next() * 0.07))),
        certifications: c.certs,
        foundedOn: `${rng.int(2003, 2020)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
        address: `${tenant.name}${rng.pick(['科学大道', '经开第八大街', '商都路', '金水路', '中原西路'])} ${rng.int(1, 300)} 号`,
        parkId: i % 4 === 3 ? parkIds[0]! : null,
        contactName: `${rng.pick(['张', '王', '李', '赵', '刘', '陈'])}${rng.pick(['经理', '总', '主任'])}`,
        contactPhone: `1380371${String(rng.int(0, 9999)).padStart(4, '0')}`,
        registeredOn: addDays(today, -rng.int(120, 400)),
      };
      rows.enterprises.push(row);
      facts.push({ id, name: row.name, row });
    });
    if (qiye?.id) rows.enterpriseUsers.push({ tenantId: tenant.id, userId: qiye.id, enterpriseId: enterpriseIds[0]! });

    const pairStart = addDays(today, -300);
    const pair = (cadre: typeof ganbu, enterpriseId: string, endDate: string | null = null) => {
      if (!cadre?.id) return;
      rows.pairings.push({ tenantId: tenant.id, id: uuidv7(), enterpriseId, cadreUserId: cadre.id, cadreName: cadre.displayName, startDate: pairStart, endDate });
    };
    for (const id of enterpriseIds.slice(0, 5)) pair(ganbu, id);
    for (const id of enterpriseIds.slice(5, 8)) pair(yingshang, id);
    pair(ganbu, enterpriseIds[8]!, addDays(today, -60)); // an ended pairing: the board shows history
    const visitIds: string[] = [];
    for (let v = 0; v < 6; v++) {
      if (!ganbu?.id) break;
      const id = uuidv7();
      visitIds.push(id);
      rows.visits.push({
        tenantId: tenant.id,
        id,
        enterpriseId: enterpriseIds[v % 5]!,
        cadreUserId: ganbu.id,
        cadreName: ganbu.displayName,
        visitedOn: workday(addDays(today, -7 - v * 13)),
        method: v % 3 === 2 ? 'phone' : 'onsite',
        notes: rng.pick(['了解企业生产经营情况，宣讲惠企政策', '走访了解用工、融资需求', '实地查看扩产项目进展，收集企业诉求', '电话回访前期诉求办理情况']),
      });
    }

    // Appeals: each walked through the life cycle, with the timeline that took it there.
    const actorFor = (kind: string) => (kind === 'register' || kind === 'rate' ? { id: qiye?.id ?? null, name: qiye?.displayName ?? '企业用户' } : { id: yingshang?.id ?? null, name: yingshang?.displayName ?? '营商办' });
    PLANS.forEach((plan, n) => {
      const text = APPEAL_TEXTS[n % APPEAL_TEXTS.length]!;
      const enterpriseIndex = n === 7 || n === 0 ? 0 : n % 8;
      const enterpriseId = enterpriseIds[enterpriseIndex]!;
      const fromVisit = n % 5 === 4 && visitIds.length > 0;
      const id = uuidv7();
      const registeredOn = workday(addDays(today, -plan.ageDays)) > today ? cal.addWorkingDays(today, -1) : workday(addDays(today, -plan.ageDays));
      const grade = limits.grades[plan.ageDays >= 60 ? Math.min(1, limits.grades.length - 1) : 0]!;
      const events: { kind: string; from: AppealStatus | null; to: AppealStatus | null; on: string; note?: string; data?: Record<string, unknown> }[] = [];
      const a: Insert<typeof schema.appeals> = {
        tenantId: tenant.id,
        id,
        code: `SQ${registeredOn.slice(0, 4)}-${String(n + 1).padStart(6, '0')}`,
        enterpriseId,
        category: text.category,
        title: text.title,
        description: text.description,
        source: fromVisit ? 'visit' : n % 7 === 3 ? 'hotline' : 'enterprise',
        visitId: null,
        grade: grade.code,
        timeLimitDays: grade.days,
        status: 'registered',
        registeredOn,
        deadline: cal.addWorkingDays(registeredOn, limits.assignDays),
        createdBy: qiye?.id ?? null,
        createdByName: qiye?.displayName ?? null,
      };
      events.push({ kind: 'register', from: null, to: 'registered', on: registeredOn, note: text.title });
      const done = () => {
        rows.appeals.push(a);
        events.forEach((e, i) => {
          const actor = actorFor(e.kind);
          rows.events.push({ tenantId: tenant.id, id: uuidv7(at(e.on, i).getTime()), appealId: id, kind: e.kind, fromStatus: e.from, toStatus: e.to, onDate: e.on, at: at(e.on, i), actorId: e.kind === 'overdue' || e.kind === 'auto_escalate' ? null : actor.id, actorName: e.kind === 'overdue' || e.kind === 'auto_escalate' ? '逾期督办（系统）' : actor.name, note: e.note ?? null, data: e.data ?? null });
        });
      };
      if (plan.status === 'registered') return done();
      const assignedOn = clamp(cal.addWorkingDays(registeredOn, 1) > today ? registeredOn : cal.addWorkingDays(registeredOn, 1));
      Object.assign(a, { status: 'assigned', assignedUnit: text.unit, assignedOn, deadline: cal.addWorkingDays(assignedOn, grade.days), coUnits: n % 3 === 0 ? ['区工业和信息化局'] : [] });
      events.push({ kind: 'assign', from: 'registered', to: 'assigned', on: assignedOn, data: { assignedUnit: text.unit, grade: grade.code, deadline: a.deadline } });
      if (plan.status === 'assigned') return done();
      if (plan.status === 'objected') {
        Object.assign(a, { status: 'objected', deadline: assignedOn });
        events.push({ kind: 'object', from: 'assigned', to: 'objected', on: assignedOn, note: '该事项不属于本单位职责，建议转交区市场监管局' });
        return done();
      }
      const acceptedOn = assignedOn;
      Object.assign(a, { status: 'in_progress', acceptedOn });
      events.push({ kind: 'accept', from: 'assigned', to: 'in_progress', on: acceptedOn });
      const progressOn = clamp(cal.addWorkingDays(acceptedOn, 2));
      events.push({ kind: 'report_progress', from: 'in_progress', to: null, on: progressOn, note: '已与企业对接，正在协调相关部门' });
      if (plan.extension) {
        const requestedOn = clamp(cal.addWorkingDays(a.deadline as string, -2) < progressOn ? progressOn : cal.addWorkingDays(a.deadline as string, -2));
        const ext: Insert<typeof schema.appealExtensions> = { tenantId: tenant.id, id: uuidv7(), appealId: id, days: 5, reason: '需上级部门会签，申请延期 5 个工作日', requestedOn, requestedBy: yingshang?.id ?? null, previousDeadline: a.deadline as string };
        events.push({ kind: 'request_extension', from: 'in_progress', to: null, on: requestedOn, note: ext.reason, data: { days: 5 } });
        if (plan.extension === 'approved') {
          const newDeadline = cal.addWorkingDays(a.deadline as string, 5);
          Object.assign(ext, { status: 'approved', decidedOn: requestedOn, decidedBy: yingshang?.id ?? null, newDeadline });
          a.deadline = newDeadline;
          events.push({ kind: 'approve_extension', from: 'in_progress', to: null, on: requestedOn, data: { days: 5, deadline: newDeadline } });
        } else {
          a.extensionPending = true;
        }
        rows.extensions.push(ext);
      }
      if (plan.overdue) {
        // Past its deadline today (and, to be escalated, past it by the preset's working days).
        const latest = cal.addWorkingDays(today, plan.escalate ? -((limits.escalateAfterDays ?? 3) + 1) : -1);
        if ((a.deadline as string) > latest) a.deadline = latest;
        const since = cal.addWorkingDays(a.deadline as string, 1);
        Object.assign(a, { overdue: true, overdueSince: since });
        events.push({ kind: 'overdue', from: 'in_progress', to: null, on: since, note: `已超过办理时限（${a.deadline}）` });
        if (plan.escalate) {
          const on = clamp(cal.addWorkingDays(a.deadline as string, limits.escalateAfterDays ?? 3));
          Object.assign(a, { escalated: true, escalatedTo: limits.escalateTo });
          events.push({ kind: 'auto_escalate', from: 'in_progress', to: null, on, data: { to: limits.escalateTo } });
        }
      }
      if (plan.status === 'in_progress' && !plan.redo) return done();
      // Resolved on time, or (late) a few working days after the deadline.
      const resolvedOn = clamp(plan.late ? cal.addWorkingDays(a.deadline as string, 2) : cal.addWorkingDays(progressOn, 1) > (a.deadline as string) ? (a.deadline as string) : cal.addWorkingDays(progressOn, 1));
      Object.assign(a, { status: 'resolution_reported', resolvedOn, resolution: '经协调已办结，企业诉求得到解决', solved: n % 6 !== 5 });
      events.push({ kind: 'report_resolution', from: 'in_progress', to: 'resolution_reported', on: resolvedOn, note: a.resolution as string });
      if (plan.redo) {
        Object.assign(a, { status: 'in_progress', rating: 'dissatisfied', ratedOn: resolvedOn, redoCount: 1, resolvedOn: null, resolution: null, solved: null, deadline: cal.addWorkingDays(resolvedOn, grade.days) });
        events.push({ kind: 'rate', from: 'resolution_reported', to: 'in_progress', on: resolvedOn, note: '问题没有真正解决', data: { rating: 'dissatisfied' } });
        events.push({ kind: 'redo', from: 'resolution_reported', to: 'in_progress', on: resolvedOn, data: { redo: 1 } });
        return done();
      }
      if (plan.status === 'resolution_reported') return done();
      const ratedOn = clamp(cal.addWorkingDays(resolvedOn, 1));
      Object.assign(a, { followedUpOn: ratedOn, followUpMethod: n % 2 ? 'call' : 'visit', status: 'rated', rating: plan.rating!, ratedOn });
      events.push({ kind: 'follow_up', from: 'resolution_reported', to: null, on: ratedOn, data: { method: a.followUpMethod } });
      events.push({ kind: 'rate', from: 'resolution_reported', to: 'rated', on: ratedOn, data: { rating: plan.rating } });
      if (plan.status === 'rated') return done();
      const closedOn = clamp(cal.addWorkingDays(ratedOn, 1));
      Object.assign(a, { status: 'closed', closedOn, closedOnTime: resolvedOn <= (a.deadline as string), closeWorkdays: cal.workingDaysBetween(registeredOn, closedOn), overdue: false });
      events.push({ kind: 'close', from: 'rated', to: 'closed', on: closedOn, data: { closedOnTime: a.closedOnTime } });
      done();
    });

    // Zhengzhou's first 免申即享 batch, published a month ago, with its matches; plus one draft being prepared.
    const publishedOn = workday(addDays(today, -30));
    POLICIES.forEach((p, i) => {
      const id = uuidv7(Date.parse(`${publishedOn}T00:00:00Z`) + i);
      const criteria = criteriaSchema.parse(p.criteria) as CriteriaItem[];
      rows.policies.push({ tenantId: tenant.id, id, title: p.title, issuer: '郑州市人民政府', docNumber: p.docNumber, benefit: p.benefit, benefitAmount: p.amount === null ? null : money(p.amount), paymentDeadline: addDays(today, 90), criteria, status: 'published', publishedOn });
      let k = 0;
      for (const f of facts) {
        const evaluation = evaluate(criteria, { division: tenant.divisionCode, industry: f.row.industry, size: f.row.size, aboveThreshold: f.row.aboveThreshold ?? false, certifications: f.row.certifications ?? [], revenue: f.row.revenue ?? null, tax: f.row.tax ?? null, rdSpending: f.row.rdSpending ?? null, headcount: f.row.headcount ?? null, insuredHeadcount: f.row.insuredHeadcount ?? null, foundedOn: f.row.foundedOn ?? null }, publishedOn);
        if (evaluation.verdict === 'ineligible') continue;
        const status = (['paid', 'confirmed', 'notified', 'matched'] as const)[k++ % 4]!;
        const step = (s: number) => workday(addDays(publishedOn, s));
        rows.matches.push({
          tenantId: tenant.id,
          id: uuidv7(),
          policyId: id,
          enterpriseId: f.id,
          mode: evaluation.verdict === 'eligible' ? 'automatic' : 'quick_application',
          status,
          explanation: evaluation,
          amount: p.amount === null ? null : money(p.amount),
          matchedOn: publishedOn,
          notifiedOn: status !== 'matched' ? step(2) : null,
          confirmedOn: status === 'confirmed' || status === 'paid' ? step(6) : null,
          confirmedBy: null,
          paidOn: status === 'paid' ? step(15) : null,
        });
      }
    });
    rows.policies.push({
      tenantId: tenant.id,
      id: uuidv7(),
      title: '规上工业企业研发投入奖励（征求意见稿）',
      issuer: `${tenant.name}人民政府`,
      docNumber: `${tenant.shortName.slice(0, 1)}政〔${today.slice(0, 4)}〕号`,
      benefit: '按上年度研发投入增量的 10% 给予奖励，最高 100 万元',
      benefitAmount: null,
      paymentDeadline: null,
      criteria: [{ field: 'aboveThreshold', op: 'is', value: true }, { field: 'industry', op: 'in', value: ['C'] }, { field: 'rdRatio', op: 'gte', value: 3 }],
      status: 'draft',
    });
  }
  return rows;
}
