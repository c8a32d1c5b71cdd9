import { index, inet, jsonb, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantId, tenantIsolation } from './common.ts';

/**
 * An append-only sink shared by every service: each service role may insert, none may update or delete, and
 * only identity reads it (for the audit screens).
 */
export const audit = pgSchema('audit');

/** The operation log the service kit writes for every write in every service. */
export const operationLog = audit.table(
  'operation_log',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    service: text('service').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: inet('ip'),
    requestId: text('request_id'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('operation_log_at_idx').on(t.tenantId, t.at.desc()),
    index('operation_log_entity_idx').on(t.tenantId, t.entity, t.entityId),
    tenantIsolation('operation_log'),
  ],
).enableRLS();

