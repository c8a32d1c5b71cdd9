import { createServiceApp } from '@yingshang/service-kit';
import type { EnterpriseApp, EnterpriseDeps } from './deps.ts';
import { registerAppealRoutes } from './routes/appeals.ts';
import { registerEnterpriseRoutes } from './routes/enterprises.ts';
import { registerPairingRoutes } from './routes/pairings.ts';
import { registerParkRoutes } from './routes/parks.ts';
import { registerPolicyRoutes } from './routes/policies.ts';

export function createEnterpriseApp(deps: EnterpriseDeps = {}): EnterpriseApp {
  const app = createServiceApp({
    service: 'enterprise',
    title: '营商 · 万人助万企 API',
    description: '企业档案、包联走访、诉求办理（时限、逾期督办）、惠企政策与免申即享、小微企业园',
    ...(deps.database ? { database: deps.database } : {}),
  });
  registerEnterpriseRoutes(app, deps);
  registerPairingRoutes(app, deps);
  // Fixed paths (`/appeals/export`) before `/appeals/{id}`.
  registerAppealRoutes(app, deps);
  registerPolicyRoutes(app, deps);
  registerParkRoutes(app);
  return app;
}
