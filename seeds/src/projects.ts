import { PROJECT_STAGES, type ProjectCategory, type ProjectStage, type Strategy } from '@yingshang/contracts';
import { schema, uuidv7 } from '@yingshang/db';
import { DISTRICT_TENANTS, type TenantSeed } from './tenants-data.ts';

/**
 * Demo 三个一批 ledgers: for each district 20–40 projects across categories and stages, 1 亿 to 100 亿 each
 * (10,000–1,000,000 万元), stage histories that agree with the stage, batches like `2025Q2 开工`, monthly reports
 * for the last 18 months up to the reporting month (some projects lagging 序时进度, some not yet reported for the
 * latest month), and blockers. A seeded PRNG per district: the same day gives the same ledger.
 */

export interface DemoProjectRows {
  readonly projects: (typeof schema.projectsTable.$inferInsert)[];
  readonly annualPlans: (typeof schema.annualPlans.$inferInsert)[];
  readonly stageHistory: (typeof schema.stageHistory.$inferInsert)[];
  readonly reports: (typeof schema.investmentReports.$inferInsert)[];
  readonly blockers: (typeof schema.blockers.$inferInsert)[];
  readonly blockerNotes: (typeof schema.blockerNotes.$inferInsert)[];
}

/** mulberry32: small, fast and good enough for demo data. */
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
type Rng = ReturnType<typeof prng>;

const hash = (text: string) => [...text].reduce((h, ch) => Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0, 2166136261);

// Dates as `YYYY-MM-DD`, through UTC so no host time zone moves a day.
const DAY = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const addMonths = (month: string, n: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + m - 1 + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
};
const quarterOf = (day: string) => `${day.slice(0, 4)}Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
const yuan = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
const min = (a: string, b: string) => (a < b ? a : b);

interface CategoryPlan {
  readonly category: ProjectCategory;
  readonly weight: number;
  readonly names: readonly (readonly [string, string])[];
  readonly strategies: readonly Strategy[];
  readonly owners: readonly string[];
  readonly scale: readonly string[];
  readonly capacity: readonly string[];
}

/** [project name, industry] per category, with owners and contents that read like a real ledger. */
const CATEGORIES: readonly CategoryPlan[] = [
  {
    category: 'advanced_manufacturing',
    weight: 26,
    names: [
      ['年产 20 万套新能源汽车零部件项目', '汽车及零部件'],
      ['高端数控机床生产基地项目', '装备制造'],
      ['智能农机装备产业园项目', '装备制造'],
      ['年产 5000 台工业机器人项目', '装备制造'],
      ['精密轴承智能制造项目', '装备制造'],
      ['绿色食品精深加工产业园项目', '食品加工'],
      ['超硬材料制品扩能项目', '新材料'],
      ['铝精深加工产业园项目', '有色金属'],
      ['电子信息终端产品制造基地', '电子信息'],
      ['年产 10 万吨高性能耐火材料项目', '新材料'],
    ],
    strategies: ['advantage_rebuild', 'digital_transformation', 'green_low_carbon'],
    owners: ['机械制造有限公司', '智能装备股份有限公司', '汽车零部件有限公司', '食品有限公司', '新材料科技有限公司', '精工科技有限公司'],
    scale: ['新建标准化厂房 6 万平方米，购置智能化生产线 8 条', '新建生产车间、仓储及研发楼 9 万平方米，配套建设智能仓储系统', '改造现有厂房 3 万平方米，新增自动化生产设备 260 台（套）'],
    capacity: ['达产后年产值 18 亿元', '达产后年产值 35 亿元、税收 2 亿元', '新增产能 5 万台（套）/年'],
  },
  {
    category: 'emerging_industry',
    weight: 20,
    names: [
      ['新型显示模组产业园项目', '新型显示'],
      ['生物医药创新产业园项目', '生物医药'],
      ['氢燃料电池系统生产基地', '氢能'],
      ['锂离子电池正极材料项目', '新能源'],
      ['半导体封装测试基地项目', '集成电路'],
      ['医疗器械产业园项目', '生物医药'],
      ['储能电池系统集成项目', '新能源'],
      ['光伏组件智能工厂项目', '新能源'],
    ],
    strategies: ['innovation', 'lane_change', 'green_low_carbon'],
    owners: ['新能源科技有限公司', '生物医药股份有限公司', '光电科技有限公司', '半导体有限公司', '氢能科技有限公司'],
    scale: ['建设洁净厂房 4 万平方米、研发中心 1.2 万平方米，引进全自动生产线', '建设 GMP 标准车间及配套检测中心，总建筑面积 7 万平方米'],
    capacity: ['达产后年产值 50 亿元', '年产 2 GWh', '年产模组 1200 万片'],
  },
  {
    category: 'digital_infrastructure',
    weight: 12,
    names: [
      ['城市算力中心项目', '数字经济'],
      ['5G 网络及千兆光网建设项目', '信息通信'],
      ['工业互联网标识解析二级节点项目', '数字经济'],
      ['智慧城市运营管理中心项目', '数字经济'],
      ['大数据产业园二期项目', '数字经济'],
      ['数据中心（IDC）项目', '数字经济'],
    ],
    strategies: ['digital_transformation', 'innovation'],
    owners: ['数据科技有限公司', '信息技术有限公司', '云计算有限公司'],
    scale: ['新建机房楼 3 栋，部署标准机柜 6000 架', '新建 5G 基站 800 个，改造城域网核心节点', '建设城市运营中心及配套数据平台'],
    capacity: ['新增算力 500 PFlops', '新增标准机柜 6000 架', '覆盖全区重点园区'],
  },
  {
    category: 'major_infrastructure',
    weight: 14,
    names: [
      ['快速路提升改造工程', '交通运输'],
      ['污水处理厂及配套管网工程', '水务环保'],
      ['城市综合管廊工程', '市政公用'],
      ['220 千伏输变电工程', '能源电力'],
      ['集中供热管网改造工程', '市政公用'],
      ['黄河流域生态保护治理工程', '生态环保'],
      ['城市主干道路网建设工程', '交通运输'],
    ],
    strategies: ['new_urbanization', 'green_low_carbon'],
    owners: ['城市建设投资有限公司', '城市发展集团有限公司', '供电公司', '水务集团有限公司'],
    scale: ['新建道路 6.8 公里，含桥梁 2 座及配套管网', '新建日处理能力 10 万吨污水处理厂一座及配套管网 35 公里', '建设综合管廊 8.5 公里'],
    capacity: ['日处理污水 10 万吨', '新增变电容量 48 万千伏安', '通车里程 6.8 公里'],
  },
  {
    category: 'modern_services',
    weight: 14,
    names: [
      ['国际冷链物流园项目', '现代物流'],
      ['商业综合体项目', '商贸服务'],
      ['总部经济大厦项目', '商务服务'],
      ['跨境电商产业园项目', '电子商务'],
      ['文旅融合街区项目', '文化旅游'],
      ['航空物流分拨中心项目', '现代物流'],
    ],
    strategies: ['institutional_opening', 'culture_tourism', 'digital_transformation'],
    owners: ['物流有限公司', '置业有限公司', '文化旅游发展有限公司', '供应链管理有限公司'],
    scale: ['建设冷库 12 万吨及配套分拣中心', '总建筑面积 22 万平方米，含商业、办公及配套', '建设仓储及分拨设施 8 万平方米'],
    capacity: ['年吞吐量 80 万吨', '可入驻企业 300 家', '年接待游客 300 万人次'],
  },
  {
    category: 'livelihood',
    weight: 10,
    names: [
      ['人民医院新院区建设项目', '卫生健康'],
      ['九年一贯制学校建设项目', '教育'],
      ['保障性租赁住房项目', '住房保障'],
      ['老旧小区改造项目', '城市更新'],
      ['养老服务中心项目', '养老服务'],
      ['全民健身中心项目', '文体'],
    ],
    strategies: ['new_urbanization', 'rural_revitalization'],
    owners: ['卫生健康委员会', '教育局', '城市更新投资有限公司', '住房保障中心'],
    scale: ['新建门诊医技楼、住院楼，总建筑面积 15 万平方米，床位 1200 张', '新建教学楼、综合楼及运动场，可容纳 72 个班', '改造老旧小区 46 个，惠及居民 1.2 万户'],
    capacity: ['新增床位 1200 张', '新增学位 3240 个', '新增房源 2800 套'],
  },
  {
    category: 'other',
    weight: 4,
    names: [
      ['农业产业化示范园项目', '现代农业'],
      ['高标准农田建设项目', '现代农业'],
    ],
    strategies: ['rural_revitalization', 'deepening_reform'],
    owners: ['农业发展有限公司', '农业农村局'],
    scale: ['建设高标准农田 3 万亩及配套水利设施', '建设农产品加工及冷链仓储设施'],
    capacity: ['新增粮食产能 1500 万斤', '带动农户 3000 户'],
  },
];

const OWNER_PREFIX = ['河南', '郑州', '中原', '豫', '黄河', '嵩山', '中州', '华豫'];
const SOURCES = ['长三角', '粤港澳大湾区', '京津冀', '北京', '上海', '深圳', '浙江', '江苏', '香港', '新加坡'];
const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓'];
const GIVEN = ['建华', '卫国', '志刚', '红梅', '立军', '海波', '秀兰', '永明', '国庆', '文军', '晓峰', '春燕'];
const PROGRESS: Readonly<Record<string, readonly string[]>> = {
  started: ['完成场地平整及临时设施搭建', '桩基施工完成 60%', '土方开挖完成，开始基础施工'],
  constructing: ['主体结构施工至第 {n} 层', '主体结构封顶，开始二次结构及机电安装', '钢结构吊装完成 {p}%', '设备基础施工完成，生产线设备陆续进场', '道路路基施工完成 {p}%，管网同步推进'],
  producing: ['生产线调试完成，试生产运行正常', '一期投产，二期设备安装中', '产能逐步释放，已达设计产能 {p}%'],
  at_capacity: ['已全面达产，运行平稳', '达产运营，配套项目同步推进'],
};
const PROBLEMS = ['受用地指标影响，部分地块尚未供地', '施工用电增容尚未完成', '融资到位滞后，影响施工进度', '环评批复待办理', '征迁工作尚未完成', '受雨季影响，土方工程延误'];
const BLOCKERS: readonly (readonly [string, string, string])[] = [
  ['项目用地指标未落实', '用地', '区自然资源局'],
  ['施工用电增容审批滞后', '要素保障', '区供电公司'],
  ['项目贷款审批进度慢', '资金', '区金融工作局'],
  ['地块内管线迁改未完成', '征迁', '区住房和城乡建设局'],
  ['环评手续尚在办理', '审批', '市生态环境局'],
  ['施工许可证办理受阻', '审批', '区住房和城乡建设局'],
  ['周边道路未贯通影响物料运输', '配套', '区交通运输局'],
  ['用工短缺', '用工', '区人力资源和社会保障局'],
];

// Stage weights: most of a ledger is under way, a few are still being planned, some are producing.
const STAGE_WEIGHTS: Readonly<Record<ProjectStage, number>> = {
  planning: 9,
  negotiating: 9,
  signed: 14,
  started: 10,
  constructing: 34,
  producing: 15,
  at_capacity: 9,
};

function weighted<T>(rng: Rng, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((n, [, w]) => n + w, 0);
  let r = rng.next() * total;
  for (const [value, w] of entries) {
    r -= w;
    if (r < 0) return value;
  }
  return entries.at(-1)![0];
}

/** 10,000–1,000,000 万元, log-uniform (most projects are a few 亿), rounded like real ledgers. */
function totalInvestment(rng: Rng): number {
  const wan = 10 ** (4 + rng.next() * 2);
  const step = wan > 100_000 ? 1000 : wan > 30_000 ? 100 : 10;
  return Math.min(1_000_000, Math.max(10_000, Math.round(wan / step) * step));
}

interface Timeline {
  /** The day each stage was reached, for the stages reached. */
  reached: Partial<Record<ProjectStage, string>>;
  planned: { sign: string; start: string; production: string };
}

/** Dates of every stage up to `stage`, oldest first, the last one no later than `today`. */
function timeline(rng: Rng, stage: ProjectStage, today: string): Timeline {
  const at = PROJECT_STAGES.indexOf(stage);
  // When the current stage was reached, then every earlier stage some months before the next.
  const recent: Record<ProjectStage, [number, number]> = {
    planning: [10, 300],
    negotiating: [10, 240],
    signed: [15, 330],
    started: [5, 110],
    constructing: [20, 700],
    producing: [20, 420],
    at_capacity: [10, 300],
  };
  const gaps: Record<ProjectStage, [number, number]> = {
    planning: [0, 0],
    negotiating: [40, 150],
    signed: [30, 120],
    started: [30, 180],
    constructing: [20, 60],
    producing: [360, 820],
    at_capacity: [150, 330],
  };
  const reached: Partial<Record<ProjectStage, string>> = {};
  let day = addDays(today, -rng.int(...recent[stage]));
  for (let i = at; i >= 0; i--) {
    const s = PROJECT_STAGES[i]!;
    reached[s] = day;
    if (i > 0) day = addDays(day, -rng.int(...gaps[s]));
  }
  const sign = reached.signed ?? addDays(today, rng.int(20, 200));
  const start = reached.started ?? addDays(sign, rng.int(30, 150));
  const production = reached.producing ?? addDays(start, rng.int(360, 800));
  const drift = () => rng.int(-30, 20);
  const plannedSign = reached.signed ? addDays(sign, drift()) : sign;
  const plannedStart = reached.started ? addDays(start, drift()) : start;
  // Some producing projects were planned to produce earlier than they did.
  const plannedProduction = reached.producing ? addDays(production, rng.int(-60, 10)) : production;
  // Planned dates stay in stage order, as the API requires of every edit.
  const inOrderStart = plannedStart < plannedSign ? plannedSign : plannedStart;
  return {
    reached,
    planned: { sign: plannedSign, start: inOrderStart, production: plannedProduction < inOrderStart ? inOrderStart : plannedProduction },
  };
}

export interface DemoProjectInput {
  /** The day the seed is written (Asia/Shanghai); reports run to the month before it. */
  today: string;
  departments: readonly (typeof schema.departments.$inferInsert)[];
  users: readonly (typeof schema.users.$inferInsert)[];
  tenants?: readonly TenantSeed[];
}

export function buildDemoProjects(input: DemoProjectInput): DemoProjectRows {
  const rows: DemoProjectRows = { projects: [], annualPlans: [], stageHistory: [], reports: [], blockers: [], blockerNotes: [] };
  const reportThrough = addMonths(input.today.slice(0, 7), -1);
  const firstReport = addMonths(reportThrough, -17);
  const year = Number(input.today.slice(0, 4));
  const categoryWeights = CATEGORIES.map((c) => [c, c.weight] as const);
  const stageWeights = PROJECT_STAGES.map((s) => [s, STAGE_WEIGHTS[s]] as const);

  for (const tenant of input.tenants ?? DISTRICT_TENANTS) {
    const rng = prng(hash(`${tenant.slug}:projects`));
    const dept = (code: string) => input.departments.find((d) => d.tenantId === tenant.id && d.code === code)?.id ?? null;
    const clerk = input.users.find((u) => u.tenantId === tenant.id && u.username === 'fgw');
    const ndrc = dept('fgw');
    const industryDept = dept('gxj');
    const count = rng.int(20, 40);
    // Districts push investment in the first half (开门红, 双过半) with different drive: some make 双过半, some miss.
    const firstHalfDrive = 0.95 + rng.next() * 0.3;
    const used = new Set<string>();
    for (let n = 1; n <= count; n++) {
      const plan = weighted(rng, categoryWeights);
      let [name, industry] = rng.pick(plan.names);
      if (used.has(name)) name = name.replace(/项目$|工程$|基地$/, (m) => `二期${m || '项目'}`);
      used.add(name);
      const stage = weighted(rng, stageWeights);
      const { reached, planned } = timeline(rng, stage, input.today);
      const total = totalInvestment(rng);
      const id = uuidv7(Date.parse(`${reached.planning}T02:00:00Z`));
      const registeredYear = reached.planning!.slice(0, 4);
      const code = `${tenant.divisionCode}-${registeredYear}-${String(n).padStart(3, '0')}`;
      const owner = `${rng.pick(OWNER_PREFIX)}${rng.pick(['鑫', '华', '瑞', '宏', '嘉', '恒', '卓', '远'])}${rng.pick(['达', '盛', '源', '晟', '泰', '安', '锦', '航'])}${rng.pick(plan.owners)}`;
      const attracted = plan.category !== 'livelihood' && plan.category !== 'major_infrastructure' && rng.chance(0.45);
      const level = weighted(rng, [
        ['provincial', total > 300_000 ? 5 : 1],
        ['municipal', 3],
        ['district', total > 300_000 ? 1 : 5],
      ] as const);
      const strategies = [...new Set([rng.pick(plan.strategies), ...(rng.chance(0.5) ? [rng.pick(plan.strategies)] : [])])];
      const person = `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}`;

      // Construction runs from the start month to the production month; each year's plan is its share of the
      // months, and a month's plan is the year's plan spread over that year's construction months.
      const startMonth = (reached.started ?? planned.start).slice(0, 7);
      const endMonth = (reached.producing ?? planned.production).slice(0, 7);
      const monthsIn = (y: number) => {
        let n = 0;
        for (let m = 1; m <= 12; m++) {
          const month = `${y}-${String(m).padStart(2, '0')}`;
          if (month >= startMonth && month <= endMonth) n++;
        }
        return n;
      };
      const planCents = new Map<number, number>();
      let construction = 0;
      for (let y = Number(startMonth.slice(0, 4)); y <= Number(endMonth.slice(0, 4)); y++) construction += monthsIn(y);
      // Only projects under way, or signed and due to start, carry a plan.
      const carriesPlan = reached.started !== undefined || (stage === 'signed' && rng.chance(0.35));
      const lastPlanYear = carriesPlan ? Number(endMonth.slice(0, 4)) : 0;
      for (let y = Number(startMonth.slice(0, 4)); y <= lastPlanYear; y++) {
        const share = (monthsIn(y) / Math.max(1, construction)) * 0.9 * (0.92 + rng.next() * 0.16);
        const cents = Math.round((total * 100 * share) / 1000) * 1000;
        if (cents > 0) planCents.set(y, cents);
      }
      for (const [y, cents] of planCents) {
        if (y >= year - 2 && y <= year + 1) rows.annualPlans.push({ tenantId: tenant.id, projectId: id, year: y, plannedInvestment: yuan(cents) });
      }

      const milestones: [ProjectStage, 'sign' | 'start' | 'production'][] = [
        ['signed', 'sign'],
        ['started', 'start'],
        ['producing', 'production'],
      ];
      const batchOf = (s: ProjectStage) => (reached[s] ? quarterOf(reached[s]!) : null);
      rows.projects.push({
        tenantId: tenant.id,
        id,
        code,
        name: `${tenant.shortName.replace(/区$|县$|市$/, '')}${name}`,
        shortName: name.replace(/(建设)?(项目|工程|基地)$/, '').slice(0, 12),
        ownerUnit: owner,
        address: `${tenant.name}${rng.pick(['经开大道', '科学大道', '金岱路', '商都路', '航海路', '中州大道', '文化路', '长江路'])}与${rng.pick(['第一', '第三', '第五', '第八', '第十二'])}大街交叉口`,
        latitude: (34.55 + rng.next() * 0.4).toFixed(6),
        longitude: (113.3 + rng.next() * 0.6).toFixed(6),
        scaleContent: rng.pick(plan.scale),
        newCapacity: rng.pick(plan.capacity),
        category: plan.category,
        industry,
        strategies,
        level,
        totalInvestment: yuan(total * 100),
        cityLeader: level === 'district' ? null : `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}（副市长）`,
        departmentId: plan.category === 'advanced_manufacturing' && industryDept && rng.chance(0.4) ? industryDept : ndrc,
        responsiblePerson: person,
        responsibleUserId: null,
        contactPhone: `1${rng.pick(['37', '38', '39', '58', '86'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
        attracted,
        sourceRegion: attracted ? rng.pick(SOURCES) : null,
        plannedSignDate: planned.sign,
        actualSignDate: reached.signed ?? null,
        plannedStartDate: planned.start,
        actualStartDate: reached.started ?? null,
        plannedProductionDate: planned.production,
        actualProductionDate: reached.producing ?? null,
        signBatch: batchOf('signed'),
        startBatch: batchOf('started'),
        productionBatch: batchOf('producing'),
        stage,
        stageDate: reached[stage]!,
        createdBy: clerk?.id ?? null,
        createdAt: new Date(`${reached.planning}T02:00:00Z`),
        updatedAt: new Date(`${reached[stage]}T02:00:00Z`),
        version: PROJECT_STAGES.indexOf(stage) + 1,
      });
      let previous: ProjectStage | null = null;
      for (const s of PROJECT_STAGES.slice(0, PROJECT_STAGES.indexOf(stage) + 1)) {
        const milestone = milestones.find(([m]) => m === s);
        rows.stageHistory.push({
          tenantId: tenant.id,
          id: uuidv7(Date.parse(`${reached[s]}T02:00:00Z`)),
          projectId: id,
          fromStage: previous,
          toStage: s,
          movedOn: reached[s]!,
          batch: milestone ? batchOf(s) : null,
          note: previous === null ? '登记项目' : null,
          actorId: clerk?.id ?? null,
          actorName: clerk?.displayName ?? null,
        });
        previous = s;
      }

      // Reports: every month under construction within the last 18, paced by how this project is doing.
      if (reached.started) {
        const pace = rng.chance(0.2) ? 0.35 + rng.next() * 0.3 : rng.chance(0.15) ? 1.1 + rng.next() * 0.15 : 0.95 + rng.next() * 0.12;
        const skipsLatest = rng.chance(0.15);
        const lastMonth = reached.producing ? min(addMonths(reached.producing.slice(0, 7), 2), reportThrough) : reportThrough;
        let month = reached.started.slice(0, 7) > firstReport ? reached.started.slice(0, 7) : firstReport;
        let doneCents = 0;
        const totalCents = total * 100;
        let step = 0;
        for (; month <= lastMonth; month = addMonths(month, 1)) {
          if (month === reportThrough && skipsLatest) break;
          const y = Number(month.slice(0, 4));
          // After production, a few months of finishing work (equipment, acceptance) at a small monthly amount.
          const yearPlan = month <= endMonth ? (planCents.get(y) ?? Math.round(totalCents * 0.05)) : Math.round(totalCents * 0.01);
          const m = Number(month.slice(5, 7));
          const season = m <= 2 ? 0.75 : m === 12 ? 1.2 : 1;
          const plannedCents = Math.round(((month <= endMonth ? yearPlan / Math.max(1, monthsIn(y)) : yearPlan) * season) / 100) * 100;
          const drive = m <= 6 ? firstHalfDrive : 1;
          let completedCents = Math.round(plannedCents * pace * drive * (0.9 + rng.next() * 0.2));
          completedCents = Math.max(0, Math.min(completedCents, totalCents - doneCents));
          doneCents += completedCents;
          step++;
          const phase = reached.producing && month >= reached.producing.slice(0, 7) ? 'producing' : step < 3 ? 'started' : 'constructing';
          const text = rng
            .pick(PROGRESS[phase]!)
            .replace('{n}', String(Math.min(28, 2 + step)))
            .replace('{p}', String(Math.min(95, 20 + step * 4)));
          rows.reports.push({
            tenantId: tenant.id,
            id: uuidv7(Date.parse(`${addMonths(month, 1)}-0${rng.int(1, 8)}T02:00:00Z`)),
            projectId: id,
            month: `${month}-01`,
            plannedInvestment: yuan(plannedCents),
            completedInvestment: yuan(completedCents),
            progress: text,
            photos: [],
            problems: pace < 0.7 && rng.chance(0.6) ? rng.pick(PROBLEMS) : null,
            reportedBy: clerk?.id ?? null,
            reportedByName: clerk?.displayName ?? null,
          });
        }
      }

      // Blockers: a third of the projects past signing have one or two.
      if (reached.signed && rng.chance(0.35)) {
        for (let b = rng.int(1, 2); b > 0; b--) {
          const [title, kind, unit] = rng.pick(BLOCKERS);
          const raisedOn = addDays(input.today, -rng.int(10, 200));
          const deadline = addDays(raisedOn, rng.pick([15, 30, 45, 60]));
          const closed = rng.chance(0.45) && deadline < input.today;
          const blockerId = uuidv7(Date.parse(`${raisedOn}T03:00:00Z`));
          const closedOn = closed ? min(addDays(raisedOn, rng.int(5, 40)), input.today) : null;
          rows.blockers.push({
            tenantId: tenant.id,
            id: blockerId,
            projectId: id,
            title,
            description: `${title}，需协调${unit}加快办理。`,
            kind,
            assignedUnit: unit,
            raisedOn,
            deadline,
            status: closed ? 'closed' : 'open',
            closedOn,
            closureNote: closed ? '经专题协调会研究，问题已解决，同意销号' : null,
            createdBy: clerk?.id ?? null,
            createdByName: clerk?.displayName ?? null,
            version: closed ? 3 : 2,
          });
          rows.blockerNotes.push({
            tenantId: tenant.id,
            id: uuidv7(Date.parse(`${raisedOn}T05:00:00Z`)),
            blockerId,
            notedOn: min(addDays(raisedOn, rng.int(2, 9)), closedOn ?? input.today),
            note: rng.pick(['已召开专题协调会，明确责任分工', '责任单位已现场办公，正在推进', '已报请区政府主要领导协调']),
            actorId: clerk?.id ?? null,
            actorName: clerk?.displayName ?? null,
          });
        }
      }
    }
  }
  return rows;
}
