import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { REFRESH_TOKEN_DAYS } from '../domain/sessions.ts';

const NAME = 'ys_rt';
// Sent only to the auth routes, never readable by scripts, never sent cross-site.
const OPTIONS = { path: '/api/identity/v1/auth', httpOnly: true, secure: true, sameSite: 'Strict' } as const;

export const readRefreshCookie = (c: Context) => getCookie(c, NAME);
export const writeRefreshCookie = (c: Context, value: string) =>
  setCookie(c, NAME, value, { ...OPTIONS, maxAge: REFRESH_TOKEN_DAYS * 86_400 });
export const clearRefreshCookie = (c: Context) => deleteCookie(c, NAME, OPTIONS);
