import type { OnboardingView } from '@yingshang/ui';
import { api } from '../../services/api.ts';

const BASE = '/api/identity/v1/onboarding';

/**
 * The invited tenant's onboarding, authorised by the invitation token alone (no account exists yet). The token
 * travels in a header, never in a URL the server logs.
 */
export function onboardingApi(token: string) {
  const headers = { 'x-invitation-token': token };
  return {
    view: () => api.get<OnboardingView>(BASE, { auth: false, headers }),
    saveAdmin: (body: { username: string; displayName: string; password: string }) =>
      api.put<OnboardingView>(`${BASE}/admin`, body, { auth: false, headers }),
    saveBranding: (body: { name: string; shortName: string; primaryColor: string; logo: string | null; slug: string }) =>
      api.put<OnboardingView>(`${BASE}/branding`, body, { auth: false, headers }),
    saveModules: (modules: string[]) => api.put<OnboardingView>(`${BASE}/modules`, { modules }, { auth: false, headers }),
    complete: () => api.post<{ url: string; slug: string }>(`${BASE}/complete`, undefined, { auth: false, headers }),
  };
}

/** The token from `/onboarding#<token>`; the fragment never reaches a server. */
export function tokenFromLocation(location: Location = window.location): string | null {
  const raw = decodeURIComponent(location.hash.replace(/^#/, '')).trim();
  return raw.length >= 10 ? raw : null;
}
