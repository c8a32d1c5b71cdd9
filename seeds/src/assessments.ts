import type { Direction, Dimension, IndicatorSource, PeriodKind, SupervisionCategory, WeightItem } from '@yingshang/contracts';
import { schema } from '@yingshang/db';
// The seeded rankings are computed by the service's own pure ranking function (no I/O), not by a copy that could
// drift: `verify` on a seeded ranking then recomputes the same digits.
import { computeRanking, type RankingInputs } from '@yingshang/assessments/domain/ranking';
import { CITY_TENANT_ID, DISTRICT_TENANTS } from './tenants-data.ts';

/**
 * Demo data of the assessments module: the city office's indicator catalogue, every period of 2025–2026, weights
 * per quarter, quarterly values for every district, three observation tours with score sheets (the last in June
 * 2026), the four supervision campaigns of 2026, 三标 for the current year, and the 赛马 rankings: every quarter that
 * has ended is published (so 金水区 sees its rank and the change since last quarter), the current one is a draft.
 * Deterministic: the same `today` gives the same rows (ids are fixed, numbers come from a seeded generator).
 */

type Row<T extends { $inferInsert: unknown }> = T['$inferInsert'];

export interface DemoAssessmentRows {
  indicators: Row<typeof schema.indicators>[];
  periods: Row<typeof schema.periods>[];
  weightSets: Row<typeof schema.weightSets>[];
  values: Row<typeof schema.indicatorValues>[];
  targets: Row<typeof schema.targets>[];
  tours: Row<typeof schema.tours>[];
  tourSites: Row<typeof schema.tourSites>[];
  tourScores: Row<typeof schema.tourScores>[];
  tasks: Row<typeof schema.supervisionTasks>[];
  reports: Row<typeof schema.supervisionReports>[];
  rankings: Row<typeof schema.rankings>[];
}

// ---------------------------------------------------------------------------------------------------------------
// Fixed ids: `0193f1a2-<kind>-7000-8000-<n>`

const id = (kind: number, n: number) => `0193f1a2-${kind.toString(16).padStart(4, '0')}-7000-8000-${n.toString(16).padStart(12, '0')}`;
const ID = { indicator: 1, period: 2, tour: 3, site: 4, scorer: 5, task: 6, report: 7, target: 8, ranking: 9, batch: 10 };

/** mulberry32 over a string hash: the same key always gives the same number in [0, 1). */
function rand(key: string): number {
  let h = 1779033703 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let t = (h += 0x6d2b79f5);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
/** A decimal string with `places` decimals from a number computed here (seed data, not ranking arithmetic). */
const d = (n: number, places = 2) => n.toFixed(places);

interface IndicatorDef {
  code: string;
  name: string;
  unit: string;
  direction: Direction;
  dimension: Dimension;
  source: IndicatorSource;
  metric: string | null;
  description: string;
  /** A plausible value for a district of strength s (0–1) in quarter q (1–4). */
  value: (s: number, q: number, r: number) => number;
}

const DEFS: IndicatorDef[] = [
  { code: 'XM01', name: '重点项目投资完成率', unit: '%', direction: 'higher', dimension: 'projects', source: 'computed', metric: 'projects.completion_rate', description: '年度累计完成投资 ÷ 年度计划投资', value: (s, q, r) => q * 25 * (0.82 + 0.3 * s + 0.1 * r) },
  { code: 'XM02', name: '项目开工率', unit: '%', direction: 'higher', dimension: 'projects', source: 'computed', metric: 'projects.start_rate', description: '计划年内开工项目的开工比例', value: (s, q, r) => Math.min(100, 30 + q * 12 + 25 * s + 8 * r) },
  { code: 'XM03', name: '滞后序时进度项目数', unit: '个', direction: 'lower', dimension: 'projects', source: 'computed', metric: 'projects.behind_schedule', description: '落后序时进度 5 个百分点以上的项目', value: (s, _q, r) => Math.round(1 + 7 * (1 - s) + 3 * r) },
  { code: 'QY01', name: '诉求按时办结率', unit: '%', direction: 'higher', dimension: 'enterprise', source: 'computed', metric: 'enterprise.on_time_rate', description: '按时办结 ÷ 办结', value: (s, _q, r) => 82 + 14 * s + 3 * r },
  { code: 'QY02', name: '企业满意率', unit: '%', direction: 'higher', dimension: 'enterprise', source: 'computed', metric: 'enterprise.satisfaction_rate', description: '非常满意、满意、基本满意 ÷ 评价', value: (s, _q, r) => 86 + 11 * s + 2.5 * r },
  { code: 'QY03', name: '诉求平均办结工作日', unit: '工作日', direction: 'lower', dimension: 'enterprise', source: 'computed', metric: 'enterprise.avg_close_workdays', description: '办结用时（工作日）÷ 办结数', value: (s, _q, r) => 3.5 + 5 * (1 - s) + 1.5 * r },
  { code: 'YS01', name: '营商环境第三方评价', unit: '分', direction: 'higher', dimension: 'environment', source: 'manual', metric: null, description: '第三方机构季度测评得分（附测评报告）', value: (s, _q, r) => 78 + 17 * s + 4 * r },
  { code: 'YS02', name: '惠企政策兑现率', unit: '%', direction: 'higher', dimension: 'environment', source: 'computed', metric: 'enterprise.benefit_paid_rate', description: '已兑现 ÷ 已匹配（免申即享）', value: (s, _q, r) => 55 + 38 * s + 6 * r },
  { code: 'GM01', name: '项目观摩评价得分', unit: '分', direction: 'higher', dimension: 'observation', source: 'tour', metric: null, description: '观摩评委打分去掉一个最高分和一个最低分后的平均分', value: () => 0 },
  { code: 'DC01', name: '督查任务落实率', unit: '%', direction: 'higher', dimension: 'supervision', source: 'supervision', metric: null, description: '督查任务未逾期的比例', value: (s, _q, r) => Math.min(100, 60 + 40 * s + 10 * r) },
];

/** Observation tours are held in June and December; those quarters weigh them, the others share their weight out. */
const TOUR_WEIGHTS: Record<string, string> = { XM01: '15', XM02: '10', XM03: '5', QY01: '10', QY02: '10', QY03: '5', YS01: '10', YS02: '5', GM01: '15', DC01: '15' };
const PLAIN_WEIGHTS: Record<string, string> = { XM01: '20', XM02: '10', XM03: '5', QY01: '15', QY02: '10', QY03: '5', YS01: '10', YS02: '10', DC01: '15' };

const TOURS = [
  { n: 1, quarter: '2025Q2', name: '2025 年上半年重点项目观摩', startsOn: '2025-06-12', endsOn: '2025-06-13' },
  { n: 2, quarter: '2025Q4', name: '2025 年下半年重点项目观摩', startsOn: '2025-12-10', endsOn: '2025-12-11' },
  { n: 3, quarter: '2026Q2', name: '2026 年上半年重点项目观摩', startsOn: '2026-06-09', endsOn: '2026-06-10' },
];
const CRITERIA = [
  { code: 'quality', name: '项目质量', maxPoints: '25' },
  { code: 'scale', name: '投资规模', maxPoints: '20' },
  { code: 'progress', name: '建设进度', maxPoints: '25' },
  { code: 'innovation', name: '创新水平', maxPoints: '15' },
  { code: 'presentation', name: '现场展示', maxPoints: '15' },
];
const SCORERS = ['市发展改革委', '市工业和信息化局', '市自然资源和规划局', '市住房和城乡建设局', '市营商环境建设办公室'];
const SITE_NAMES = ['智能制造产业园', '新型显示模组项目', '生物医药创新中心', '冷链物流枢纽', '城市更新片区'];

const TASKS: { category: SupervisionCategory; title: string; target: string; targetValue: string; unit: string; assignedOn: string; deadline: string }[] = [
  { category: 'resettlement_signing', title: '安置房网签攻坚', target: '已交付安置房网签率达到 95%', targetValue: '95', unit: '%', assignedOn: '2026-02-20', deadline: '2026-06-30' },
  { category: 'resettlement_building', title: '安置房建设提速', target: '年度安置房开工、竣工任务全部完成', targetValue: '100', unit: '%', assignedOn: '2026-03-05', deadline: '2026-12-20' },
  { category: 'real_estate_resumption', title: '房地产项目复工复产', target: '停工项目全部复工，保交楼按期交付', targetValue: '100', unit: '%', assignedOn: '2026-03-15', deadline: '2026-09-30' },
  { category: 'urban_renewal', title: '城市有机更新', target: '年度城市有机更新项目完成投资和形象进度', targetValue: '100', unit: '%', assignedOn: '2026-04-01', deadline: '2026-11-15' },
];

// ---------------------------------------------------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

interface PeriodDef {
  code: string;
  kind: PeriodKind;
  name: string;
  startsOn: string;
  endsOn: string;
}

function allPeriods(): PeriodDef[] {
  const out: PeriodDef[] = [];
  for (const y of [2025, 2026]) {
    for (let m = 1; m <= 12; m++) out.push({ code: `${y}-${pad(m)}`, kind: 'month', name: `${y}年${m}月`, startsOn: `${y}-${pad(m)}-01`, endsOn: `${y}-${pad(m)}-${pad(lastDay(y, m))}` });
    for (let q = 1; q <= 4; q++) out.push({ code: `${y}Q${q}`, kind: 'quarter', name: `${y}年第${'一二三四'[q - 1]}季度`, startsOn: `${y}-${pad(q * 3 - 2)}-01`, endsOn: `${y}-${pad(q * 3)}-${pad(lastDay(y, q * 3))}` });
    out.push({ code: `${y}H1`, kind: 'half', name: `${y}年上半年`, startsOn: `${y}-01-01`, endsOn: `${y}-06-30` });
    out.push({ code: `${y}H2`, kind: 'half', name: `${y}年下半年`, startsOn: `${y}-07-01`, endsOn: `${y}-12-31` });
    out.push({ code: `${y}`, kind: 'year', name: `${y}年度`, startsOn: `${y}-01-01`, endsOn: `${y}-12-31` });
  }
  return out;
}

/** A district's underlying strength, drifting a little from quarter to quarter so ranks move. */
const strength = (tenantId: string, quarter: string) => 0.75 * rand(`strength:${tenantId}`) + 0.25 * rand(`drift:${tenantId}:${quarter}`);

export interface DemoAssessmentInput {
  /** Asia/Shanghai `YYYY-MM-DD`: quarters ended before it are published, the one it falls in is the draft. */
  today: string;
}

export function buildDemoAssessments({ today }: DemoAssessmentInput): DemoAssessmentRows {
  const city = CITY_TENANT_ID;
  const districts = DISTRICT_TENANTS;
  const indicators = DEFS.map((def, i) => ({
    tenantId: city,
    id: id(ID.indicator, i + 1),
    code: def.code,
    name: def.name,
    unit: def.unit,
    direction: def.direction,
    dimension: def.dimension,
    source: def.source,
    metric: def.metric,
    description: def.description,
    sortOrder: i + 1,
  }));
  const indicatorId = (code: string) => indicators.find((i) => i.code === code)!.id;

  // The quarter `today` falls in stays open; so do the month, the half and the year it is in.
  const defs = allPeriods();
  const periods = defs.map((p, i) => ({
    tenantId: city,
    id: id(ID.period, i + 1),
    kind: p.kind,
    code: p.code,
    name: p.name,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    status: (p.endsOn < today ? 'closed' : 'open') as 'open' | 'closed',
  }));
  const period = (code: string) => periods.find((p) => p.code === code)!;
  const quarters = periods.filter((p) => p.kind === 'quarter' && p.startsOn <= today);

  const rows: DemoAssessmentRows = { indicators, periods, weightSets: [], values: [], targets: [], tours: [], tourSites: [], tourScores: [], tasks: [], reports: [], rankings: [] };

  // Tours: sites per district, five scorers, every sheet filled in (totals sum the criteria exactly).
  const tourResults = new Map<string, Map<string, string>>();
  for (const t of TOURS) {
    const p = period(t.quarter);
    if (t.endsOn >= today) continue;
    const tourId = id(ID.tour, t.n);
    const scorers = SCORERS.map((name, i) => ({ id: id(ID.scorer, t.n * 10 + i), name: '评委', unit: name }));
    rows.tours.push({ tenantId: city, id: tourId, name: t.name, startsOn: t.startsOn, endsOn: t.endsOn, periodId: p.id, indicatorId: indicatorId('GM01'), aggregation: 'trimmed_mean', status: 'closed', criteria: CRITERIA, scorers });
    const results = new Map<string, string>();
    districts.forEach((tenant, ti) => {
      for (let k = 0; k < 2; k++) {
        rows.tourSites.push({ tenantId: city, id: id(ID.site, t.n * 1000 + ti * 10 + k), tourId, subjectTenantId: tenant.id, projectId: null, projectName: `${tenant.shortName}${SITE_NAMES[(ti + k + t.n) % SITE_NAMES.length]}`, sortOrder: ti * 10 + k });
      }
      const s = strength(tenant.id, t.quarter);
      const totals: number[] = [];
      scorers.forEach((scorer) => {
        const scores: Record<string, string> = {};
        let total = 0;
        for (const c of CRITERIA) {
          const max = Number(c.maxPoints);
          const pts = Math.min(max, Math.round(max * (0.62 + 0.3 * s + 0.08 * rand(`score:${t.n}:${tenant.id}:${scorer.id}:${c.code}`)) * 2) / 2);
          scores[c.code] = d(pts);
          total += pts * 100;
        }
        totals.push(total);
        rows.tourScores.push({ tenantId: city, tourId, subjectTenantId: tenant.id, scorerId: scorer.id, scores, total: d(total / 100), scoredByName: '市督查室' });
      });
      // Trimmed mean in integer hundredths: drop one highest and one lowest of the five.
      const sorted = [...totals].sort((a, b) => a - b).slice(1, -1);
      const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length / 100;
      results.set(tenant.id, mean.toFixed(4));
    });
    tourResults.set(t.quarter, results);
  }

  // Supervision: the four campaigns of 2026, one task per district each, with progress reports.
  TASKS.forEach((task, k) => {
    if (task.assignedOn > today) return;
    const batchId = id(ID.batch, k + 1);
    districts.forEach((tenant, ti) => {
      const s = rand(`task:${k}:${tenant.id}`);
      const taskId = id(ID.task, (k + 1) * 100 + ti);
      const finishOn = addDays(task.assignedOn, Math.round(40 + 180 * (1 - s)));
      const done = finishOn <= today && s > 0.25;
      const progress = done ? 100 : Math.min(95, Math.round(30 + 60 * s));
      rows.tasks.push({
        tenantId: tenant.id,
        id: taskId,
        batchId,
        title: task.title,
        category: task.category,
        description: `市政府督查室交办：${task.target}`,
        target: task.target,
        targetValue: task.targetValue,
        unit: task.unit,
        deadline: task.deadline,
        assignedOn: task.assignedOn,
        status: done ? 'done' : progress > 0 ? 'in_progress' : 'assigned',
        progressPct: progress,
        achievedValue: d((Number(task.targetValue) * progress) / 100),
        completedOn: done ? finishOn : null,
        assignedByName: '市政府督查室',
      });
      const reportOn = addDays(task.assignedOn, 30);
      if (reportOn <= today) {
        rows.reports.push({ tenantId: tenant.id, id: id(ID.report, (k + 1) * 1000 + ti * 2), taskId, reportedOn: reportOn, progressPct: Math.min(progress, 40), note: '已成立专班，倒排工期，逐项推进', actorName: `${tenant.shortName}督查室` });
      }
      if (done) rows.reports.push({ tenantId: tenant.id, id: id(ID.report, (k + 1) * 1000 + ti * 2 + 1), taskId, reportedOn: finishOn, progressPct: 100, note: '任务全部完成，申请销号', actorName: `${tenant.shortName}督查室` });
    });
  });

  // Values, weights and rankings, quarter by quarter.
  let previous: RankingInputs['previous'] = null;
  let previousRankingId: string | null = null;
  quarters.forEach((p, qi) => {
    const q = Number(p.code.slice(-1));
    const withTour = tourResults.has(p.code);
    const weights = withTour ? TOUR_WEIGHTS : PLAIN_WEIGHTS;
    const items: WeightItem[] = Object.entries(weights).map(([code, weight]) => ({ indicatorId: indicatorId(code), weight, required: true }));
    rows.weightSets.push({ tenantId: city, periodId: p.id, formulaVersion: 'v1', normalisation: 'share_of_best', missingPolicy: 'zero', weightTotal: '100', redListSize: 3, blackListSize: 3, items });

    const current = p.endsOn >= today;
    const values: RankingInputs['values'] = {};
    for (const tenant of districts) {
      values[tenant.id] = {};
      const s = strength(tenant.id, p.code);
      for (const def of DEFS) {
        if (def.code === 'GM01' && !withTour) continue;
        const r = rand(`value:${def.code}:${tenant.id}:${p.code}`);
        const value = def.code === 'GM01' ? tourResults.get(p.code)!.get(tenant.id)! : d(Math.max(0, def.value(s, q, r)), def.unit === '个' ? 0 : 2);
        values[tenant.id]![indicatorId(def.code)] = value;
        rows.values.push({
          tenantId: tenant.id,
          periodId: p.id,
          indicatorId: indicatorId(def.code),
          value,
          source: def.source,
          evidence: def.source === 'manual' ? `${p.name}营商环境第三方测评报告` : null,
          detail: def.source === 'tour' ? { tourId: id(ID.tour, TOURS.find((t) => t.quarter === p.code)!.n), aggregation: 'trimmed_mean' } : { demo: true, note: '演示数据' },
          recordedByName: def.source === 'manual' ? `${tenant.shortName}督查室` : '系统计算',
          recordedAt: new Date(`${p.endsOn}T16:00:00Z`),
        });
      }
    }

    const inputs: RankingInputs = {
      formulaVersion: 'v1',
      normalisation: 'share_of_best',
      missingPolicy: 'zero',
      weightTotal: '100',
      redListSize: 3,
      blackListSize: 3,
      indicators: items.map((i) => ({ indicatorId: i.indicatorId, direction: indicators.find((x) => x.id === i.indicatorId)!.direction, weight: i.weight, required: true })),
      tenants: districts.map((t) => ({ tenantId: t.id, name: t.name, rankingGroup: t.rankingGroup, sortOrder: t.sortOrder })),
      values,
      previous,
    };
    const out = computeRanking(inputs);
    const rankingId = id(ID.ranking, qi + 1);
    const computedAt = current ? new Date(`${today}T02:00:00Z`) : new Date(`${addDays(p.endsOn, 8)}T02:00:00Z`);
    const publishedAt = current ? null : new Date(`${addDays(p.endsOn, 10)}T02:00:00Z`);
    rows.rankings.push({
      tenantId: city,
      id: rankingId,
      periodId: p.id,
      status: current ? 'draft' : 'published',
      formulaVersion: 'v1',
      snapshot: {
        inputs,
        period: { id: p.id, code: p.code, name: p.name },
        indicators: items.map((i) => {
          const ind = indicators.find((x) => x.id === i.indicatorId)!;
          return { indicatorId: ind.id, code: ind.code, name: ind.name, unit: ind.unit, direction: ind.direction, dimension: ind.dimension, weight: i.weight, required: true, best: null, average: null };
        }),
        previousRankingId,
      },
      result: { result: out.result, stats: out.stats },
      previousRankingId,
      computedAt,
      computedByName: '市督查室',
      reviewedAt: current ? null : computedAt,
      reviewedByName: current ? null : '市督查室',
      publishedAt,
      publishedByName: current ? null : '市营商办',
    });
    if (!current) {
      previous = out.result.entries.map((e) => ({ tenantId: e.tenantId, rank: e.rank, groupRank: e.groupRank }));
      previousRankingId = rankingId;
    }

    // 三标 of the latest quarters: the group's best as the benchmark, the city average as the standard.
    if (qi >= quarters.length - 2) {
      DEFS.filter((def) => def.code !== 'GM01').forEach((def, di) => {
        const indId = indicatorId(def.code);
        const stat = out.stats.find((st) => st.indicatorId === indId);
        districts.forEach((tenant, ti) => {
          const peers = districts.filter((x) => x.rankingGroup === tenant.rankingGroup && values[x.id]![indId] !== undefined);
          if (!stat?.average || peers.length === 0) return;
          const best = peers.reduce((a, b) => {
            const va = Number(values[a.id]![indId]);
            const vb = Number(values[b.id]![indId]);
            return (def.direction === 'higher' ? vb > va : vb < va) ? b : a;
          });
          const markDone = rand(`mark:${tenant.id}:${p.code}:${def.code}`) > 0.4;
          rows.targets.push({
            tenantId: tenant.id,
            id: id(ID.target, qi * 10_000 + di * 100 + ti),
            periodId: p.id,
            indicatorId: indId,
            benchmarkName: best.name,
            benchmarkValue: values[best.id]![indId]!,
            standardValue: stat.average,
            breakthrough: di === 0 ? `${p.name}新开工重点项目全部纳统入库` : null,
            breakthroughDue: di === 0 ? p.endsOn : null,
            breakthroughDone: di === 0 && markDone && !current,
            breakthroughDoneOn: di === 0 && markDone && !current ? addDays(p.endsOn, -5) : null,
            updatedByName: `${tenant.shortName}督查室`,
          });
        });
      });
    }
  });

  // The year's standards (annual targets) and the first half's values: the mid-year view (双过半, 半年红).
  const year = period('2026');
  const h1 = period('2026H1');
  if (h1.endsOn < today) {
    const q2 = rows.values.filter((v) => v.periodId === period('2026Q2').id);
    for (const v of q2) rows.values.push({ ...v, periodId: h1.id });
    districts.forEach((tenant, ti) => {
      for (const [code, target] of [['XM01', '100'], ['YS02', '90'], ['DC01', '100']] as const) {
        rows.targets.push({ tenantId: tenant.id, id: id(ID.target, 900_000 + ti * 10 + DEFS.findIndex((x) => x.code === code)), periodId: year.id, indicatorId: indicatorId(code), standardValue: target, updatedByName: `${tenant.shortName}督查室` });
      }
    });
  }
  return rows;
}
