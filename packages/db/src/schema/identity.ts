import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  foreignKey,
  index,
  inet,
  integer,
  pgPolicy,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { currentTenant, idempotencyKeysTable, tenantId, tenantIsolation, timestamps, version } from './common.ts';

export const identity = pgSchema('identity');

export const tenantKind = identity.enum('tenant_kind', ['city', 'district', 'county_city', 'county', 'devzone']);
export const tenantStatus = identity.enum('tenant_status', ['invited', 'active', 'suspended']);
export const dataScope = identity.enum('data_scope', ['all', 'department_tree', 'department', 'self']);
export const userStatus = identity.enum('user_status', ['active', 'disabled']);

/**
 * The tenant registry. A row is visible to the tenant itself and to the city tenant it belongs to, so the city
 * office lists its districts through the same row-level security as everything else. Public branding is read
 * by host through `identity.public_tenant_by_slug`, which exposes only the public columns.
 */
export const tenants = identity.table(
  'tenants',
  {
    id: uuid('id').primaryKey(),
    cityId: uuid('city_id').notNull(),
    kind: tenantKind('kind').notNull(),
    divisionCode: text('division_code').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    /** Chosen by the district at onboarding; null until then. */
    slug: text('slug'),
    rankingGroup: text('ranking_group'),
    status: tenantStatus('status').notNull().default('invited'),
    primaryColor: text('primary_color').notNull().default('#1f5fbf'),
    logo: text('logo'),
    modules: text('modules').array().notNull().default(sql`'{}'::text[]`),
    /** What the city's package lets this tenant turn on; `modules` is always a subset. */
    allowedModules: text('allowed_modules')
      .array()
      .notNull()
      .default(sql`'{projects,enterprise,assessments,admin}'::text[]`),
    /** Onboarding steps already saved (`admin`, `branding`, `modules`), so a half-done onboarding resumes. */
    onboardingSteps: text('onboarding_steps').array().notNull().default(sql`'{}'::text[]`),
    invitedAt: timestamp('invited_at', { withTimezone: true }),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    suspendedReason: text('suspended_reason'),
    sortOrder: integer('sort_order').notNull().default(0),
    version: version(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('tenants_slug_key').on(t.slug),
    uniqueIndex('tenants_city_division_code_key').on(t.cityId, t.divisionCode),
    index('tenants_city_idx').on(t.cityId, t.sortOrder),
    pgPolicy('tenants_self_or_city', {
      as: 'permissive',
      for: 'all',
      using: sql`id = ${currentTenant} or city_id = ${currentTenant}`,
      withCheck: sql`id = ${currentTenant} or city_id = ${currentTenant}`,
    }),
  ],
).enableRLS();

export const departments = identity.table(
  'departments',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    parentId: uuid('parent_id'),
    code: text('code').notNull(),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    version: version(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('departments_code_key').on(t.tenantId, t.code),
    foreignKey({ columns: [t.tenantId, t.parentId], foreignColumns: [t.tenantId, t.id] }),
    tenantIsolation('departments'),
  ],
).enableRLS();

export const roles = identity.table(
  'roles',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    permissions: text('permissions').array().notNull().default(sql`'{}'::text[]`),
    dataScope: dataScope('data_scope').notNull().default('department'),
    builtIn: boolean('built_in').notNull().default(false),
    version: version(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('roles_code_key').on(t.tenantId, t.code),
    tenantIsolation('roles'),
  ],
).enableRLS();

export const users = identity.table(
  'users',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    departmentId: uuid('department_id'),
    roleId: uuid('role_id').notNull(),
    status: userStatus('status').notNull().default('active'),
    phone: text('phone'),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    version: version(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('users_username_key').on(t.tenantId, t.username),
    index('users_department_idx').on(t.tenantId, t.departmentId),
    foreignKey({ columns: [t.tenantId, t.departmentId], foreignColumns: [departments.tenantId, departments.id] }),
    foreignKey({ columns: [t.tenantId, t.roleId], foreignColumns: [roles.tenantId, roles.id] }),
    tenantIsolation('users'),
  ],
).enableRLS();

/** Rotating refresh tokens: a family is revoked whole when a used token comes back (reuse detection). */
export const refreshTokens = identity.table(
  'refresh_tokens',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('refresh_tokens_hash_key').on(t.tenantId, t.tokenHash),
    index('refresh_tokens_family_idx').on(t.tenantId, t.familyId),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete('cascade'),
    tenantIsolation('refresh_tokens'),
  ],
).enableRLS();

export const signInLog = identity.table(
  'sign_in_log',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    username: text('username').notNull(),
    userId: uuid('user_id'),
    success: boolean('success').notNull(),
    reason: text('reason'),
    ip: inet('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('sign_in_log_at_idx').on(t.tenantId, t.at.desc()),
    tenantIsolation('sign_in_log'),
  ],
).enableRLS();

/**
 * The working-day calendar: the State Council's holidays and make-up workdays (调休). National, not
 * tenant-owned: every service reads it, only the city office edits it.
 */
export const calendarDays = identity.table('calendar_days', {
  day: date('day').primaryKey(),
  kind: text('kind', { enum: ['holiday', 'workday'] }).notNull(),
  name: text('name').notNull(),
});

/**
 * Rows the city office writes for its districts (invitations, notices) are owned by the district and visible to
 * the district and to its city: `identity.city_sees(tenant_id)` holds when the current tenant is that city.
 */
const tenantOrCity = (table: string) =>
  pgPolicy(`${table}_tenant_or_city`, {
    as: 'permissive',
    for: 'all',
    using: sql`tenant_id = ${currentTenant} or identity.city_sees(tenant_id)`,
    withCheck: sql`tenant_id = ${currentTenant} or identity.city_sees(tenant_id)`,
  });

/** Single-use onboarding invitations. The link carries `<tenant id>.<secret>`; only the secret's hash is kept. */
export const invitations = identity.table(
  'invitations',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('invitations_token_key').on(t.tenantId, t.tokenHash),
    tenantOrCity('invitations'),
  ],
).enableRLS();

export const noticeLevel = identity.enum('notice_level', ['normal', 'important', 'urgent']);

/** A notice as the city office wrote it (owned by the city tenant). */
export const notices = identity.table(
  'notices',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    level: noticeLevel('level').notNull().default('normal'),
    /** Empty means every tenant of the city, the city itself included. */
    targetTenantIds: uuid('target_tenant_ids').array().notNull().default(sql`'{}'::uuid[]`),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name'),
    version: version(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('notices_published_idx').on(t.tenantId, t.publishedAt.desc()), tenantIsolation('notices')],
).enableRLS();

/** One copy per receiving tenant, so a district reads its notices inside its own tenant, like everything else. */
export const noticeDeliveries = identity.table(
  'notice_deliveries',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    noticeId: uuid('notice_id').notNull(),
    cityId: uuid('city_id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    level: noticeLevel('level').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    publisherName: text('publisher_name'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('notice_deliveries_notice_key').on(t.tenantId, t.noticeId),
    index('notice_deliveries_published_idx').on(t.tenantId, t.publishedAt.desc()),
    tenantOrCity('notice_deliveries'),
  ],
).enableRLS();

export const noticeReads = identity.table(
  'notice_reads',
  {
    tenantId: tenantId(),
    deliveryId: uuid('delivery_id').notNull(),
    userId: uuid('user_id').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.deliveryId, t.userId] }),
    foreignKey({ columns: [t.tenantId, t.deliveryId], foreignColumns: [noticeDeliveries.tenantId, noticeDeliveries.id] }).onDelete('cascade'),
    tenantIsolation('notice_reads'),
  ],
).enableRLS();

/** Labels and tag colours for the enumerations every module shows; national reference data like the calendar. */
export const dictionaryItems = identity.table(
  'dictionary_items',
  {
    dictCode: text('dict_code').notNull(),
    value: text('value').notNull(),
    label: text('label').notNull(),
    tagType: text('tag_type', { enum: ['primary', 'success', 'warning', 'danger', 'info'] }).notNull().default('info'),
    sortOrder: integer('sort_order').notNull().default(0),
    enabled: boolean('enabled').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.dictCode, t.value] })],
);

export const identityIdempotencyKeys = idempotencyKeysTable(identity);
