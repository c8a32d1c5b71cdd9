import { type Db, type Tx, queryRows, schema, uuidv7, withTenant } from '@yingshang/db';
import { sql } from 'drizzle-orm';
import { shanghaiDay } from './domain/periods.ts';
import { loadCaller } from './store/caller.ts';
import { currentOpenPeriods, snapshotPeriods } from './store/values.ts';

export interface NightlyOutcome {
  cityId: string;
  periods: number;
  written: number;
  unchanged: number;
}

const SYSTEM_USER = '00000000-0000-0000-0000-000000000000';

/**
 * The nightly Cron Trigger: for every active city, in that city's own tenant transaction (so row-level security
 * applies as for the city office's requests), snapshot the computed values of its open periods. Idempotent: the
 * upsert touches only values that changed, so a second run the same day writes nothing and logs nothing.
 */
export async function runNightlySnapshot(db: Db, now: Date): Promise<NightlyOutcome[]> {
  const today = shanghaiDay(now);
  const cities = await db.transaction(async (tx) => {
    await tx.execute(sql.raw('set local role ys_assessments'));
    return queryRows<{ id: string }>(tx as Tx, sql`select id from assessments.active_cities() as id`);
  });
  const out: NightlyOutcome[] = [];
  for (const { id: cityId } of cities) {
    const result = await withTenant(db, 'assessments', cityId, async (tx) => {
      const caller = await loadCaller(tx, { tenantId: cityId, userId: SYSTEM_USER, displayName: '夜间定时计算' });
      const outcome = await snapshotPeriods(tx, caller, await currentOpenPeriods(tx, cityId, today), today);
      if (outcome.written > 0) {
        await tx.insert(schema.operationLog).values({
          tenantId: cityId,
          id: uuidv7(),
          service: 'assessments',
          action: 'values.snapshot',
          entity: 'indicator_value',
          actorName: '夜间定时计算',
          after: { ...outcome, day: today } as never,
          requestId: `cron-${today}`,
        });
      }
      return outcome;
    });
    out.push({ cityId, ...result });
  }
  return out;
}
