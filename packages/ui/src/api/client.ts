import { networkProblem, problemFromResponse } from './problem.ts';
import type { Session } from './session.ts';

export type QueryValue = string | number | boolean | null | undefined;

export interface ApiRequestInit extends Omit<RequestInit, 'body'> {
  /** Sent as JSON with the matching content type. */
  json?: unknown;
  body?: BodyInit | null;
  query?: Record<string, QueryValue | readonly QueryValue[]>;
  /** Send the bearer token (default true). */
  auth?: boolean;
}

/**
 * An authenticated fetch: `api<T>(path, init)` resolves with the parsed JSON body (undefined for 204) or rejects
 * with a ProblemError. It adds the bearer token, refreshes once and retries on 401, and tells the session it
 * expired when the retry is refused too.
 */
export interface ApiClient {
  <T = unknown>(path: string, init?: ApiRequestInit): Promise<T>;
  get<T = unknown>(path: string, init?: ApiRequestInit): Promise<T>;
  post<T = unknown>(path: string, json?: unknown, init?: ApiRequestInit): Promise<T>;
  put<T = unknown>(path: string, json?: unknown, init?: ApiRequestInit): Promise<T>;
  patch<T = unknown>(path: string, json?: unknown, init?: ApiRequestInit): Promise<T>;
  delete<T = unknown>(path: string, init?: ApiRequestInit): Promise<T>;
  /** The underlying response, for downloads (xlsx exports) and headers (ETag). Non-2xx still throws. */
  raw(path: string, init?: ApiRequestInit): Promise<Response>;
}

export interface ApiClientOptions {
  session: Session;
  /** Prefix for relative paths that do not start with /api, e.g. '/api/identity/v1'. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

function buildUrl(baseUrl: string, path: string, query?: ApiRequestInit['query']): string {
  const url = /^https?:\/\//.test(path) || path.startsWith('/api/') ? path : `${baseUrl.replace(/\/$/, '')}/${path.replace(/^\//, '')}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values as QueryValue[]) if (v !== undefined && v !== null && v !== '') params.append(key, String(v));
  }
  const search = params.toString();
  return search ? `${url}${url.includes('?') ? '&' : '?'}${search}` : url;
}

async function parse<T>(response: Response): Promise<T> {
  if (response.status === 204 || response.headers.get('content-length') === '0') return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) return (await response.json()) as T;
  return (await response.text()) as T;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const { session } = options;
  const baseUrl = options.baseUrl ?? '/api';
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  const send = async (path: string, init: ApiRequestInit = {}, retried = false): Promise<Response> => {
    const { json, query, auth = true, headers: extraHeaders, ...rest } = init;
    const headers = new Headers(extraHeaders);
    if (!headers.has('accept')) headers.set('accept', 'application/json');
    let body = rest.body;
    if (json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(json);
    }
    if (auth) {
      const token = await session.getAccessToken();
      if (token) headers.set('authorization', `Bearer ${token}`);
    }
    let response: Response;
    try {
      response = await doFetch(buildUrl(baseUrl, path, query), { credentials: 'same-origin', ...rest, headers, body });
    } catch (cause) {
      if ((cause as Error | undefined)?.name === 'AbortError') throw cause;
      throw networkProblem(cause);
    }
    if (response.status === 401 && auth && !retried) {
      if (await session.refresh()) return send(path, init, true);
      session.expire();
    } else if (response.status === 401 && auth) {
      session.expire();
    }
    if (!response.ok) throw await problemFromResponse(response);
    return response;
  };

  const request = (async <T>(path: string, init?: ApiRequestInit) => parse<T>(await send(path, init))) as ApiClient;
  const withBody =
    (method: string) =>
    <T>(path: string, json?: unknown, init?: ApiRequestInit) =>
      request<T>(path, { ...init, method, ...(json === undefined ? {} : { json }) });
  request.get = (path, init) => request(path, { ...init, method: 'GET' });
  request.post = withBody('POST');
  request.put = withBody('PUT');
  request.patch = withBody('PATCH');
  request.delete = (path, init) => request(path, { ...init, method: 'DELETE' });
  request.raw = (path, init) => send(path, init);
  return request;
}
