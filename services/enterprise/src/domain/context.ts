import {
  DEFAULT_TIME_LIMITS,
  type TimeLimitSettings,
  type WorkingCalendar,
  shanghaiDate,
  timeLimitSettingsSchema,
  workingCalendar,
} from '@yingshang/contracts';
import { type Tx, queryRows, schema } from '@yingshang/db';
import type { Principal } from '@yingshang/service-kit';
import { type SQL, and, eq, sql } from 'drizzle-orm';

/**
 * Who is calling, as this service sees it: the verified principal, plus the enterprise they speak for when they are
 * an enterprise user (enterprise.enterprise_users; identity does not know enterprises). An enterprise user reaches
 * their own enterprise only, and a user with the enterprise-user role but no mapping reaches nothing.
 */
export interface Caller {
  userId: string;
  tenantId: string;
  displayName: string;
  role: string;
  permissions: ReadonlySet<string>;
  dataScope: Principal['dataScope'];
  departmentId: string | null;
  enterpriseId: string | null;
  restricted: boolean;
}

export async function loadCaller(tx: Tx, p: Principal): Promise<Caller> {
  const [row] = await tx
    .select({ enterpriseId: schema.enterpriseUsers.enterpriseId })
    .from(schema.enterpriseUsers)
    .where(and(eq(schema.enterpriseUsers.tenantId, p.tenantId), eq(schema.enterpriseUsers.userId, p.userId)));
  const enterpriseId = row?.enterpriseId ?? null;
  return {
    userId: p.userId,
    tenantId: p.tenantId,
    displayName: p.displayName,
    role: p.role,
    permissions: p.permissions,
    dataScope: p.dataScope,
    departmentId: p.departmentId,
    enterpriseId,
    restricted: enterpriseId !== null || p.role === 'enterprise_user',
  };
}

/**
 * Which enterprises the caller reaches, as a predicate on an enterprise-id column: an enterprise user their own; a
 * caller whose data scope is `self` (a cadre) the enterprises paired with them today; everyone else the tenant's.
 */
export function enterpriseScope(caller: Caller, column: SQL, today: string): SQL {
  if (caller.restricted) return caller.enterpriseId ? sql`${column} = ${caller.enterpriseId}::uuid` : sql`false`;
  if (caller.dataScope === 'self') {
    return sql`${column} in (select pr.enterprise_id from enterprise.pairings pr
      where pr.tenant_id = ${caller.tenantId}::uuid and pr.cadre_user_id = ${caller.userId}::uuid
        and pr.start_date <= ${today}::date and (pr.end_date is null or pr.end_date >= ${today}::date))`;
  }
  return sql`true`;
}

/** The national working-day calendar (weekends, holidays, 调休) as the city office maintains it. */
export async function loadCalendar(tx: Tx): Promise<WorkingCalendar> {
  const rows = await queryRows<{ day: string; kind: 'holiday' | 'workday' }>(tx, sql`select day::text as day, kind from identity.calendar_days`);
  return workingCalendar(rows);
}

export async function loadLimits(tx: Tx, tenantId: string): Promise<TimeLimitSettings> {
  const [row] = await tx.select().from(schema.timeLimitSettings).where(eq(schema.timeLimitSettings.tenantId, tenantId));
  if (!row) return DEFAULT_TIME_LIMITS;
  const parsed = timeLimitSettingsSchema.safeParse({
    preset: row.preset,
    assignDays: row.assignDays,
    objectDays: row.objectDays,
    progressDays: row.progressDays,
    grades: row.grades,
    escalateAfterDays: row.escalateAfterDays,
    escalateTo: row.escalateTo,
  });
  return parsed.success ? parsed.data : DEFAULT_TIME_LIMITS;
}

export const todayFrom = (now?: () => Date): string => shanghaiDate(now?.() ?? new Date());
