import {
  type OperationLogEntry,
  type OperationLogQuery,
  type SignInLogEntry,
  type SignInLogQuery,
  rangeEnd,
  rangeStart,
} from '@yingshang/contracts/organisation';
import { type Tx, schema } from '@yingshang/db';
import { problems } from '@yingshang/service-kit';
import { type SQL, and, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import { type Page, decodeCursor, toPage } from './pagination.ts';
import type { CallerTenant } from './tenant.ts';

const op = schema.operationLog;
const signIns = schema.signInLog;
const t = schema.tenants;

/**
 * Which tenants' rows a query reads. Row-level security lets the city read its districts' logs; this says so in
 * the query as well, so a policy mistake alone could never widen what anyone sees.
 */
export type LogScope = { kind: 'own'; tenantId: string } | { kind: 'city'; tenantIds: string[]; names: Map<string, string> };

export const ownLogs = (tenantId: string): LogScope => ({ kind: 'own', tenantId });

/**
 * The city and its districts, or one of them when asked. A tenant id that is not the city's answers 404, the same
 * as one that does not exist: no one learns which ids belong to other cities.
 */
export async function cityLogs(tx: Tx, city: CallerTenant, tenantId: string | undefined): Promise<LogScope> {
  const rows = await tx.select({ id: t.id, name: t.name }).from(t).where(eq(t.cityId, city.id));
  const names = new Map(rows.map((row) => [row.id, row.name]));
  if (tenantId !== undefined) {
    if (!names.has(tenantId)) throw problems.notFound('单位');
    return { kind: 'city', tenantIds: [tenantId], names };
  }
  return { kind: 'city', tenantIds: [...names.keys()], names };
}

function tenantCondition(scope: LogScope, column: typeof op.tenantId | typeof signIns.tenantId): SQL {
  return scope.kind === 'own' ? eq(column, scope.tenantId) : inArray(column, scope.tenantIds);
}

const iso = (at: Date) => at.toISOString();

export async function listOperationLogs(
  tx: Tx,
  scope: LogScope,
  query: OperationLogQuery,
): Promise<Page<OperationLogEntry>> {
  const after = decodeCursor(query.cursor);
  const rows = await tx
    .select()
    .from(op)
    .where(
      and(
        tenantCondition(scope, op.tenantId),
        query.from ? gte(op.at, rangeStart(query.from)) : undefined,
        query.to ? lt(op.at, rangeEnd(query.to)) : undefined,
        query.actorId ? eq(op.actorId, query.actorId) : undefined,
        query.action ? eq(op.action, query.action) : undefined,
        query.entity ? eq(op.entity, query.entity) : undefined,
        query.entityId ? eq(op.entityId, query.entityId) : undefined,
        query.service ? eq(op.service, query.service) : undefined,
        after ? lt(op.id, after) : undefined,
      ),
    )
    .orderBy(desc(op.id))
    .limit(query.limit + 1);
  const items = rows.map(
    (row): OperationLogEntry => ({
      id: row.id,
      tenantId: row.tenantId,
      ...(scope.kind === 'city' ? { tenantName: scope.names.get(row.tenantId) ?? '' } : {}),
      at: iso(row.at),
      service: row.service,
      action: row.action,
      entity: row.entity,
      entityId: row.entityId,
      actorId: row.actorId,
      actorName: row.actorName,
      before: row.before,
      after: row.after,
      ip: row.ip,
      requestId: row.requestId,
    }),
  );
  return toPage(items, query.limit);
}

export async function listSignInLogs(tx: Tx, scope: LogScope, query: SignInLogQuery): Promise<Page<SignInLogEntry>> {
  const after = decodeCursor(query.cursor);
  const rows = await tx
    .select()
    .from(signIns)
    .where(
      and(
        tenantCondition(scope, signIns.tenantId),
        query.from ? gte(signIns.at, rangeStart(query.from)) : undefined,
        query.to ? lt(signIns.at, rangeEnd(query.to)) : undefined,
        query.username ? eq(signIns.username, query.username) : undefined,
        query.userId ? eq(signIns.userId, query.userId) : undefined,
        query.success ? eq(signIns.success, query.success === 'true') : undefined,
        after ? lt(signIns.id, after) : undefined,
      ),
    )
    .orderBy(desc(signIns.id))
    .limit(query.limit + 1);
  const items = rows.map(
    (row): SignInLogEntry => ({
      id: row.id,
      tenantId: row.tenantId,
      ...(scope.kind === 'city' ? { tenantName: scope.names.get(row.tenantId) ?? '' } : {}),
      at: iso(row.at),
      username: row.username,
      userId: row.userId,
      success: row.success,
      reason: row.reason,
      ip: row.ip,
      userAgent: row.userAgent,
    }),
  );
  return toPage(items, query.limit);
}
