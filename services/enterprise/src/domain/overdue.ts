import { type Db, type Tx, queryRows, schema, uuidv7, withServiceRole, withTenant } from '@yingshang/db';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { type AppealState, OPEN_FOR_OVERDUE, overdueOutcome } from './appeal-machine.ts';
import { appendEvents } from './appeals.ts';
import { loadCalendar, loadLimits } from './context.ts';

const A = schema.appeals;

export interface OverdueReport {
  tenants: number;
  flagged: number;
  escalated: number;
  failures: { tenantId: string; error: string }[];
}

/** One tenant: flag what is past its deadline and escalate per the tenant's rule. Idempotent. */
export async function superviseTenant(tx: Tx, tenantId: string, today: string): Promise<{ flagged: number; escalated: number }> {
  const calendar = await loadCalendar(tx);
  const limits = await loadLimits(tx, tenantId);
  const due = await tx
    .select()
    .from(A)
    .where(and(eq(A.tenantId, tenantId), inArray(A.status, [...OPEN_FOR_OVERDUE]), lt(A.deadline, today)))
    .for('update');
  let flagged = 0;
  let escalated = 0;
  for (const appeal of due) {
    const outcome = overdueOutcome(appeal as unknown as AppealState, { today, calendar, limits });
    if (!outcome) continue;
    await tx
      .update(A)
      .set({ ...(outcome.patch as Partial<typeof A.$inferInsert>), version: appeal.version + 1, updatedAt: new Date() })
      .where(and(eq(A.tenantId, tenantId), eq(A.id, appeal.id)));
    await appendEvents(tx, tenantId, appeal.id, outcome.events, today, { id: null, name: '逾期督办（系统）' });
    await tx.insert(schema.operationLog).values({
      tenantId,
      id: uuidv7(),
      service: 'enterprise',
      action: 'appeal.overdue',
      entity: 'appeal',
      entityId: appeal.id,
      actorId: null,
      actorName: '逾期督办（系统）',
      before: { overdue: appeal.overdue, escalated: appeal.escalated, deadline: appeal.deadline } as never,
      after: outcome.patch as never,
      ip: null,
      requestId: `cron:${today}`,
    });
    if ('overdue' in outcome.patch) flagged++;
    if ('escalated' in outcome.patch) escalated++;
  }
  return { flagged, escalated };
}

/** Every active tenant, each in its own transaction: one tenant's failure does not stop the others. */
export async function superviseAll(db: Db, today: string): Promise<OverdueReport> {
  const tenants = await withServiceRole(db, 'enterprise', (tx) => queryRows<{ id: string }>(tx, sql`select enterprise.active_tenant_ids() as id`));
  const report: OverdueReport = { tenants: tenants.length, flagged: 0, escalated: 0, failures: [] };
  for (const { id } of tenants) {
    try {
      const r = await withTenant(db, 'enterprise', id, (tx) => superviseTenant(tx, id, today));
      report.flagged += r.flagged;
      report.escalated += r.escalated;
    } catch (err) {
      report.failures.push({ tenantId: id, error: err instanceof Error ? err.message.slice(0, 200) : String(err) });
    }
  }
  return report;
}
