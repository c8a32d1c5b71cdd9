import { type DatabaseFactory, type KitApp, createServiceApp } from '@yingshang/service-kit';

export function createEnterpriseApp(deps: { database?: DatabaseFactory } = {}): KitApp {
  // The module's routes arrive with its own issue; the kit already gives it health, OpenAPI and errors.
  return createServiceApp({
    service: 'enterprise',
    title: '营商 · 万人助万企 API',
    description: '企业档案、包联走访、诉求办理、惠企政策与免申即享、小微企业园',
    ...(deps.database ? { database: deps.database } : {}),
  });
}
