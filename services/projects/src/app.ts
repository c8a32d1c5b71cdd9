import { type DatabaseFactory, type KitApp, createServiceApp } from '@yingshang/service-kit';

export function createProjectsApp(deps: { database?: DatabaseFactory } = {}): KitApp {
  // The module's routes arrive with its own issue; the kit already gives it health, OpenAPI and errors.
  return createServiceApp({
    service: 'projects',
    title: '营商 · 三个一批重大项目 API',
    description: '项目台账、阶段、月度投资、问题台账、统计',
    ...(deps.database ? { database: deps.database } : {}),
  });
}
