import {
  type CreateProjectInput,
  type Project,
  type ProjectListQuery,
  type ProjectStage,
  type UpdateProjectInput,
  stageIndex,
} from '@yingshang/contracts';
import { type Tx, queryRows, schema, uuidv7 } from '@yingshang/db';
import { problems, staleVersion } from '@yingshang/service-kit';
import { type SQL, and, eq, sql } from 'drizzle-orm';
import { containsPattern, decodeCursor, encodeCursor } from './cursor.ts';
import { type FieldError, fieldProblem, fieldsProblem, ruleProblem, uniqueFields } from './problems.ts';
import { projectProgress } from './progress.ts';
import { type Viewer, assignableDepartments, scopePredicate } from './scope.ts';
import { STAGE_MILESTONES, checkProjectDates, isMilestone } from './stages.ts';
import { monthNumber, monthStart, yearOf } from './time.ts';

const P = schema.projectsTable;

/** The month figures run to, and the bounds the SQL needs. */
export interface AsOf {
  month: string;
  year: number;
  monthNumber: number;
  yearStart: string;
  june: string;
  monthStart: string;
}

export function asOfMonth(month: string): AsOf {
  const year = yearOf(month);
  return { month, year, monthNumber: monthNumber(month), yearStart: `${year}-01-01`, june: `${year}-06-01`, monthStart: monthStart(month) };
}

interface ProjectRow {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  ownerUnit: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  scaleContent: string | null;
  newCapacity: string | null;
  category: Project['category'];
  industry: string | null;
  strategies: Project['strategies'];
  level: Project['level'];
  totalInvestment: string;
  annualPlans: { year: number; plannedInvestment: string }[];
  cityLeader: string | null;
  departmentId: string | null;
  departmentName: string | null;
  responsiblePerson: string | null;
  responsibleUserId: string | null;
  contactPhone: string | null;
  attracted: boolean;
  sourceRegion: string | null;
  plannedSignDate: string | null;
  actualSignDate: string | null;
  plannedStartDate: string | null;
  actualStartDate: string | null;
  plannedProductionDate: string | null;
  actualProductionDate: string | null;
  signBatch: string | null;
  startBatch: string | null;
  productionBatch: string | null;
  stage: ProjectStage;
  stageDate: string;
  openBlockers: number;
  version: number;
  createdAt: string | Date;
  updatedAt: string | Date;
  ytd: string;
  sinceStart: string;
  firstHalf: string;
  lastMonth: string | null;
  annualPlan: string | null;
  status: string;
  sortKey: string;
}

/**
 * One project per row with everything the API shows, progress as of `asOf` included. Dates and money come back as
 * text, so both drivers (Neon's and PGlite) hand over the same strings.
 */
function projectSelect(asOf: AsOf, sortKey: SQL): SQL {
  return sql`
    select p.id, p.code, p.name, p.short_name as "shortName", p.owner_unit as "ownerUnit", p.address,
      p.latitude::float8 as latitude, p.longitude::float8 as longitude, p.scale_content as "scaleContent",
      p.new_capacity as "newCapacity", p.category, p.industry, p.strategies, p.level,
      p.total_investment::text as "totalInvestment",
      coalesce((select json_agg(json_build_object('year', ap.year, 'plannedInvestment', ap.planned_investment::text) order by ap.year)
                from projects.annual_plans ap where ap.tenant_id = p.tenant_id and ap.project_id = p.id), '[]'::json) as "annualPlans",
      p.city_leader as "cityLeader", p.department_id as "departmentId", d.name as "departmentName",
      p.responsible_person as "responsiblePerson", p.responsible_user_id as "responsibleUserId",
      p.contact_phone as "contactPhone", p.attracted, p.source_region as "sourceRegion",
      p.planned_sign_date::text as "plannedSignDate", p.actual_sign_date::text as "actualSignDate",
      p.planned_start_date::text as "plannedStartDate", p.actual_start_date::text as "actualStartDate",
      p.planned_production_date::text as "plannedProductionDate", p.actual_production_date::text as "actualProductionDate",
      p.sign_batch as "signBatch", p.start_batch as "startBatch", p.production_batch as "productionBatch",
      p.stage, p.stage_date::text as "stageDate",
      (select count(*)::int from projects.blockers b where b.tenant_id = p.tenant_id and b.project_id = p.id and b.status = 'open') as "openBlockers",
      p.version, p.created_at as "createdAt", p.updated_at as "updatedAt",
      pr.ytd::numeric(16,2)::text as ytd, pr.since_start::numeric(16,2)::text as "sinceStart",
      pr.first_half::numeric(16,2)::text as "firstHalf",
      to_char(pr.last_month, 'YYYY-MM') as "lastMonth", apy.planned_investment::text as "annualPlan",
      projects.schedule_status(pr.ytd, apy.planned_investment, ${asOf.monthNumber}::int) as status,
      (${sortKey})::text as "sortKey"
    from projects.projects p
    left join identity.department_tree_v d on d.tenant_id = p.tenant_id and d.id = p.department_id
    left join projects.annual_plans apy on apy.tenant_id = p.tenant_id and apy.project_id = p.id and apy.year = ${asOf.year}::int
    left join lateral (
      select coalesce(sum(r.completed_investment) filter (where r.month >= ${asOf.yearStart}::date), 0) as ytd,
             coalesce(sum(r.completed_investment), 0) as since_start,
             coalesce(sum(r.completed_investment) filter (where r.month >= ${asOf.yearStart}::date and r.month <= ${asOf.june}::date), 0) as first_half,
             max(r.month) as last_month
      from projects.investment_reports r
      where r.tenant_id = p.tenant_id and r.project_id = p.id and r.month <= ${asOf.monthStart}::date
    ) pr on true`;
}

const iso = (v: string | Date) => new Date(v).toISOString();

function toProject(row: ProjectRow, asOf: AsOf): Project {
  const { ytd, sinceStart, firstHalf, lastMonth, annualPlan, status: _status, sortKey: _sortKey, ...rest } = row;
  return {
    ...rest,
    latitude: row.latitude === null ? null : Number(row.latitude),
    longitude: row.longitude === null ? null : Number(row.longitude),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    progress: projectProgress({
      asOf: asOf.month,
      annualPlan,
      ytdCompleted: ytd,
      sinceStartCompleted: sinceStart,
      firstHalfCompleted: firstHalf,
      totalInvestment: row.totalInvestment,
      lastReportedMonth: lastMonth,
    }),
  };
}

const SORT_KEYS: Record<string, { key: SQL; cast: string }> = {
  createdAt: { key: sql`p.id`, cast: 'uuid' },
  code: { key: sql`p.code`, cast: 'text' },
  name: { key: sql`p.name`, cast: 'text' },
  totalInvestment: { key: sql`p.total_investment`, cast: 'numeric' },
  stage: { key: sql`p.stage`, cast: 'projects.project_stage' },
};

const BATCH_STAGES: Record<string, SQL> = {
  签约: sql`p.sign_batch`,
  开工: sql`p.start_batch`,
  投产: sql`p.production_batch`,
};

/** `(…)` of bound parameters: drizzle would otherwise spread an array into the statement. */
const inList = (values: readonly string[]) => sql`(${sql.join(values.map((v) => sql`${v}`), sql`, `)})`;

function listFilters(viewer: Viewer, q: ProjectListQuery): SQL[] {
  const filters: SQL[] = [sql`p.tenant_id = ${viewer.tenantId}::uuid`, scopePredicate(viewer)];
  if (q.q) {
    const pattern = containsPattern(q.q);
    filters.push(sql`(p.code ilike ${pattern} or p.name ilike ${pattern} or p.short_name ilike ${pattern} or p.owner_unit ilike ${pattern})`);
  }
  if (q.stage?.length) filters.push(sql`p.stage::text in ${inList(q.stage)}`);
  if (q.category?.length) filters.push(sql`p.category::text in ${inList(q.category)}`);
  if (q.level?.length) filters.push(sql`p.level::text in ${inList(q.level)}`);
  if (q.strategy) filters.push(sql`${q.strategy}::text = any(p.strategies)`);
  if (q.batch) {
    const quarter = q.batch.slice(0, 6);
    const stage = q.batch.slice(6).trim();
    const column = BATCH_STAGES[stage];
    filters.push(column ? sql`${column} = ${quarter}` : sql`(p.sign_batch = ${quarter} or p.start_batch = ${quarter} or p.production_batch = ${quarter})`);
  }
  if (q.departmentId) {
    filters.push(
      q.includeSubDepartments === 'true'
        ? sql`p.department_id in (select d2.id from identity.department_tree_v d2 where ${q.departmentId}::uuid = any(d2.path))`
        : sql`p.department_id = ${q.departmentId}::uuid`,
    );
  }
  if (q.attracted) filters.push(sql`p.attracted = ${q.attracted === 'true'}`);
  return filters;
}

export async function listProjects(tx: Tx, viewer: Viewer, q: ProjectListQuery, asOf: AsOf) {
  const descending = q.sort.startsWith('-');
  const sortName = descending ? q.sort.slice(1) : q.sort;
  const sort = SORT_KEYS[sortName]!;
  const after = decodeCursor(q.cursor, q.sort);
  const filters = listFilters(viewer, q);
  const direction = sql.raw(descending ? 'desc' : 'asc');
  const keysetOn = (key: SQL, id: SQL): SQL[] =>
    after
      ? [
          descending
            ? sql`(${key}, ${id}) < (${after.value}::${sql.raw(sort.cast)}, ${after.id}::uuid)`
            : sql`(${key}, ${id}) > (${after.value}::${sql.raw(sort.cast)}, ${after.id}::uuid)`,
        ]
      : [];
  let rows: ProjectRow[];
  let count: { n: number } | undefined;
  if (!q.schedule) {
    // Every sort key is a column of the project itself, so the page is chosen on the table (index order) and
    // progress is summed for its rows only; paging after the computed columns summed every project of the district
    // first (160 ms at ten times Zhengzhou, BENCHMARKS.md). The count needs no progress either.
    rows = await queryRows<ProjectRow>(
      tx,
      sql`${projectSelect(asOf, sort.key)} where ${sql.join([...filters, ...keysetOn(sort.key, sql`p.id`)], sql` and `)}
          order by ${sort.key} ${direction}, p.id ${direction} limit ${q.limit + 1}`,
    );
    [count] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from projects.projects p where ${sql.join(filters, sql` and `)}`);
  } else {
    // 进度 (ahead / on track / behind) is computed, so filtering on it must compute it for every candidate first.
    const base = sql`select * from (${projectSelect(asOf, sort.key)} where ${sql.join(filters, sql` and `)}) x where x.status = ${q.schedule}`;
    const keyset = keysetOn(sql`x."sortKey"::${sql.raw(sort.cast)}`, sql`x.id`);
    rows = await queryRows<ProjectRow>(
      tx,
      sql`${base}${keyset.length ? sql` and ${keyset[0]!}` : sql``} order by x."sortKey"::${sql.raw(sort.cast)} ${direction}, x.id ${direction} limit ${q.limit + 1}`,
    );
    [count] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from (${base}) c`);
  }
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items: items.map((r) => toProject(r, asOf)),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ sort: q.sort, value: last.sortKey, id: last.id }) : null,
    total: count?.n ?? 0,
    asOf: asOf.month,
  };
}

/** Every project in scope matching the filters, unpaged (for the Excel export). */
export async function allProjects(tx: Tx, viewer: Viewer, q: ProjectListQuery, asOf: AsOf): Promise<Project[]> {
  const outer = q.schedule ? sql` where x.status = ${q.schedule}` : sql``;
  const rows = await queryRows<ProjectRow>(
    tx,
    sql`select * from (${projectSelect(asOf, sql`p.code`)} where ${sql.join(listFilters(viewer, q), sql` and `)}) x${outer} order by x.code limit 10000`,
  );
  return rows.map((r) => toProject(r, asOf));
}

export async function getProject(tx: Tx, viewer: Viewer, id: string, asOf: AsOf): Promise<Project> {
  const [row] = await queryRows<ProjectRow>(
    tx,
    sql`${projectSelect(asOf, sql`p.id`)} where p.tenant_id = ${viewer.tenantId}::uuid and p.id = ${id}::uuid and ${scopePredicate(viewer)}`,
  );
  if (!row) throw problems.notFound('项目');
  return toProject(row, asOf);
}

export type ProjectRecord = typeof P.$inferSelect;

async function assertVisible(tx: Tx, viewer: Viewer, id: string): Promise<void> {
  const [visible] = await queryRows<{ id: string }>(
    tx,
    sql`select p.id from projects.projects p where p.tenant_id = ${viewer.tenantId}::uuid and p.id = ${id}::uuid and ${scopePredicate(viewer)}`,
  );
  if (!visible) throw problems.notFound('项目');
}

/** The row itself, locked for the rest of the transaction; 404 when it is outside the caller's tenant or scope. */
export async function lockProject(tx: Tx, viewer: Viewer, id: string): Promise<ProjectRecord> {
  await assertVisible(tx, viewer, id);
  const [row] = await tx.select().from(P).where(and(eq(P.tenantId, viewer.tenantId), eq(P.id, id))).for('update');
  if (!row) throw problems.notFound('项目');
  return row;
}

/** The row for reading, without a lock; 404 outside the caller's tenant or scope. */
export async function findProject(tx: Tx, viewer: Viewer, id: string): Promise<ProjectRecord> {
  await assertVisible(tx, viewer, id);
  const [row] = await tx.select().from(P).where(and(eq(P.tenantId, viewer.tenantId), eq(P.id, id)));
  if (!row) throw problems.notFound('项目');
  return row;
}

/** A department of the tenant that the caller may assign; null when none is given. */
export async function checkDepartment(tx: Tx, viewer: Viewer, departmentId: string | null, field: string): Promise<void> {
  if (departmentId === null) return;
  const [row] = await queryRows<{ id: string; assignable: boolean }>(
    tx,
    sql`select d.id, (${assignableDepartments(viewer)}) as assignable from identity.department_tree_v d where d.id = ${departmentId}::uuid`,
  );
  if (!row) throw fieldProblem(field, '责任单位不存在');
  if (!row.assignable) throw fieldProblem(field, '责任单位超出本账号的数据范围');
}

function checkAnnualPlans(plans: { year: number }[] | undefined, field: string): FieldError[] {
  if (!plans) return [];
  const seen = new Set<number>();
  const errors: FieldError[] = [];
  plans.forEach((p, i) => {
    if (seen.has(p.year)) errors.push({ field: `${field}.${i}.year`, message: `${p.year} 年的计划重复` });
    seen.add(p.year);
  });
  return errors;
}

const codeTaken = { projects_code_key: { field: 'json.code', message: '项目编号已存在' } };

type Columns = Omit<typeof P.$inferInsert, 'tenantId' | 'id' | 'stage' | 'stageDate' | 'version' | 'createdAt' | 'updatedAt'>;

function columnsOf(input: Partial<CreateProjectInput>): Partial<Columns> {
  const { annualPlans: _plans, stage: _stage, stageDate: _date, latitude, longitude, ...rest } = input as CreateProjectInput;
  const out: Partial<Columns> = { ...rest };
  if (latitude !== undefined) out.latitude = latitude === null ? null : latitude.toFixed(6);
  if (longitude !== undefined) out.longitude = longitude === null ? null : longitude.toFixed(6);
  for (const key of Object.keys(out) as (keyof Columns)[]) if (out[key] === undefined) delete out[key];
  return out;
}

/**
 * Registers a project in the stage it stands in (a project already under way is registered where it is), with the
 * first entry of its stage history. Dates and batches must agree with the stage.
 */
export async function createProject(tx: Tx, viewer: Viewer, input: CreateProjectInput, today: string, field = 'json'): Promise<ProjectRecord> {
  const stage = input.stage ?? 'planning';
  const milestoneDate = isMilestone(stage) ? input[STAGE_MILESTONES[stage].actual] : undefined;
  const stageDate = input.stageDate ?? milestoneDate ?? today;
  const departmentId = input.departmentId === undefined ? viewer.departmentId : input.departmentId;
  const errors = [
    ...checkProjectDates({ ...input, stage, stageDate }, today, field),
    ...checkAnnualPlans(input.annualPlans, `${field}.annualPlans`),
  ];
  if (errors.length > 0) throw fieldsProblem(errors);
  await checkDepartment(tx, viewer, departmentId ?? null, `${field}.departmentId`);
  const id = uuidv7();
  const [row] = await uniqueFields(
    () =>
      tx
        .insert(P)
        .values({
          ...(columnsOf(input) as Columns),
          tenantId: viewer.tenantId,
          id,
          departmentId: departmentId ?? null,
          stage,
          stageDate,
          createdBy: viewer.userId,
        })
        .returning(),
    { projects_code_key: { field: `${field}.code`, message: '项目编号已存在' } },
  );
  if (input.annualPlans?.length) {
    await tx.insert(schema.annualPlans).values(
      input.annualPlans.map((p) => ({ tenantId: viewer.tenantId, projectId: id, year: p.year, plannedInvestment: p.plannedInvestment })),
    );
  }
  const batch = isMilestone(stage) ? (input[STAGE_MILESTONES[stage].batch] ?? null) : null;
  await tx.insert(schema.stageHistory).values({
    tenantId: viewer.tenantId,
    id: uuidv7(),
    projectId: id,
    fromStage: null,
    toStage: stage,
    movedOn: stageDate,
    batch,
    note: '登记项目',
    actorId: viewer.userId,
    actorName: viewer.displayName,
  });
  return row!;
}

export async function updateProject(
  tx: Tx,
  viewer: Viewer,
  before: ProjectRecord,
  expected: number,
  input: UpdateProjectInput,
  today: string,
): Promise<ProjectRecord> {
  if (before.version !== expected) throw staleVersion(before.version);
  const merged = { ...before, ...columnsOf(input as Partial<CreateProjectInput>) };
  const errors = [...checkProjectDates(merged, today), ...checkAnnualPlans(input.annualPlans, 'json.annualPlans')];
  if (errors.length > 0) throw fieldsProblem(errors);
  if (input.departmentId !== undefined && input.departmentId !== before.departmentId) {
    await checkDepartment(tx, viewer, input.departmentId, 'json.departmentId');
  }
  const [row] = await uniqueFields(
    () =>
      tx
        .update(P)
        .set({ ...columnsOf(input as Partial<CreateProjectInput>), version: before.version + 1, updatedAt: new Date() })
        .where(and(eq(P.tenantId, before.tenantId), eq(P.id, before.id), eq(P.version, expected)))
        .returning(),
    codeTaken,
  );
  if (!row) throw staleVersion(before.version + 1);
  if (input.annualPlans) {
    await tx.delete(schema.annualPlans).where(and(eq(schema.annualPlans.tenantId, before.tenantId), eq(schema.annualPlans.projectId, before.id)));
    if (input.annualPlans.length > 0) {
      await tx.insert(schema.annualPlans).values(
        input.annualPlans.map((p) => ({ tenantId: before.tenantId, projectId: before.id, year: p.year, plannedInvestment: p.plannedInvestment })),
      );
    }
  }
  return row;
}

/**
 * A project registered by mistake can be deleted; one with investment reports cannot: its figures are in the
 * statistics, the monthly reports already filed and the read contract assessments ranks districts on.
 */
export async function deleteProject(tx: Tx, before: ProjectRecord, expected: number): Promise<void> {
  if (before.version !== expected) throw staleVersion(before.version);
  const [reports] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from projects.investment_reports where tenant_id = ${before.tenantId}::uuid and project_id = ${before.id}::uuid`,
  );
  if ((reports?.n ?? 0) > 0) {
    throw ruleProblem('project-has-reports', '项目已有投资月报，不能删除', 'param.id', `该项目已填报 ${reports!.n} 个月的投资月报，已计入统计，不能删除`);
  }
  await tx.delete(P).where(and(eq(P.tenantId, before.tenantId), eq(P.id, before.id)));
}

export const stageOrder = (a: ProjectStage, b: ProjectStage) => stageIndex(a) - stageIndex(b);
