import { effectivePermissions } from '@yingshang/contracts/permissions';
import { type Tx, schema, uuidv7 } from '@yingshang/db';
import { type AccessClaims, HttpProblem } from '@yingshang/service-kit';
import { type Argon2, verifyPassword } from '@yingshang/service-kit/password';
import { and, eq, sql } from 'drizzle-orm';
import { CAPTCHA_AFTER_FAILURES } from './captcha.ts';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 10;
export const REFRESH_TOKEN_DAYS = 7;

// Verified when the user does not exist, so an unknown name costs as much time as a wrong password.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0Y8aXn7o2Yj0n3Q3cQm2lq2zq8b0mR7xkq3a4Qk1yJc';

export const invalidCredentials = (captchaRequired = false) =>
  new HttpProblem(401, 'invalid-credentials', '用户名或密码错误', '请检查后重新输入；连续输错 5 次账号将锁定 10 分钟',
    captchaRequired ? { captchaRequired: true } : undefined,
  );

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The claims of a user as they are now: role and tenant modules are read afresh at every sign-in and refresh. */
export async function loadClaims(tx: Tx, tenantId: string, tenantSlug: string, userId: string): Promise<AccessClaims | null> {
  const [row] = await tx
    .select({
      user: schema.users,
      role: schema.roles,
      modules: schema.tenants.modules,
    })
    .from(schema.users)
    .innerJoin(schema.roles, and(eq(schema.roles.tenantId, schema.users.tenantId), eq(schema.roles.id, schema.users.roleId)))
    .innerJoin(schema.tenants, eq(schema.tenants.id, schema.users.tenantId))
    .where(and(eq(schema.users.tenantId, tenantId), eq(schema.users.id, userId)));
  if (!row || row.user.status !== 'active') return null;
  return {
    sub: row.user.id,
    tid: tenantId,
    ten: tenantSlug,
    name: row.user.displayName,
    role: row.role.code,
    perms: effectivePermissions(row.role.permissions, row.modules),
    scope: row.role.dataScope,
    dept: row.user.departmentId,
  };
}

export interface SignInContext {
  tenantId: string;
  tenantSlug: string;
  ip: string | null;
  userAgent: string | null;
  /** Rejects unless the request carries a correct captcha; asked only once the account has failed repeatedly. */
  verifyCaptcha: () => Promise<void>;
}

export type SignInOutcome =
  | { ok: true; claims: AccessClaims; refreshToken: string; mustChangePassword: boolean }
  | { ok: false; problem: HttpProblem };

/**
 * Checks the password and the lockout, and records the attempt. Failures are returned, not thrown, so that the
 * failed-attempt counter and the sign-in log commit with the transaction.
 */
export async function signIn(
  tx: Tx,
  argon2: Argon2,
  ctx: SignInContext,
  username: string,
  password: string,
): Promise<SignInOutcome> {
  const [user] = await tx
    .select()
    .from(schema.users)
    .where(and(eq(schema.users.tenantId, ctx.tenantId), eq(schema.users.username, username)))
    .for('update');
  const log = (success: boolean, reason: string | null) =>
    tx.insert(schema.signInLog).values({
      tenantId: ctx.tenantId,
      id: uuidv7(),
      username,
      userId: user?.id ?? null,
      success,
      reason,
      ip: ctx.ip,
      userAgent: ctx.userAgent?.slice(0, 300) ?? null,
    });

  if (!user) {
    verifyPassword(argon2, password, DUMMY_HASH);
    await log(false, 'unknown-user');
    return { ok: false, problem: invalidCredentials() };
  }
  if (user.status !== 'active') {
    await log(false, 'disabled');
    return { ok: false, problem: new HttpProblem(403, 'user-disabled', '账号已停用', '请联系本单位管理员') };
  }
  const now = new Date();
  if (user.lockedUntil && user.lockedUntil > now) {
    await log(false, 'locked');
    const minutes = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000);
    return {
      ok: false,
      problem: new HttpProblem(423, 'account-locked', '账号已锁定', `密码连续错误次数过多，请 ${minutes} 分钟后再试`, {
        lockedUntil: user.lockedUntil.toISOString(),
      }),
    };
  }
  if (user.failedAttempts >= CAPTCHA_AFTER_FAILURES) {
    const refused = await ctx.verifyCaptcha().then(
      () => null,
      (problem: unknown) => problem,
    );
    if (refused) {
      await log(false, 'captcha');
      if (refused instanceof HttpProblem) return { ok: false, problem: refused };
      throw refused;
    }
  }
  if (!verifyPassword(argon2, password, user.passwordHash)) {
    const attempts = user.failedAttempts + 1;
    const lock = attempts >= MAX_FAILED_ATTEMPTS;
    await tx
      .update(schema.users)
      .set({
        failedAttempts: lock ? 0 : attempts,
        lockedUntil: lock ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : null,
      })
      .where(and(eq(schema.users.tenantId, ctx.tenantId), eq(schema.users.id, user.id)));
    await log(false, lock ? 'locked-now' : 'wrong-password');
    // Tell the sign-in page at once that the next attempt needs a captcha, instead of one failure later.
    return { ok: false, problem: invalidCredentials(!lock && attempts >= CAPTCHA_AFTER_FAILURES) };
  }

  await tx
    .update(schema.users)
    .set({ failedAttempts: 0, lockedUntil: null, lastSignInAt: now })
    .where(and(eq(schema.users.tenantId, ctx.tenantId), eq(schema.users.id, user.id)));
  await log(true, null);
  const claims = await loadClaims(tx, ctx.tenantId, ctx.tenantSlug, user.id);
  if (!claims) return { ok: false, problem: invalidCredentials() };
  const refreshToken = await issueRefreshToken(tx, ctx.tenantId, user.id, uuidv7());
  return { ok: true, claims, refreshToken, mustChangePassword: user.mustChangePassword };
}

/** The cookie value is `<row id>.<secret>`; only the secret's hash is stored. */
async function issueRefreshToken(tx: Tx, tenantId: string, userId: string, familyId: string): Promise<string> {
  const id = uuidv7();
  const secret = randomToken();
  await tx.insert(schema.refreshTokens).values({
    tenantId,
    id,
    userId,
    familyId,
    tokenHash: await sha256Hex(secret),
    expiresAt: new Date(Date.now() + REFRESH_TOKEN_DAYS * 86_400_000),
  });
  return `${id}.${secret}`;
}

export type RefreshOutcome =
  | { ok: true; claims: AccessClaims; refreshToken: string }
  | { ok: false; problem: HttpProblem };

const sessionExpired = () => new HttpProblem(401, 'session-expired', '登录已过期', '请重新登录');

/**
 * Rotates the refresh token. A token that was already used means it was copied: the whole family is revoked, and
 * both the thief and the user must sign in again.
 */
export async function refresh(tx: Tx, ctx: { tenantId: string; tenantSlug: string }, cookie: string): Promise<RefreshOutcome> {
  const [id, secret] = cookie.split('.');
  if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) return { ok: false, problem: sessionExpired() };
  const [token] = await tx
    .select()
    .from(schema.refreshTokens)
    .where(and(eq(schema.refreshTokens.tenantId, ctx.tenantId), eq(schema.refreshTokens.id, id)))
    .for('update');
  if (!token || token.tokenHash !== (await sha256Hex(secret))) return { ok: false, problem: sessionExpired() };
  if (token.usedAt || token.revokedAt) {
    await revokeFamily(tx, ctx.tenantId, token.familyId);
    return {
      ok: false,
      problem: new HttpProblem(401, 'refresh-token-reused', '登录凭证已失效', '检测到登录凭证被重复使用，为安全起见请重新登录'),
    };
  }
  if (token.expiresAt < new Date()) return { ok: false, problem: sessionExpired() };
  await tx
    .update(schema.refreshTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(schema.refreshTokens.tenantId, ctx.tenantId), eq(schema.refreshTokens.id, id)));
  const claims = await loadClaims(tx, ctx.tenantId, ctx.tenantSlug, token.userId);
  if (!claims) return { ok: false, problem: sessionExpired() };
  const refreshToken = await issueRefreshToken(tx, ctx.tenantId, token.userId, token.familyId);
  return { ok: true, claims, refreshToken };
}

export async function revokeFamily(tx: Tx, tenantId: string, familyId: string): Promise<void> {
  await tx
    .update(schema.refreshTokens)
    .set({ revokedAt: sql`coalesce(${schema.refreshTokens.revokedAt}, now())` })
    .where(and(eq(schema.refreshTokens.tenantId, tenantId), eq(schema.refreshTokens.familyId, familyId)));
}

export async function signOut(tx: Tx, tenantId: string, cookie: string): Promise<void> {
  const [id] = cookie.split('.');
  if (!id || !/^[0-9a-f-]{36}$/.test(id)) return;
  const [token] = await tx
    .select({ familyId: schema.refreshTokens.familyId })
    .from(schema.refreshTokens)
    .where(and(eq(schema.refreshTokens.tenantId, tenantId), eq(schema.refreshTokens.id, id)));
  if (token) await revokeFamily(tx, tenantId, token.familyId);
}
