import { sql } from 'drizzle-orm';
import { type PgSchema, integer, jsonb, pgPolicy, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The tenant of the current transaction, as `withTenant` set it. An unset or empty setting yields NULL, and
 * `tenant_id = NULL` matches nothing: a query that forgot its tenant sees no rows instead of every row.
 */
export const currentTenant = sql`nullif(current_setting('app.tenant_id', true), '')::uuid`;

/** The one row-level-security policy every tenant-owned table carries. */
export const tenantIsolation = (table: string) =>
  pgPolicy(`${table}_tenant_isolation`, {
    as: 'permissive',
    for: 'all',
    using: sql`tenant_id = ${currentTenant}`,
    withCheck: sql`tenant_id = ${currentTenant}`,
  });

export const tenantId = () => uuid('tenant_id').notNull();

export const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** Optimistic concurrency: every edit bumps it, and `If-Match` must name the current one. */
export const version = () => integer('version').notNull().default(1);

/**
 * Remembered answers to POSTs sent with an `Idempotency-Key`, one table per service schema (a service writes only
 * its own). The key row is inserted in the same transaction as the write it guards, so a retry either replays the
 * committed answer or waits for the first attempt to finish.
 */
export const idempotencyKeysTable = (schema: PgSchema) =>
  schema
    .table(
      'idempotency_keys',
      {
        tenantId: tenantId(),
        key: text('key').notNull(),
        requestHash: text('request_hash').notNull(),
        status: integer('status'),
        body: jsonb('body'),
        createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
      },
      (t) => [primaryKey({ columns: [t.tenantId, t.key] }), tenantIsolation('idempotency_keys')],
    )
    .enableRLS();
