import type { IdentityApp, IdentityDeps } from '../../deps.ts';

/** The city's tenant registry, invitations, onboarding, branding and the user's own password. */
export function registerTenancyRoutes(_app: IdentityApp, _deps: IdentityDeps): void {}
