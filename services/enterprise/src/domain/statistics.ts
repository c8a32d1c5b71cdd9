import { type AppealFigures, type AppealStatistics, appealCategoryLabels, isSatisfied, type Satisfaction } from '@yingshang/contracts';
import { type Tx, queryRows } from '@yingshang/db';
import { sql } from 'drizzle-orm';
import { type Caller, enterpriseScope } from './context.ts';
import { rate4 } from './problems.ts';

/**
 * 办结率, 按时办结率, 解决率, 满意率, 回访率, average working days to close and the overdue count, for a range of months,
 * by unit, category and month. Each measure is counted in the month of its own event (received when registered,
 * closed when closed off, rated when rated), the same rules as the read contract `enterprise.tenant_month_figures_v`.
 */

interface Row {
  status: string;
  category: string;
  assignedUnit: string | null;
  registeredOn: string;
  closedOn: string | null;
  closedOnTime: boolean | null;
  solved: boolean | null;
  followedUpOn: string | null;
  rating: Satisfaction | null;
  ratedOn: string | null;
  closeWorkdays: number | null;
  overdue: boolean;
}

interface Acc {
  received: number;
  closed: number;
  closedOnTime: number;
  solved: number;
  rated: number;
  satisfied: number;
  followedUp: number;
  overdue: number;
  open: number;
  workdays: number;
}

const empty = (): Acc => ({ received: 0, closed: 0, closedOnTime: 0, solved: 0, rated: 0, satisfied: 0, followedUp: 0, overdue: 0, open: 0, workdays: 0 });

export function figures(a: Acc): AppealFigures {
  return {
    received: a.received,
    closed: a.closed,
    closedOnTime: a.closedOnTime,
    solved: a.solved,
    rated: a.rated,
    satisfied: a.satisfied,
    followedUp: a.followedUp,
    overdue: a.overdue,
    open: a.open,
    closeRate: rate4(a.closed, a.received),
    onTimeRate: rate4(a.closedOnTime, a.closed),
    solveRate: rate4(a.solved, a.closed),
    satisfactionRate: rate4(a.satisfied, a.rated),
    followUpRate: rate4(a.followedUp, a.closed),
    avgCloseWorkdays: a.closed > 0 ? Math.round((a.workdays / a.closed) * 10) / 10 : null,
  };
}

const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/** Adds one appeal's measures into the accumulators chosen by `keyOf` (per measure, its own month for byMonth). */
export function accumulate(rows: Row[], from: string, to: string, today: string, keyOf: (r: Row, when: string) => string | null) {
  const start = `${from}-01`;
  const end = monthEnd(to);
  const inRange = (d: string | null): d is string => d !== null && d >= start && d <= end;
  const out = new Map<string, Acc>();
  const bump = (r: Row, when: string, f: (a: Acc) => void) => {
    const key = keyOf(r, when);
    if (key === null) return;
    let acc = out.get(key);
    if (!acc) out.set(key, (acc = empty()));
    f(acc);
  };
  for (const r of rows) {
    if (inRange(r.registeredOn)) bump(r, r.registeredOn, (a) => a.received++);
    if (inRange(r.closedOn)) {
      bump(r, r.closedOn, (a) => {
        a.closed++;
        if (r.closedOnTime) a.closedOnTime++;
        else a.overdue++;
        if (r.solved) a.solved++;
        if (r.followedUpOn) a.followedUp++;
        a.workdays += r.closeWorkdays ?? 0;
      });
    }
    if (inRange(r.ratedOn) && r.rating) {
      bump(r, r.ratedOn, (a) => {
        a.rated++;
        if (isSatisfied(r.rating!)) a.satisfied++;
      });
    }
    if (r.status !== 'closed' && r.registeredOn <= end) {
      bump(r, today < end ? today : end, (a) => {
        a.open++;
        if (r.overdue) a.overdue++;
      });
    }
  }
  return out;
}

export async function appealStatistics(tx: Tx, caller: Caller, range: { from: string; to: string }, today: string): Promise<AppealStatistics> {
  const scope = enterpriseScope(caller, sql`a.enterprise_id`, today);
  const rows = await queryRows<Row>(
    tx,
    sql`select a.status, a.category, a.assigned_unit as "assignedUnit", a.registered_on::text as "registeredOn", a.closed_on::text as "closedOn",
          a.closed_on_time as "closedOnTime", a.solved, a.followed_up_on::text as "followedUpOn", a.rating, a.rated_on::text as "ratedOn",
          a.close_workdays as "closeWorkdays", a.overdue
        from enterprise.appeals a where a.tenant_id = ${caller.tenantId}::uuid and ${scope} and a.registered_on <= ${monthEnd(range.to)}::date`,
  );
  const { from, to } = range;
  const total = accumulate(rows, from, to, today, () => 'all').get('all') ?? empty();
  const byUnit = accumulate(rows, from, to, today, (r) => r.assignedUnit ?? '（未交办）');
  const byCategory = accumulate(rows, from, to, today, (r) => r.category);
  const byMonth = accumulate(rows, from, to, today, (_r, when) => when.slice(0, 7));
  const months: string[] = [];
  for (let m = from; m <= to; ) {
    months.push(m);
    const [y, mm] = m.split('-').map(Number) as [number, number];
    m = mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
  }
  const start = `${from}-01`;
  const end = monthEnd(to);
  const [others] = await queryRows<{ enterprises: number; visits: number; matched: number; confirmed: number; paid: number }>(
    tx,
    sql`select
      (select count(*)::int from enterprise.enterprises e where e.tenant_id = ${caller.tenantId}::uuid and ${enterpriseScope(caller, sql`e.id`, today)} and e.registered_on <= ${end}::date) as enterprises,
      (select count(*)::int from enterprise.visits v where v.tenant_id = ${caller.tenantId}::uuid and ${enterpriseScope(caller, sql`v.enterprise_id`, today)} and v.visited_on between ${start}::date and ${end}::date) as visits,
      (select count(*)::int from enterprise.policy_matches m where m.tenant_id = ${caller.tenantId}::uuid and ${enterpriseScope(caller, sql`m.enterprise_id`, today)} and m.matched_on between ${start}::date and ${end}::date) as matched,
      (select count(*)::int from enterprise.policy_matches m where m.tenant_id = ${caller.tenantId}::uuid and ${enterpriseScope(caller, sql`m.enterprise_id`, today)} and m.confirmed_on between ${start}::date and ${end}::date) as confirmed,
      (select count(*)::int from enterprise.policy_matches m where m.tenant_id = ${caller.tenantId}::uuid and ${enterpriseScope(caller, sql`m.enterprise_id`, today)} and m.paid_on between ${start}::date and ${end}::date) as paid`,
  );
  const list = (m: Map<string, Acc>, label: (k: string) => string) =>
    [...m.entries()].map(([key, acc]) => ({ key, label: label(key), ...figures(acc) })).sort((x, y) => y.received - x.received || x.key.localeCompare(y.key));
  return {
    from,
    to,
    totals: figures(total),
    byUnit: list(byUnit, (k) => k),
    byCategory: list(byCategory, (k) => appealCategoryLabels[k as keyof typeof appealCategoryLabels] ?? k),
    byMonth: months.map((m) => ({ key: m, label: `${m.slice(0, 4)}年${Number(m.slice(5))}月`, ...figures(byMonth.get(m) ?? empty()) })),
    enterprises: others?.enterprises ?? 0,
    visits: others?.visits ?? 0,
    benefits: { matched: others?.matched ?? 0, confirmed: others?.confirmed ?? 0, paid: others?.paid ?? 0 },
  };
}
