import { TENANTS } from '@yingshang/seeds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../src/stack.ts';

/**
 * The enterprise worker's Cron Trigger (overdue supervision) as it runs in production: the bundled worker in workerd,
 * `scheduled()` over the Neon driver against the local database. It flags what is past its deadline once per tenant
 * and a second run changes nothing.
 */
let stack: Stack;
const erqi = TENANTS.find((t) => t.slug === 'erqi')!.id;
const jinshui = TENANTS.find((t) => t.slug === 'jinshui')!.id;
const picked: string[] = [];

beforeAll(async () => {
  stack = await startStack({ port: 0, dataDir: null });
  const db = stack.pglite!;
  // One appeal per district still in progress and not yet flagged, its deadline moved into the past.
  for (const tenant of [erqi, jinshui]) {
    const { rows } = await db.query<{ id: string }>(
      `select id from enterprise.appeals where tenant_id = $1 and status = 'in_progress' and not overdue order by id limit 1`,
      [tenant],
    );
    picked.push(rows[0]!.id);
    await db.query(`update enterprise.appeals set deadline = current_date - 20 where tenant_id = $1 and id = $2`, [tenant, rows[0]!.id]);
  }
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

const state = async () =>
  (
    await stack.pglite!.query<{ id: string; overdue: boolean; escalated: boolean; events: number }>(
      `select a.id, a.overdue, a.escalated, (select count(*)::int from enterprise.appeal_events e where e.tenant_id = a.tenant_id and e.appeal_id = a.id) as events
       from enterprise.appeals a where a.id = any($1) order by a.id`,
      [picked],
    )
  ).rows;

describe('enterprise Cron Trigger in workerd', () => {
  it('flags and escalates overdue appeals in every tenant, idempotently', async () => {
    const before = await state();
    expect(before.every((r) => !r.overdue)).toBe(true);
    // Node's typings of miniflare's Fetcher leave out `scheduled()`, which workerd's Fetcher has.
    const worker = (await stack.miniflare.getWorker('yingshang-enterprise-local')) as unknown as {
      scheduled(options: { scheduledTime: Date; cron: string }): Promise<{ outcome: string }>;
    };
    const first = await worker.scheduled({ scheduledTime: new Date(), cron: '*/30 * * * *' });
    expect(first.outcome).toBe('ok');
    const after = await state();
    for (const [i, row] of after.entries()) {
      expect(row).toMatchObject({ overdue: true, escalated: true });
      expect(row.events).toBe(before[i]!.events + 2); // overdue + auto_escalate
    }
    await worker.scheduled({ scheduledTime: new Date(), cron: '*/30 * * * *' });
    expect(await state()).toEqual(after);
  });
});
