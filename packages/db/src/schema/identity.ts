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
import { currentTenant, tenantId, tenantIsolation, timestamps, version } from './common.ts';

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
    slug: text('slug').notNull(),
    rankingGroup: text('ranking_group'),
    status: tenantStatus('status').notNull().default('invited'),
    primaryColor: text('primary_color').notNull().default('#1f5fbf'),
    logo: text('logo'),
    modules: text('modules').array().notNull().default(sql`'{}'::text[]`),
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
