import { type DatabaseFactory, type KitApp, createServiceApp } from '@yingshang/service-kit';

export function createAssessmentsApp(deps: { database?: DatabaseFactory } = {}): KitApp {
  // The module's routes arrive with its own issue; the kit already gives it health, OpenAPI and errors.
  return createServiceApp({
    service: 'assessments',
    title: '营商 · 三标赛马 API',
    description: '指标、三标、观摩评分、督查、跨单位排名',
    ...(deps.database ? { database: deps.database } : {}),
  });
}
