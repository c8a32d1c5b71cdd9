import { type BaseTenant, TableChunk, childCounts } from './plan.ts';
import { type Rng, addDays, addMonths, dayMs, money, quarterOf, rng } from './rng.ts';

const CATEGORIES = [
  ['advanced_manufacturing', ['高端装备智能制造项目', '新能源汽车零部件项目', '精密轴承生产基地', '绿色食品加工园项目'], '装备制造'],
  ['emerging_industry', ['生物医药产业园项目', '储能电池系统集成项目', '半导体封测基地项目', '新型显示模组项目'], '新能源'],
  ['digital_infrastructure', ['城市算力中心项目', '数据中心（IDC）项目', '5G 网络建设项目'], '数字经济'],
  ['major_infrastructure', ['快速路提升改造工程', '污水处理厂及管网工程', '综合管廊工程'], '市政公用'],
  ['modern_services', ['冷链物流园项目', '商业综合体项目', '跨境电商产业园项目'], '现代物流'],
  ['livelihood', ['人民医院新院区项目', '九年一贯制学校项目', '保障性租赁住房项目'], '卫生健康'],
  ['other', ['高标准农田建设项目', '农业产业化示范园项目'], '现代农业'],
] as const;
const LEVELS = ['provincial', 'municipal', 'district', 'district'] as const;
const STRATEGIES = ['innovation', 'advantage_rebuild', 'digital_transformation', 'green_low_carbon', 'new_urbanization'] as const;
const OWNERS = ['河南', '郑州', '中原', '黄河', '嵩山', '中州', '华豫'];
const PROGRESS = ['主体结构施工中', '设备安装调试', '基础施工完成', '主体封顶，二次结构施工', '试生产运行正常', '道路管网同步推进'];
const BLOCKERS = [
  ['项目用地指标未落实', '用地', '区自然资源局'],
  ['施工用电增容审批滞后', '要素保障', '区供电公司'],
  ['项目贷款审批进度慢', '资金', '区金融工作局'],
  ['环评手续尚在办理', '审批', '市生态环境局'],
] as const;

export interface ProjectsInput {
  seed: number;
  tenant: BaseTenant;
  tenantIndex: number;
  projects: number;
  reports: number;
  /** The day the data is written for; reports run to the month before (the reporting month). */
  today: string;
}

/** Stage histories, annual plans, monthly reports and blockers that agree with each project's stage. */
export function projectChunks(input: ProjectsInput): TableChunk[] {
  const { tenant, today } = input;
  const r: Rng = rng(input.seed, `projects:${tenant.slug}`);
  const reportThrough = addMonths(today.slice(0, 7), -1);
  const firstMonth = addMonths(reportThrough, -35);
  const clerk = tenant.users.fgw ?? Object.values(tenant.users)[0] ?? { id: null, name: null };
  const fgwDept = tenant.departments.fgw ?? null;
  const T = tenant.id;

  const projects = new TableChunk('projects.projects', [
    'tenant_id', 'id', 'code', 'name', 'owner_unit', 'category', 'industry', 'strategies', 'level', 'total_investment',
    'department_id', 'responsible_person', 'responsible_user_id', 'attracted', 'planned_sign_date', 'actual_sign_date',
    'planned_start_date', 'actual_start_date', 'planned_production_date', 'actual_production_date', 'sign_batch',
    'start_batch', 'production_batch', 'stage', 'stage_date', 'created_by', 'version', 'created_at', 'updated_at',
  ]);
  const plans = new TableChunk('projects.annual_plans', ['tenant_id', 'project_id', 'year', 'planned_investment']);
  const history = new TableChunk('projects.stage_history', ['tenant_id', 'id', 'project_id', 'from_stage', 'to_stage', 'moved_on', 'batch', 'note', 'actor_id', 'actor_name', 'created_at']);
  const reports = new TableChunk('projects.investment_reports', [
    'tenant_id', 'id', 'project_id', 'month', 'planned_investment', 'completed_investment', 'progress', 'problems',
    'reported_by', 'reported_by_name', 'created_at', 'updated_at',
  ]);
  const blockers = new TableChunk('projects.blockers', [
    'tenant_id', 'id', 'project_id', 'title', 'description', 'kind', 'assigned_unit', 'raised_on', 'deadline', 'status',
    'closed_on', 'closure_note', 'created_by', 'created_by_name', 'version',
  ]);

  // Three in four projects are under way and report monthly; the rest are still being planned or signed.
  const reporting = Array.from({ length: input.projects }, (_, i) => i % 4 !== 3);
  const reportingCount = reporting.filter(Boolean).length;
  const counts = childCounts(input.reports, reportingCount, 1, 36, r.next);
  let nth = 0;

  for (let i = 0; i < input.projects; i++) {
    const [category, names, industry] = r.pick(CATEGORIES);
    const totalWan = Math.round(10 ** (4 + r.next() * 2) / 10) * 10;
    const totalCents = totalWan * 100;
    const code = `S${String(input.tenantIndex + 1).padStart(2, '0')}-${String(i + 1).padStart(6, '0')}`;
    let stage: string;
    const reached: [string, string][] = [];
    let signDate: string | null = null;
    let startDate: string | null = null;
    let productionDate: string | null = null;
    let months = 0;
    let lastMonth = reportThrough;

    if (reporting[i]) {
      months = counts[nth++]!;
      lastMonth = r.chance(0.15) ? addMonths(reportThrough, -1) : reportThrough;
      if (months > 35) lastMonth = reportThrough;
      const startMonth = addMonths(lastMonth, -(months - 1));
      startDate = `${startMonth}-${String(r.int(1, 20)).padStart(2, '0')}`;
      signDate = addDays(startDate, -r.int(30, 200));
      reached.push(['planning', addDays(signDate, -r.int(90, 200))], ['negotiating', addDays(signDate, -r.int(20, 80))], ['signed', signDate], ['started', startDate]);
      const roll = r.next();
      if (roll < 0.2 && months >= 14) {
        productionDate = `${addMonths(startMonth, months - 3)}-10`;
        stage = 'producing';
        reached.push(['constructing', addDays(startDate, 25)], ['producing', productionDate]);
        const capacity = addDays(productionDate, 150);
        if (r.chance(0.4) && capacity < today) {
          stage = 'at_capacity';
          reached.push(['at_capacity', capacity]);
        }
      } else if (roll < 0.3) {
        stage = 'started';
      } else {
        stage = 'constructing';
        reached.push(['constructing', addDays(startDate, 25)]);
      }
    } else {
      stage = r.pick(['planning', 'negotiating', 'signed']);
      const planning = addDays(today, -r.int(100, 500));
      reached.push(['planning', planning]);
      if (stage !== 'planning') reached.push(['negotiating', addDays(planning, r.int(20, 60))]);
      if (stage === 'signed') {
        signDate = addDays(planning, r.int(70, 95));
        reached.push(['signed', signDate]);
      }
    }
    const stageDate = reached.at(-1)![1];
    const createdMs = dayMs(reached[0]![1]) + 7_200_000;
    const id = r.uuidv7(createdMs);
    const plannedSign = signDate ?? addDays(today, r.int(20, 200));
    const plannedStart = startDate ?? addDays(plannedSign, r.int(30, 150));
    const plannedProduction = productionDate ?? addDays(plannedStart, r.int(360, 800));
    projects.push([
      T, id, code, `${tenant.slug.toUpperCase()}${r.pick(names)}（${i + 1}）`, `${r.pick(OWNERS)}${r.pick(['科技', '实业', '发展', '建设'])}有限公司`,
      category, industry, [r.pick(STRATEGIES)], r.pick(LEVELS), money(totalCents), fgwDept, clerk.name, clerk.id, r.chance(0.3),
      plannedSign, signDate, plannedStart, startDate, plannedProduction, productionDate,
      signDate ? quarterOf(signDate) : null, startDate ? quarterOf(startDate) : null, productionDate ? quarterOf(productionDate) : null,
      stage, stageDate, clerk.id, reached.length, new Date(createdMs).toISOString(), new Date(dayMs(stageDate) + 7_200_000).toISOString(),
    ]);
    let previous: string | null = null;
    for (const [s, day] of reached) {
      const batch = s === 'signed' || s === 'started' || s === 'producing' ? quarterOf(day) : null;
      history.push([T, r.uuidv7(dayMs(day) + 7_200_000), id, previous, s, day, batch, previous === null ? '登记项目' : null, clerk.id, clerk.name, new Date(dayMs(day) + 7_200_000).toISOString()]);
      previous = s;
    }
    if (!months || !startDate) continue;

    // Monthly reports from the start month, paced by how the project is doing; plans for each year it reports in.
    const pace = r.chance(0.2) ? 0.4 + r.next() * 0.3 : 0.9 + r.next() * 0.25;
    const monthlyCents = Math.round(totalCents / (months * 1.4) / 100) * 100;
    const startMonth = addMonths(lastMonth, -(months - 1));
    const years = new Set<number>();
    for (let m = 0; m < months; m++) {
      const month = addMonths(startMonth, m);
      years.add(Number(month.slice(0, 4)));
      const completed = Math.round(monthlyCents * pace * (0.85 + r.next() * 0.3));
      const submitted = dayMs(`${addMonths(month, 1)}-0${r.int(1, 8)}`) + 7_200_000;
      const at = new Date(submitted).toISOString();
      reports.push([T, r.uuidv7(submitted), id, `${month}-01`, money(monthlyCents), money(completed), r.pick(PROGRESS), pace < 0.7 && r.chance(0.5) ? '要素保障滞后，影响施工进度' : null, clerk.id, clerk.name, at, at]);
    }
    for (const year of years) if (year >= Number(firstMonth.slice(0, 4))) plans.push([T, id, year, money(Math.round((monthlyCents * 12 * 1.05) / 100) * 100)]);

    if (r.chance(0.2)) {
      const [title, kind, unit] = r.pick(BLOCKERS);
      const raised = addDays(today, -r.int(10, 300));
      const deadline = addDays(raised, r.pick([15, 30, 60]));
      const closed = deadline < today && r.chance(0.5);
      blockers.push([
        T, r.uuidv7(dayMs(raised) + 10_800_000), id, title, `${title}，需协调${unit}加快办理。`, kind, unit, raised, deadline,
        closed ? 'closed' : 'open', closed ? addDays(raised, r.int(5, 14)) : null, closed ? '问题已解决，同意销号' : null, clerk.id, clerk.name, closed ? 3 : 2,
      ]);
    }
  }
  void firstMonth;
  return [projects, plans, history, reports, blockers];
}
