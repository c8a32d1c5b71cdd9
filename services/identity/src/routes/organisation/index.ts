import type { IdentityApp, IdentityDeps } from '../../deps.ts';
import { registerAuditLogRoutes } from './audit-logs.ts';
import { registerDepartmentRoutes } from './departments.ts';
import { registerDictionaryRoutes } from './dictionaries.ts';
import { registerReceivedNoticeRoutes } from './notices.ts';
import { registerSentNoticeRoutes } from './notices-sent.ts';
import { registerRoleRoutes } from './roles.ts';
import { registerUserRoutes } from './users.ts';

/** Departments, users, roles, audit and sign-in logs, notices, dictionaries: a tenant's own organisation. */
export function registerOrganisationRoutes(app: IdentityApp, deps: IdentityDeps): void {
  registerDepartmentRoutes(app);
  registerUserRoutes(app, deps);
  registerRoleRoutes(app);
  registerAuditLogRoutes(app);
  // `/notices/sent…` and `/notices/unread-count` before `/notices/{id}`: Hono matches in registration order.
  registerSentNoticeRoutes(app);
  registerReceivedNoticeRoutes(app);
  registerDictionaryRoutes(app);
}
