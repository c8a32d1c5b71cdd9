import { networkProblem, problemFromResponse } from './problem.ts';

export interface SignInResult {
  accessToken: string;
  expiresIn: number;
  mustChangePassword: boolean;
}

/** The answer to a captcha the service asked for after repeated failures (`GET …/auth/captcha`). */
export interface CaptchaAnswer {
  captchaId: string;
  captchaCode: string;
}

export type SessionEvent = 'signed-in' | 'refreshed' | 'signed-out' | 'expired';

export interface SessionOptions {
  /** Where the identity service answers; the gateway forwards it. */
  authBase?: string;
  /** Refresh this long before the access token expires. */
  refreshAheadMs?: number;
  fetch?: typeof fetch;
}

/**
 * The access token lives only in this closure (never in storage, so a script injected later cannot lift it from
 * there); the refresh token is an httpOnly cookie the browser keeps across reloads, which is how a reload signs
 * back in.
 */
export interface Session {
  readonly authenticated: boolean;
  /** A valid access token, refreshing first when it has expired or is about to; null when signed out. */
  getAccessToken(): Promise<string | null>;
  signIn(username: string, password: string, captcha?: CaptchaAnswer): Promise<SignInResult>;
  /** Exchanges the refresh cookie for a new access token. Concurrent callers share one request. */
  refresh(): Promise<boolean>;
  /** Drops the token after a refresh failed: the api client calls it when the service keeps saying 401. */
  expire(): void;
  signOut(): Promise<void>;
  subscribe(listener: (event: SessionEvent) => void): () => void;
}

interface TokenState {
  accessToken: string;
  expiresAt: number;
}

const REFRESH_LOCK = 'yingshang-session-refresh';

export function createSession(options: SessionOptions = {}): Session {
  const authBase = options.authBase ?? '/api/identity/v1/auth';
  const refreshAheadMs = options.refreshAheadMs ?? 60_000;
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const listeners = new Set<(event: SessionEvent) => void>();

  let token: TokenState | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pendingRefresh: Promise<boolean> | null = null;

  const emit = (event: SessionEvent) => {
    for (const listener of listeners) listener(event);
  };

  const clearTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  const setToken = (accessToken: string, expiresIn: number) => {
    token = { accessToken, expiresAt: Date.now() + expiresIn * 1000 };
    clearTimer();
    const delay = Math.max(expiresIn * 1000 - refreshAheadMs, 5_000);
    timer = setTimeout(() => {
      void refresh();
    }, delay);
  };

  const post = async (path: string, body?: unknown): Promise<Response> => {
    try {
      return await doFetch(`${authBase}/${path}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (cause) {
      throw networkProblem(cause);
    }
  };

  const refreshOnce = async (): Promise<boolean> => {
    const hadToken = token !== null;
    let response: Response;
    try {
      response = await post('refresh');
    } catch {
      // Offline is not signed out: keep what we have and let the next call try again.
      return token !== null && token.expiresAt > Date.now();
    }
    if (!response.ok) {
      // The cookie is gone or revoked: a session we had has now ended (on page load there was none to end).
      expire();
      return false;
    }
    const body = (await response.json()) as { accessToken: string; expiresIn: number };
    setToken(body.accessToken, body.expiresIn);
    emit(hadToken ? 'refreshed' : 'signed-in');
    return true;
  };

  /**
   * Tabs share the refresh cookie; when the service rotates it, two tabs refreshing at once would present the same
   * cookie twice. The Web Locks API serialises them across tabs where the browser has it.
   */
  const refresh = (): Promise<boolean> => {
    if (!pendingRefresh) {
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      const run = locks ? locks.request(REFRESH_LOCK, () => refreshOnce()) : refreshOnce();
      pendingRefresh = run.finally(() => {
        pendingRefresh = null;
      });
    }
    return pendingRefresh;
  };

  const expire = () => {
    const had = token !== null;
    token = null;
    clearTimer();
    if (had) emit('expired');
  };

  return {
    get authenticated() {
      return token !== null;
    },

    async getAccessToken() {
      if (pendingRefresh) await pendingRefresh;
      if (!token) return null;
      if (token.expiresAt - Date.now() < 5_000) {
        if (!(await refresh())) return null;
      }
      return token?.accessToken ?? null;
    },

    async signIn(username, password, captcha) {
      const response = await post('sign-in', { username, password, ...captcha });
      if (!response.ok) throw await problemFromResponse(response);
      const body = (await response.json()) as SignInResult;
      setToken(body.accessToken, body.expiresIn);
      emit('signed-in');
      return body;
    },

    refresh,
    expire,

    async signOut() {
      const bearer = token?.accessToken;
      token = null;
      clearTimer();
      try {
        await doFetch(`${authBase}/sign-out`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
        });
      } catch {
        // The cookie is the server's to clear; locally we are signed out either way.
      }
      emit('signed-out');
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
