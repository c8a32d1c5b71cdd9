import type { IdentityApp, IdentityDeps } from '../../deps.ts';

/** Departments, users, roles, audit and sign-in logs, notices, dictionaries: a tenant's own organisation. */
export function registerOrganisationRoutes(_app: IdentityApp, _deps: IdentityDeps): void {}
