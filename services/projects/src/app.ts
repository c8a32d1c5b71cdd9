import { createServiceApp } from '@yingshang/service-kit';
import type { ProjectsApp, ProjectsDeps } from './deps.ts';
import { registerBatchRoutes } from './routes/batches.ts';
import { registerBlockerRoutes } from './routes/blockers.ts';
import { registerDepartmentRoutes } from './routes/departments.ts';
import { registerMonthlyReportRoutes } from './routes/monthly-reports.ts';
import { registerProjectExcelRoutes } from './routes/project-excel.ts';
import { registerProjectRoutes } from './routes/projects.ts';
import { registerReportRoutes } from './routes/reports.ts';
import { registerStageRoutes } from './routes/stages.ts';
import { registerStatisticsRoutes } from './routes/statistics.ts';

export function createProjectsApp(deps: ProjectsDeps = {}): ProjectsApp {
  const app = createServiceApp({
    service: 'projects',
    title: '营商 · 三个一批重大项目 API',
    description: '项目台账、阶段、月度投资、问题台账、统计、Excel 导入导出',
    // Excel imports of a few thousand rows stay well under this.
    maxBodyBytes: 5 * 1024 * 1024,
    ...(deps.database ? { database: deps.database } : {}),
  });
  // Fixed paths before `/projects/{id}`, so `export` is never taken for an id.
  registerProjectExcelRoutes(app, deps);
  registerProjectRoutes(app, deps);
  registerStageRoutes(app, deps);
  registerReportRoutes(app, deps);
  registerMonthlyReportRoutes(app, deps);
  registerBlockerRoutes(app, deps);
  registerStatisticsRoutes(app, deps);
  registerBatchRoutes(app);
  registerDepartmentRoutes(app);
  return app;
}
