import { createApiClient, createSession } from '@yingshang/ui';

/** One session and one api client for the page; micro-frontends get the same client through customProps. */
export const session = createSession({ authBase: '/api/identity/v1/auth' });
export const api = createApiClient({ session, baseUrl: '/api' });
