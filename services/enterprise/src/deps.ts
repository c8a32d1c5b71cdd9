import type { DatabaseFactory, KitApp } from '@yingshang/service-kit';

export interface EnterpriseDeps {
  database?: DatabaseFactory;
  /** The clock: tests pin it, so deadlines, overdue and "today" have fixed answers. */
  now?: () => Date;
}

export type EnterpriseApp = KitApp;
