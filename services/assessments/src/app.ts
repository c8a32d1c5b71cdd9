import { createServiceApp } from '@yingshang/service-kit';
import type { AssessmentsApp, AssessmentsDeps } from './deps.ts';
import { registerCatalogueRoutes } from './routes/catalogue.ts';
import { registerContextRoutes } from './routes/context.ts';
import { registerInputRoutes } from './routes/inputs.ts';
import { registerRankingRoutes } from './routes/rankings.ts';
import { registerSupervisionRoutes } from './routes/supervision.ts';
import { registerTourRoutes } from './routes/tours.ts';
import { registerViewRoutes } from './routes/views.ts';

export function createAssessmentsApp(deps: AssessmentsDeps = {}): AssessmentsApp {
  const app = createServiceApp({
    service: 'assessments',
    title: '营商 · 三标赛马 API',
    description: '指标、三标、观摩评分、督查、跨单位排名（市级可见各区县，区县只见本单位与已通报排名）',
    ...(deps.database ? { database: deps.database } : {}),
  });
  registerContextRoutes(app);
  registerCatalogueRoutes(app);
  // `/values/snapshot` before any `/values/{…}` path.
  registerInputRoutes(app, deps);
  registerTourRoutes(app);
  registerSupervisionRoutes(app, deps);
  registerRankingRoutes(app);
  registerViewRoutes(app, deps);
  return app;
}
