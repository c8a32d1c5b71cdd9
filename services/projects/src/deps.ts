import type { DatabaseFactory, KitApp } from '@yingshang/service-kit';

export interface ProjectsDeps {
  database?: DatabaseFactory;
  /** The clock: tests pin it, so "not in the future" and 序时进度 have fixed answers. */
  now?: () => Date;
}

export type ProjectsApp = KitApp;
