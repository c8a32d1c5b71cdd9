import { shanghaiDate } from '@yingshang/contracts';
import { connect } from '@yingshang/db';
import { createEnterpriseApp } from './app.ts';
import { superviseAll } from './domain/overdue.ts';

const app = createEnterpriseApp();

export default {
  fetch: app.fetch,
  /** Overdue supervision (Cron Trigger): flags appeals past their deadline and escalates per the tenant's rule. */
  async scheduled(controller, env, ctx) {
    const handle = connect({ connectionString: env.DATABASE_URL, wsProxy: (env as { DB_WS_PROXY?: string }).DB_WS_PROXY });
    const run = superviseAll(handle.db, shanghaiDate(new Date(controller.scheduledTime)))
      .then((report) => console.log(JSON.stringify({ level: report.failures.length ? 'warn' : 'info', msg: 'overdue supervision', service: 'enterprise', ...report })))
      .finally(() => handle.close().catch(() => {}));
    ctx.waitUntil(run);
    await run;
  },
} satisfies ExportedHandler<Env>;
