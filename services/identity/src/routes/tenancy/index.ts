import type { IdentityApp, IdentityDeps } from '../../deps.ts';
import { registerBrandingRoutes } from './branding.ts';
import { registerOnboardingRoutes } from './onboarding.ts';
import { registerPasswordRoute } from './password.ts';
import { registerTenantRoutes } from './tenants.ts';

/** The city's tenant registry, invitations, onboarding, branding and the user's own password. */
export function registerTenancyRoutes(app: IdentityApp, deps: IdentityDeps): void {
  registerTenantRoutes(app);
  registerOnboardingRoutes(app, deps);
  registerBrandingRoutes(app);
  registerPasswordRoute(app, deps);
}
