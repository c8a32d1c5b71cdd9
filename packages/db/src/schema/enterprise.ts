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
import { enterprise } from './services.ts';

/**
 * 万人助万企: enterprise files, pairing and visits, appeals with working-day time limits and an append-only
 * timeline, policies with machine-checkable criteria (免申即享) and parks. Money is 万元 in `numeric(14,2)`.
 */

export const enterpriseSize = enterprise.enum('enterprise_size', ['large', 'medium', 'small', 'micro']);
/** 专精特新, 小巨人, 单项冠军, 高新技术企业, 科技型中小企业, 智能车间, 智能工厂 … (codes in the contracts). */
export const enterpriseCertification = enterprise.enum('enterprise_certification', [
  'specialized',
  'little_giant',
  'single_champion',
  'high_tech',
  'tech_sme',
  'smart_workshop',
  'smart_factory',
]);
export const appealCategory = enterprise.enum('appeal_category', [
  'financing',
  'labour',
  'land',
  'approval',
  'policy',
  'logistics',
  'utilities',
  'legal',
  'other',
]);
export const appealSource = enterprise.enum('appeal_source', ['enterprise', 'visit', 'hotline']);
/**
 * 登记 → 交办 → 办理中 → 申请办结 → 回访评价 → 销号, with 异议退回 (`objected`, waiting to be re-routed). Overdue,
 * escalation and a pending extension are flags beside the state, not states: an overdue appeal is still in progress.
 */
export const appealStatus = enterprise.enum('appeal_status', [
  'registered',
  'assigned',
  'objected',
  'in_progress',
  'resolution_reported',
  'rated',
  'closed',
]);
/** The national five levels, best first. */
export const satisfactionLevel = enterprise.enum('satisfaction_level', [
  'very_satisfied',
  'satisfied',
  'basically_satisfied',
  'dissatisfied',
  'very_dissatisfied',
]);
export const extensionStatus = enterprise.enum('extension_status', ['pending', 'approved', 'rejected']);
export const policyStatus = enterprise.enum('policy_status', ['draft', 'published', 'withdrawn']);
export const matchStatus = enterprise.enum('match_status', ['matched', 'notified', 'confirmed', 'paid']);
/** `automatic`: the data decided every criterion (免申即享); `quick_application`: some it could not (快申快享). */
export const matchMode = enterprise.enum('match_mode', ['automatic', 'quick_application']);
export const parkStage = enterprise.enum('park_stage', ['planning', 'constructing', 'operating']);

const money = (name: string) => numeric(name, { precision: 14, scale: 2 });
const area = (name: string) => numeric(name, { precision: 12, scale: 2 });

/** 一企一档. */
export const enterprises = enterprise.table(
  'enterprises',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    uscc: text('uscc').notNull(),
    name: text('name').notNull(),
    /** GB/T 4754 section letter (A–T). */
    industry: text('industry').notNull(),
    size: enterpriseSize('size').notNull(),
    aboveThreshold: boolean('above_threshold').notNull().default(false),
    headcount: integer('headcount'),
    insuredHeadcount: integer('insured_headcount'),
    revenue: money('revenue'),
    tax: money('tax'),
    rdSpending: money('rd_spending'),
    certifications: enterpriseCertification('certifications').array().notNull().default(sql`'{}'`),
    foundedOn: date('founded_on'),
    address: text('address'),
    parkId: uuid('park_id'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    /** When the file was opened in this tenant: the figures count enterprises registered by a month's end. */
    registeredOn: date('registered_on').notNull(),
    createdBy: uuid('created_by'),
    version: version(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('enterprises_uscc_key').on(t.tenantId, t.uscc),
    index('enterprises_name_idx').on(t.tenantId, t.name, t.id),
    index('enterprises_park_idx').on(t.tenantId, t.parkId),
    check('enterprises_uscc_check', sql`${t.uscc} ~ '^[0-9A-Z]{18}$'`),
    check('enterprises_industry_check', sql`${t.industry} ~ '^[A-T]$'`),
    check(
      'enterprises_amounts_check',
      sql`coalesce(${t.revenue}, 0) >= 0 and coalesce(${t.tax}, 0) >= 0 and coalesce(${t.rdSpending}, 0) >= 0
        and coalesce(${t.headcount}, 0) >= 0 and coalesce(${t.insuredHeadcount}, 0) >= 0`,
    ),
    tenantIsolation('enterprises'),
  ],
).enableRLS();

/** Which enterprise an enterprise user speaks for. Identity knows the user; this service knows the enterprise. */
export const enterpriseUsers = enterprise.table(
  'enterprise_users',
  {
    tenantId: tenantId(),
    userId: uuid('user_id').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId] }),
    index('enterprise_users_enterprise_idx').on(t.tenantId, t.enterpriseId),
    foreignKey({ columns: [t.tenantId, t.enterpriseId], foreignColumns: [enterprises.tenantId, enterprises.id] }).onDelete('cascade'),
    tenantIsolation('enterprise_users'),
  ],
).enableRLS();

/** 包联: a cadre covers an enterprise from `start_date` until `end_date` (open while null). */
export const pairings = enterprise.table(
  'pairings',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    cadreUserId: uuid('cadre_user_id').notNull(),
    cadreName: text('cadre_name').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
    note: text('note'),
    version: version(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('pairings_enterprise_idx').on(t.tenantId, t.enterpriseId, t.startDate),
    index('pairings_cadre_idx').on(t.tenantId, t.cadreUserId),
    foreignKey({ columns: [t.tenantId, t.enterpriseId], foreignColumns: [enterprises.tenantId, enterprises.id] }).onDelete('cascade'),
    check('pairings_dates_check', sql`${t.endDate} is null or ${t.endDate} >= ${t.startDate}`),
    tenantIsolation('pairings'),
  ],
).enableRLS();

/** 走访. */
export const visits = enterprise.table(
  'visits',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    cadreUserId: uuid('cadre_user_id'),
    cadreName: text('cadre_name').notNull(),
    visitedOn: date('visited_on').notNull(),
    method: text('method', { enum: ['onsite', 'phone', 'online'] }).notNull().default('onsite'),
    notes: text('notes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('visits_enterprise_idx').on(t.tenantId, t.enterpriseId, t.visitedOn),
    index('visits_month_idx').on(t.tenantId, t.visitedOn),
    foreignKey({ columns: [t.tenantId, t.enterpriseId], foreignColumns: [enterprises.tenantId, enterprises.id] }).onDelete('cascade'),
    tenantIsolation('visits'),
  ],
).enableRLS();

/**
 * The city's time-limit presets, one row per tenant (absent: the product default). Grades are data, e.g.
 * Jiaozuo 13710 `[{code:'general',days:7},{code:'complex',days:30}]` or Xuchang `C 5 / B 15 / A 30`.
 */
export const timeLimitSettings = enterprise.table(
  'time_limit_settings',
  {
    tenantId: tenantId(),
    preset: text('preset').notNull(),
    /** 交办: working days from registration to assignment. */
    assignDays: smallint('assign_days').notNull(),
    /** 异议: working days after assignment in which the unit may object. */
    objectDays: smallint('object_days').notNull(),
    /** 反馈: working days after acceptance for the first progress report. */
    progressDays: smallint('progress_days').notNull(),
    grades: jsonb('grades').notNull(),
    /** Overdue this many working days → escalated automatically (null: never automatically). */
    escalateAfterDays: smallint('escalate_after_days'),
    escalateTo: text('escalate_to', { enum: ['city_office', 'joint_consultation'] }).notNull().default('city_office'),
    version: version(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.tenantId] }), tenantIsolation('time_limit_settings')],
).enableRLS();

/** 诉求. Dates are Asia/Shanghai calendar dates; every deadline is counted in working days. */
export const appeals = enterprise.table(
  'appeals',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    /** Human reference, e.g. `SQ2025-000123`, unique per tenant. */
    code: text('code').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    category: appealCategory('category').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    source: appealSource('source').notNull(),
    visitId: uuid('visit_id'),
    grade: text('grade').notNull(),
    timeLimitDays: smallint('time_limit_days').notNull(),
    status: appealStatus('status').notNull().default('registered'),
    registeredOn: date('registered_on').notNull(),
    /** The responsible unit: a department of the tenant when it is one, and always its name. */
    assignedDepartmentId: uuid('assigned_department_id'),
    assignedUnit: text('assigned_unit'),
    coUnits: text('co_units').array().notNull().default(sql`'{}'::text[]`),
    assignedOn: date('assigned_on'),
    /** Until assignment: the day it must be assigned by; after: the day it must be solved by (extensions move it). */
    deadline: date('deadline').notNull(),
    acceptedOn: date('accepted_on'),
    resolvedOn: date('resolved_on'),
    resolution: text('resolution'),
    followedUpOn: date('followed_up_on'),
    followUpMethod: text('follow_up_method', { enum: ['call', 'visit'] }),
    rating: satisfactionLevel('rating'),
    ratedOn: date('rated_on'),
    redoCount: smallint('redo_count').notNull().default(0),
    closedOn: date('closed_on'),
    /** 解决: the problem is solved (not only explained). */
    solved: boolean('solved'),
    closedOnTime: boolean('closed_on_time'),
    /** Working days from registration to closure, fixed when it closes (the calendar is data and may change). */
    closeWorkdays: smallint('close_workdays'),
    overdue: boolean('overdue').notNull().default(false),
    overdueSince: date('overdue_since'),
    escalated: boolean('escalated').notNull().default(false),
    escalatedTo: text('escalated_to', { enum: ['city_office', 'joint_consultation'] }),
    extensionPending: boolean('extension_pending').notNull().default(false),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name'),
    version: version(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('appeals_code_key').on(t.tenantId, t.code),
    index('appeals_enterprise_idx').on(t.tenantId, t.enterpriseId),
    index('appeals_status_idx').on(t.tenantId, t.status, t.deadline),
    index('appeals_registered_idx').on(t.tenantId, t.registeredOn, t.id),
    foreignKey({ columns: [t.tenantId, t.enterpriseId], foreignColumns: [enterprises.tenantId, enterprises.id] }),
    check('appeals_time_limit_check', sql`${t.timeLimitDays} between 0 and 365`),
    check('appeals_closed_check', sql`(${t.status} = 'closed') = (${t.closedOn} is not null)`),
    check('appeals_rating_check', sql`(${t.rating} is null) = (${t.ratedOn} is null)`),
    tenantIsolation('appeals'),
  ],
).enableRLS();

/** 延期申请: asked at least one working day before the deadline; approval moves the deadline. */
export const appealExtensions = enterprise.table(
  'appeal_extensions',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    appealId: uuid('appeal_id').notNull(),
    days: smallint('days').notNull(),
    reason: text('reason').notNull(),
    requestedOn: date('requested_on').notNull(),
    requestedBy: uuid('requested_by'),
    status: extensionStatus('status').notNull().default('pending'),
    decidedOn: date('decided_on'),
    decidedBy: uuid('decided_by'),
    decisionNote: text('decision_note'),
    previousDeadline: date('previous_deadline').notNull(),
    newDeadline: date('new_deadline'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('appeal_extensions_appeal_idx').on(t.tenantId, t.appealId),
    // At most one pending request per appeal.
    uniqueIndex('appeal_extensions_pending_key').on(t.tenantId, t.appealId).where(sql`status = 'pending'`),
    foreignKey({ columns: [t.tenantId, t.appealId], foreignColumns: [appeals.tenantId, appeals.id] }),
    check('appeal_extensions_days_check', sql`${t.days} between 1 and 90`),
    tenantIsolation('appeal_extensions'),
  ],
).enableRLS();

/** The appeal's timeline: every event, append-only (the service role may not update or delete). */
export const appealEvents = enterprise.table(
  'appeal_events',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    appealId: uuid('appeal_id').notNull(),
    kind: text('kind').notNull(),
    fromStatus: appealStatus('from_status'),
    toStatus: appealStatus('to_status'),
    onDate: date('on_date').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    note: text('note'),
    data: jsonb('data'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('appeal_events_appeal_idx').on(t.tenantId, t.appealId, t.at),
    foreignKey({ columns: [t.tenantId, t.appealId], foreignColumns: [appeals.tenantId, appeals.id] }),
    tenantIsolation('appeal_events'),
  ],
).enableRLS();

/**
 * Early pilot USCCs that fail the check digit yet are real. City-level: the city tenant owns the rows, and each of
 * its districts reads them (`enterprise.current_city()` is the city of the current tenant).
 */
export const usccAllowlist = enterprise.table(
  'uscc_allowlist',
  {
    tenantId: tenantId(),
    uscc: text('uscc').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.uscc] }),
    tenantIsolation('uscc_allowlist'),
    pgPolicy('uscc_allowlist_district_read', {
      as: 'permissive',
      for: 'select',
      using: sql`tenant_id = enterprise.current_city() and ${currentTenant} is not null`,
    }),
  ],
).enableRLS();

/** 惠企政策. `criteria` is data (the contracts' criteria schema), evaluated by the service's one rules engine. */
export const policies = enterprise.table(
  'policies',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    title: text('title').notNull(),
    issuer: text('issuer').notNull(),
    /** e.g. 郑政文〔2022〕126号 */
    docNumber: text('doc_number').notNull(),
    benefit: text('benefit').notNull(),
    /** The amount per enterprise, when fixed (万元). */
    benefitAmount: money('benefit_amount'),
    paymentDeadline: date('payment_deadline'),
    criteria: jsonb('criteria').notNull(),
    status: policyStatus('status').notNull().default('draft'),
    publishedOn: date('published_on'),
    createdBy: uuid('created_by'),
    version: version(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('policies_status_idx').on(t.tenantId, t.status),
    check('policies_amount_check', sql`coalesce(${t.benefitAmount}, 0) >= 0`),
    tenantIsolation('policies'),
  ],
).enableRLS();

/** A policy reaching an enterprise without an application: matched → notified → confirmed → paid. */
export const policyMatches = enterprise.table(
  'policy_matches',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    policyId: uuid('policy_id').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    mode: matchMode('mode').notNull(),
    status: matchStatus('status').notNull().default('matched'),
    /** The engine's verdict per criterion, as it was when matched. */
    explanation: jsonb('explanation').notNull(),
    amount: money('amount'),
    matchedOn: date('matched_on').notNull(),
    notifiedOn: date('notified_on'),
    confirmedOn: date('confirmed_on'),
    confirmedBy: uuid('confirmed_by'),
    paidOn: date('paid_on'),
    version: version(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('policy_matches_policy_enterprise_key').on(t.tenantId, t.policyId, t.enterpriseId),
    index('policy_matches_enterprise_idx').on(t.tenantId, t.enterpriseId),
    foreignKey({ columns: [t.tenantId, t.policyId], foreignColumns: [policies.tenantId, policies.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.enterpriseId], foreignColumns: [enterprises.tenantId, enterprises.id] }).onDelete('cascade'),
    check('policy_matches_amount_check', sql`coalesce(${t.amount}, 0) >= 0`),
    tenantIsolation('policy_matches'),
  ],
).enableRLS();

/** 小微企业园. Areas in ㎡, investment in 万元; occupancy = occupied ÷ built floor area. */
export const parks = enterprise.table(
  'parks',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    address: text('address'),
    operator: text('operator'),
    plannedArea: area('planned_area').notNull(),
    builtArea: area('built_area').notNull().default('0'),
    occupiedArea: area('occupied_area').notNull().default('0'),
    investment: money('investment').notNull().default('0'),
    stage: parkStage('stage').notNull(),
    /** 入驻企业 that have no file of their own here (the files with park_id are counted besides). */
    enterprisesSettled: integer('enterprises_settled').notNull().default(0),
    version: version(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('parks_name_key').on(t.tenantId, t.name),
    check(
      'parks_amounts_check',
      sql`${t.plannedArea} >= 0 and ${t.builtArea} >= 0 and ${t.occupiedArea} >= 0 and ${t.occupiedArea} <= ${t.builtArea}
        and ${t.investment} >= 0 and ${t.enterprisesSettled} >= 0`,
    ),
    tenantIsolation('parks'),
  ],
).enableRLS();

export const enterpriseIdempotencyKeys = idempotencyKeysTable(enterprise);

/** The read contract for assessments (created in a custom migration; see services/enterprise/README.md). */
export const enterpriseTenantMonthFiguresView = enterprise
  .view('tenant_month_figures_v', {
    tenantId: uuid('tenant_id').notNull(),
    month: date('month').notNull(),
    appealsReceived: integer('appeals_received').notNull(),
    appealsClosed: integer('appeals_closed').notNull(),
    appealsClosedOnTime: integer('appeals_closed_on_time').notNull(),
    appealsResolved: integer('appeals_resolved').notNull(),
    appealsRated: integer('appeals_rated').notNull(),
    appealsSatisfied: integer('appeals_satisfied').notNull(),
    appealsFollowedUp: integer('appeals_followed_up').notNull(),
    appealsOverdue: integer('appeals_overdue').notNull(),
    closeWorkdaysSum: integer('close_workdays_sum').notNull(),
    enterprises: integer('enterprises').notNull(),
    visits: integer('visits').notNull(),
    benefitsMatched: integer('benefits_matched').notNull(),
    benefitsPaid: integer('benefits_paid').notNull(),
  })
  .existing();
