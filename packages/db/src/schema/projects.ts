import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { idempotencyKeysTable, tenantId, tenantIsolation, timestamps, version } from './common.ts';
import { identity } from './identity.ts';
import { projects } from './services.ts';

/**
 * The 三个一批 major-project ledger. Money is 万元 in `numeric(14,2)` (up to 万亿, exact, summed in SQL); the
 * driver hands it over as a string and the API keeps it a string.
 */

/** 谋划 → 洽谈 → 签约 → 开工 → 建设 → 投产 → 达产; the enum order is the stage order, so `<` compares stages. */
export const projectStage = projects.enum('project_stage', [
  'planning',
  'negotiating',
  'signed',
  'started',
  'constructing',
  'producing',
  'at_capacity',
]);
export const projectCategory = projects.enum('project_category', [
  'advanced_manufacturing',
  'emerging_industry',
  'digital_infrastructure',
  'major_infrastructure',
  'modern_services',
  'livelihood',
  'other',
]);
export const projectLevel = projects.enum('project_level', ['provincial', 'municipal', 'district']);
export const blockerStatus = projects.enum('blocker_status', ['open', 'closed']);

const money = (name: string) => numeric(name, { precision: 14, scale: 2 });
/** A 三个一批 batch: the quarter of the event, e.g. `2025Q2` (the column says which stage it was for). */
const batch = (name: string) => text(name);
const BATCH_CHECK = `~ '^[0-9]{4}Q[1-4]$'`;

export const projectsTable = projects.table(
  'projects',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    ownerUnit: text('owner_unit').notNull(),
    address: text('address'),
    latitude: numeric('latitude', { precision: 9, scale: 6 }),
    longitude: numeric('longitude', { precision: 9, scale: 6 }),
    /** 建设规模及主要建设内容 */
    scaleContent: text('scale_content'),
    /** 达产后新增产能 */
    newCapacity: text('new_capacity'),
    category: projectCategory('category').notNull(),
    industry: text('industry'),
    /** The Henan 十大战略 the project serves (codes from the contracts). */
    strategies: text('strategies').array().notNull().default(sql`'{}'::text[]`),
    level: projectLevel('level').notNull(),
    totalInvestment: money('total_investment').notNull(),
    cityLeader: text('city_leader'),
    /** The responsible department (an `identity.departments` id of the same tenant, checked on write). */
    departmentId: uuid('department_id'),
    responsiblePerson: text('responsible_person'),
    /** The responsible person's account, when they have one: the `self` data scope matches it. */
    responsibleUserId: uuid('responsible_user_id'),
    contactPhone: text('contact_phone'),
    attracted: boolean('attracted').notNull().default(false),
    sourceRegion: text('source_region'),
    plannedSignDate: date('planned_sign_date'),
    actualSignDate: date('actual_sign_date'),
    plannedStartDate: date('planned_start_date'),
    actualStartDate: date('actual_start_date'),
    plannedProductionDate: date('planned_production_date'),
    actualProductionDate: date('actual_production_date'),
    signBatch: batch('sign_batch'),
    startBatch: batch('start_batch'),
    productionBatch: batch('production_batch'),
    stage: projectStage('stage').notNull().default('planning'),
    stageDate: date('stage_date').notNull(),
    createdBy: uuid('created_by'),
    version: version(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('projects_code_key').on(t.tenantId, t.code),
    index('projects_stage_idx').on(t.tenantId, t.stage),
    index('projects_department_idx').on(t.tenantId, t.departmentId),
    index('projects_investment_idx').on(t.tenantId, t.totalInvestment, t.id),
    index('projects_name_idx').on(t.tenantId, t.name, t.id),
    check('projects_total_investment_check', sql`${t.totalInvestment} >= 0`),
    check('projects_sign_batch_check', sql.raw(`sign_batch ${BATCH_CHECK}`)),
    check('projects_start_batch_check', sql.raw(`start_batch ${BATCH_CHECK}`)),
    check('projects_production_batch_check', sql.raw(`production_batch ${BATCH_CHECK}`)),
    check(
      'projects_actual_dates_order_check',
      sql`coalesce(${t.actualSignDate}, '-infinity') <= coalesce(${t.actualStartDate}, 'infinity')
        and coalesce(${t.actualStartDate}, '-infinity') <= coalesce(${t.actualProductionDate}, 'infinity')
        and coalesce(${t.actualSignDate}, '-infinity') <= coalesce(${t.actualProductionDate}, 'infinity')`,
    ),
    tenantIsolation('projects'),
  ],
).enableRLS();

/** Planned investment per project and year (年度计划投资). */
export const annualPlans = projects.table(
  'annual_plans',
  {
    tenantId: tenantId(),
    projectId: uuid('project_id').notNull(),
    year: smallint('year').notNull(),
    plannedInvestment: money('planned_investment').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.projectId, t.year] }),
    foreignKey({ columns: [t.tenantId, t.projectId], foreignColumns: [projectsTable.tenantId, projectsTable.id] }).onDelete('cascade'),
    check('annual_plans_amount_check', sql`${t.plannedInvestment} >= 0`),
    check('annual_plans_year_check', sql`${t.year} between 2000 and 2100`),
    tenantIsolation('annual_plans'),
  ],
).enableRLS();

/** Every stage move, dated; a move past skipped stages names them, so nothing is skipped silently. */
export const stageHistory = projects.table(
  'stage_history',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    projectId: uuid('project_id').notNull(),
    /** Null for the stage the project was registered in. */
    fromStage: projectStage('from_stage'),
    toStage: projectStage('to_stage').notNull(),
    movedOn: date('moved_on').notNull(),
    batch: batch('batch'),
    skippedStages: projectStage('skipped_stages').array().notNull().default(sql`'{}'`),
    note: text('note'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('stage_history_project_idx').on(t.tenantId, t.projectId, t.movedOn),
    foreignKey({ columns: [t.tenantId, t.projectId], foreignColumns: [projectsTable.tenantId, projectsTable.id] }).onDelete('cascade'),
    check('stage_history_batch_check', sql.raw(`batch ${BATCH_CHECK}`)),
    tenantIsolation('stage_history'),
  ],
).enableRLS();

/** One report per project and month (`month` is the first day of the month). */
export const investmentReports = projects.table(
  'investment_reports',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    projectId: uuid('project_id').notNull(),
    month: date('month').notNull(),
    plannedInvestment: money('planned_investment').notNull(),
    completedInvestment: money('completed_investment').notNull(),
    /** 形象进度 */
    progress: text('progress'),
    photos: text('photos').array().notNull().default(sql`'{}'::text[]`),
    problems: text('problems'),
    reportedBy: uuid('reported_by'),
    reportedByName: text('reported_by_name'),
    version: version(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('investment_reports_project_month_key').on(t.tenantId, t.projectId, t.month),
    index('investment_reports_month_idx').on(t.tenantId, t.month),
    foreignKey({ columns: [t.tenantId, t.projectId], foreignColumns: [projectsTable.tenantId, projectsTable.id] }),
    check('investment_reports_amounts_check', sql`${t.plannedInvestment} >= 0 and ${t.completedInvestment} >= 0`),
    check('investment_reports_month_check', sql`extract(day from ${t.month}) = 1`),
    tenantIsolation('investment_reports'),
  ],
).enableRLS();

/** 问题台账: a problem that needs coordination, assigned to a unit with a deadline, until it is closed (销号). */
export const blockers = projects.table(
  'blockers',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    projectId: uuid('project_id').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    /** 用地, 资金, 审批 … (free text: cities name them differently). */
    kind: text('kind'),
    /** The unit it is assigned to; often outside the tenant (市自然资源局), so a name, not an id. */
    assignedUnit: text('assigned_unit'),
    raisedOn: date('raised_on').notNull(),
    deadline: date('deadline'),
    status: blockerStatus('status').notNull().default('open'),
    closedOn: date('closed_on'),
    closureNote: text('closure_note'),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name'),
    version: version(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('blockers_project_idx').on(t.tenantId, t.projectId),
    index('blockers_status_idx').on(t.tenantId, t.status, t.deadline),
    foreignKey({ columns: [t.tenantId, t.projectId], foreignColumns: [projectsTable.tenantId, projectsTable.id] }).onDelete('cascade'),
    check('blockers_closed_check', sql`(${t.status} = 'closed') = (${t.closedOn} is not null)`),
    tenantIsolation('blockers'),
  ],
).enableRLS();

/** Progress notes on a blocker, append-only. */
export const blockerNotes = projects.table(
  'blocker_notes',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    blockerId: uuid('blocker_id').notNull(),
    notedOn: date('noted_on').notNull(),
    note: text('note').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('blocker_notes_blocker_idx').on(t.tenantId, t.blockerId),
    foreignKey({ columns: [t.tenantId, t.blockerId], foreignColumns: [blockers.tenantId, blockers.id] }).onDelete('cascade'),
    tenantIsolation('blocker_notes'),
  ],
).enableRLS();

export const projectsIdempotencyKeys = idempotencyKeysTable(projects);

/**
 * Identity publishes the current tenant's department tree to the other services through this read-only view
 * (created in a custom migration): `path` lists the ancestors' ids from the root down to the department itself.
 */
export const departmentTreeView = identity
  .view('department_tree_v', {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    parentId: uuid('parent_id'),
    code: text('code').notNull(),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull(),
    path: uuid('path').array().notNull(),
  })
  .existing();
