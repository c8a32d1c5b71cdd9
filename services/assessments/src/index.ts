import { connect } from '@yingshang/db';
import { createAssessmentsApp } from './app.ts';
import { runNightlySnapshot } from './cron.ts';

const app = createAssessmentsApp();

export default {
  fetch: app.fetch,
  // The nightly Cron Trigger (wrangler.jsonc `triggers`): snapshot computed indicator values of the open periods.
  scheduled(controller, env, ctx) {
    const handle = connect({ connectionString: env.DATABASE_URL, wsProxy: env.DB_WS_PROXY });
    ctx.waitUntil(
      runNightlySnapshot(handle.db, new Date(controller.scheduledTime))
        .then((outcome) => console.log(JSON.stringify({ level: 'info', msg: 'nightly snapshot', service: 'assessments', outcome })))
        .finally(() => handle.close()),
    );
  },
} satisfies ExportedHandler<Env>;
