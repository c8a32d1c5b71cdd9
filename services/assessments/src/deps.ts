import type { DatabaseFactory, KitApp } from '@yingshang/service-kit';

export interface AssessmentsDeps {
  database?: DatabaseFactory;
  /** The clock: tests pin it, so overdue tasks, open periods and the mid-year benchmark have fixed answers. */
  now?: () => Date;
}

export type AssessmentsApp = KitApp;
