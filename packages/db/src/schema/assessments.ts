import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgPolicy,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { currentTenant, idempotencyKeysTable, tenantId, tenantIsolation, timestamps, version } from './common.ts';
import { assessments } from './services.ts';

/**
 * 三标, 观摩, 督查, 赛马. Two kinds of rows:
 * - the city office's own (indicator catalogue, periods, weights, tours, rankings): owned by the city tenant; its
 *   districts may read the catalogue, the tours and the *published* rankings, never write them;
 * - a district's own (三标, indicator values, supervision tasks and reports): owned by the district and visible to
 *   it and to its city (`assessments.city_sees`, the rule of `identity.city_sees`), so the city can assign tasks
 *   and snapshot computed values, and no district ever sees another's.
 * The functions named in the policies are created in the custom security migration.
 * Decimals are `numeric(20,6)`, read as strings: rankings are computed in exact arithmetic.
 */

export const indicatorDirection = assessments.enum('indicator_direction', ['higher', 'lower']);
export const indicatorDimension = assessments.enum('indicator_dimension', ['projects', 'enterprise', 'environment', 'observation', 'supervision']);
export const indicatorSource = assessments.enum('indicator_source', ['computed', 'manual', 'tour', 'supervision']);
export const periodKind = assessments.enum('period_kind', ['month', 'quarter', 'half', 'year']);
export const periodStatus = assessments.enum('period_status', ['open', 'closed']);
export const normalisation = assessments.enum('normalisation', ['share_of_best', 'min_max', 'points']);
export const missingPolicy = assessments.enum('missing_policy', ['zero', 'exclude']);
export const tourAggregation = assessments.enum('tour_aggregation', ['trimmed_mean', 'mean']);
export const tourStatus = assessments.enum('tour_status', ['scoring', 'closed']);
export const supervisionTaskStatus = assessments.enum('supervision_task_status', ['assigned', 'in_progress', 'done']);
export const supervisionCategory = assessments.enum('supervision_category', [
  'resettlement_signing',
  'resettlement_building',
  'real_estate_resumption',
  'urban_renewal',
  'other',
]);
export const rankingStatus = assessments.enum('ranking_status', ['draft', 'reviewed', 'published']);

const decimal = (name: string) => numeric(name, { precision: 20, scale: 6 });

/** The city's districts read what their city office published for them (catalogue, periods, tours). */
const cityPublished = (table: string, extra?: ReturnType<typeof sql>) =>
  pgPolicy(`${table}_district_read`, {
    as: 'permissive',
    for: 'select',
    using: extra
      ? sql`tenant_id = assessments.current_city() and ${extra}`
      : sql`tenant_id = assessments.current_city()`,
  });

/** District rows the city office may read and write (assign tasks, snapshot values); no sibling sees them. */
const tenantOrCity = (table: string) =>
  pgPolicy(`${table}_tenant_or_city`, {
    as: 'permissive',
    for: 'all',
    using: sql`tenant_id = ${currentTenant} or assessments.city_sees(tenant_id)`,
    withCheck: sql`tenant_id = ${currentTenant} or assessments.city_sees(tenant_id)`,
  });

// ---------------------------------------------------------------------------------------------------------------
// The city office's catalogue

export const indicators = assessments.table(
  'indicators',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull().default(''),
    direction: indicatorDirection('direction').notNull(),
    dimension: indicatorDimension('dimension').notNull(),
    source: indicatorSource('source').notNull(),
    /** For `computed`: the read-contract formula (a key of the contracts' COMPUTED_METRICS). */
    metric: text('metric'),
    description: text('description'),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    version: version(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('indicators_code_key').on(t.tenantId, t.code),
    check('indicators_metric_check', sql`(${t.source} = 'computed') = (${t.metric} is not null)`),
    tenantIsolation('indicators'),
    cityPublished('indicators'),
  ],
).enableRLS();

export const periods = assessments.table(
  'periods',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    kind: periodKind('kind').notNull(),
    /** `2026-10`, `2026Q3`, `2026H1`, `2026`. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    status: periodStatus('status').notNull().default('open'),
    version: version(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('periods_code_key').on(t.tenantId, t.code),
    index('periods_status_idx').on(t.tenantId, t.status, t.endsOn),
    check('periods_dates_check', sql`${t.startsOn} <= ${t.endsOn}`),
    tenantIsolation('periods'),
    cityPublished('periods'),
  ],
).enableRLS();

/** The weights and the formula of one period: what its ranking is computed with (and frozen with on publish). */
export const weightSets = assessments.table(
  'weight_sets',
  {
    tenantId: tenantId(),
    periodId: uuid('period_id').notNull(),
    formulaVersion: text('formula_version').notNull(),
    normalisation: normalisation('normalisation').notNull(),
    missingPolicy: missingPolicy('missing_policy').notNull(),
    weightTotal: decimal('weight_total').notNull(),
    redListSize: smallint('red_list_size').notNull(),
    blackListSize: smallint('black_list_size').notNull(),
    /** `[{ indicatorId, weight, required, points? }]`, validated by the contracts' schema. */
    items: jsonb('items').notNull(),
    version: version(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.periodId] }),
    foreignKey({ columns: [t.tenantId, t.periodId], foreignColumns: [periods.tenantId, periods.id] }).onDelete('cascade'),
    tenantIsolation('weight_sets'),
    cityPublished('weight_sets'),
  ],
).enableRLS();

// ---------------------------------------------------------------------------------------------------------------
// A district's own rows

/** 三标 of one tenant, indicator and period. Period and indicator are the city's rows, checked on write. */
export const targets = assessments.table(
  'targets',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    periodId: uuid('period_id').notNull(),
    indicatorId: uuid('indicator_id').notNull(),
    benchmarkName: text('benchmark_name'),
    benchmarkValue: decimal('benchmark_value'),
    standardValue: decimal('standard_value'),
    breakthrough: text('breakthrough'),
    breakthroughDue: date('breakthrough_due'),
    breakthroughDone: boolean('breakthrough_done').notNull().default(false),
    breakthroughDoneOn: date('breakthrough_done_on'),
    note: text('note'),
    updatedByName: text('updated_by_name'),
    version: version(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('targets_period_indicator_key').on(t.tenantId, t.periodId, t.indicatorId),
    check('targets_done_check', sql`${t.breakthroughDone} = (${t.breakthroughDoneOn} is not null)`),
    tenantOrCity('targets'),
  ],
).enableRLS();

/** One value per tenant × indicator × period, with where it came from; the nightly snapshot upserts on this key. */
export const indicatorValues = assessments.table(
  'indicator_values',
  {
    tenantId: tenantId(),
    periodId: uuid('period_id').notNull(),
    indicatorId: uuid('indicator_id').notNull(),
    value: decimal('value'),
    source: indicatorSource('source').notNull(),
    evidence: text('evidence'),
    detail: jsonb('detail'),
    recordedBy: uuid('recorded_by'),
    recordedByName: text('recorded_by_name'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    version: version(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.periodId, t.indicatorId] }),
    check('indicator_values_evidence_check', sql`${t.source} <> 'manual' or ${t.evidence} is not null`),
    tenantOrCity('indicator_values'),
  ],
).enableRLS();

/** 督查: a task the city office assigned to this tenant (one row per tenant; `batch_id` groups one assignment). */
export const supervisionTasks = assessments.table(
  'supervision_tasks',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    batchId: uuid('batch_id').notNull(),
    title: text('title').notNull(),
    category: supervisionCategory('category').notNull(),
    description: text('description'),
    target: text('target').notNull(),
    targetValue: decimal('target_value'),
    unit: text('unit'),
    deadline: date('deadline').notNull(),
    assignedOn: date('assigned_on').notNull(),
    status: supervisionTaskStatus('status').notNull().default('assigned'),
    progressPct: smallint('progress_pct').notNull().default(0),
    achievedValue: decimal('achieved_value'),
    completedOn: date('completed_on'),
    assignedByName: text('assigned_by_name'),
    version: version(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('supervision_tasks_batch_idx').on(t.tenantId, t.batchId),
    index('supervision_tasks_deadline_idx').on(t.tenantId, t.status, t.deadline),
    check('supervision_tasks_progress_check', sql`${t.progressPct} between 0 and 100`),
    check('supervision_tasks_done_check', sql`(${t.status} = 'done') = (${t.completedOn} is not null)`),
    tenantOrCity('supervision_tasks'),
  ],
).enableRLS();

/** Progress reports on a task, append-only. */
export const supervisionReports = assessments.table(
  'supervision_reports',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    taskId: uuid('task_id').notNull(),
    reportedOn: date('reported_on').notNull(),
    progressPct: smallint('progress_pct').notNull(),
    achievedValue: decimal('achieved_value'),
    note: text('note').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('supervision_reports_task_idx').on(t.tenantId, t.taskId),
    foreignKey({ columns: [t.tenantId, t.taskId], foreignColumns: [supervisionTasks.tenantId, supervisionTasks.id] }).onDelete('cascade'),
    check('supervision_reports_progress_check', sql`${t.progressPct} between 0 and 100`),
    tenantOrCity('supervision_reports'),
  ],
).enableRLS();

// ---------------------------------------------------------------------------------------------------------------
// Observation tours (the city office's)

export const tours = assessments.table(
  'tours',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    /** The period and tour indicator the results feed when the tour is closed. */
    periodId: uuid('period_id'),
    indicatorId: uuid('indicator_id'),
    aggregation: tourAggregation('aggregation').notNull(),
    status: tourStatus('status').notNull().default('scoring'),
    /** `[{ code, name, maxPoints }]` */
    criteria: jsonb('criteria').notNull(),
    /** `[{ id, name, unit }]` */
    scorers: jsonb('scorers').notNull(),
    version: version(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('tours_dates_idx').on(t.tenantId, t.startsOn),
    check('tours_dates_check', sql`${t.startsOn} <= ${t.endsOn}`),
    tenantIsolation('tours'),
    cityPublished('tours'),
  ],
).enableRLS();

/** The sites visited, per assessed tenant (a district sees its own). */
export const tourSites = assessments.table(
  'tour_sites',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    tourId: uuid('tour_id').notNull(),
    subjectTenantId: uuid('subject_tenant_id').notNull(),
    /** A project of the assessed tenant (its id in the projects ledger, not a foreign key across schemas). */
    projectId: uuid('project_id'),
    projectName: text('project_name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('tour_sites_tour_idx').on(t.tenantId, t.tourId, t.subjectTenantId),
    foreignKey({ columns: [t.tenantId, t.tourId], foreignColumns: [tours.tenantId, tours.id] }).onDelete('cascade'),
    tenantIsolation('tour_sites'),
    cityPublished('tour_sites', sql`subject_tenant_id = ${currentTenant}`),
  ],
).enableRLS();

/** Each scorer's sheet for one assessed tenant: the city office's (the district reads its own once the tour closes). */
export const tourScores = assessments.table(
  'tour_scores',
  {
    tenantId: tenantId(),
    tourId: uuid('tour_id').notNull(),
    subjectTenantId: uuid('subject_tenant_id').notNull(),
    scorerId: uuid('scorer_id').notNull(),
    /** `{ criterionCode: "12.5" }` */
    scores: jsonb('scores').notNull(),
    total: decimal('total').notNull(),
    scoredByName: text('scored_by_name'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.tourId, t.subjectTenantId, t.scorerId] }),
    foreignKey({ columns: [t.tenantId, t.tourId], foreignColumns: [tours.tenantId, tours.id] }).onDelete('cascade'),
    check('tour_scores_total_check', sql`${t.total} >= 0`),
    tenantIsolation('tour_scores'),
    // Once the tour is closed, a district reads the sheets about itself (its own result); never another's.
    cityPublished(
      'tour_scores',
      sql`subject_tenant_id = ${currentTenant} and exists (select 1 from assessments.tours t where t.tenant_id = tour_scores.tenant_id and t.id = tour_scores.tour_id and t.status = 'closed')`,
    ),
  ],
).enableRLS();

// ---------------------------------------------------------------------------------------------------------------
// Rankings (the city office's; districts read the published ones)

/**
 * One ranking per period. `snapshot` freezes everything it was computed from (values, weights, formula version,
 * tenants and groups, the previous ranks); `result` is what the formula gave. Once published, a trigger refuses
 * any change, so the numbers a 通报 printed stay auditable.
 */
export const rankings = assessments.table(
  'rankings',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    periodId: uuid('period_id').notNull(),
    status: rankingStatus('status').notNull().default('draft'),
    formulaVersion: text('formula_version').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    result: jsonb('result').notNull(),
    previousRankingId: uuid('previous_ranking_id'),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
    computedByName: text('computed_by_name'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedByName: text('reviewed_by_name'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedByName: text('published_by_name'),
    version: version(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('rankings_period_key').on(t.tenantId, t.periodId),
    index('rankings_status_idx').on(t.tenantId, t.status, t.publishedAt),
    foreignKey({ columns: [t.tenantId, t.periodId], foreignColumns: [periods.tenantId, periods.id] }),
    check('rankings_published_check', sql`(${t.status} = 'published') = (${t.publishedAt} is not null)`),
    tenantIsolation('rankings'),
    cityPublished('rankings', sql`status = 'published'`),
  ],
).enableRLS();

export const assessmentsIdempotencyKeys = idempotencyKeysTable(assessments);
