import type { MiddlewareHandler } from 'hono';
import { sign, verify } from 'hono/jwt';
import { z } from 'zod';
import type { KitEnv } from './env.ts';
import { tenantSlugFromHost } from './host.ts';
import { problems } from './problem.ts';

/** The only algorithm we sign with, and the only one we accept: never the token header's choice. */
const ALG = 'HS256' as const;
const ISSUER = 'yingshang';
export const ACCESS_TOKEN_SECONDS = 15 * 60;

const claimsSchema = z.object({
  sub: z.uuid(),
  tid: z.uuid(),
  ten: z.string().min(1),
  name: z.string(),
  role: z.string(),
  perms: z.array(z.string()),
  scope: z.enum(['all', 'department_tree', 'department', 'self']),
  dept: z.uuid().nullable(),
});
export type AccessClaims = z.infer<typeof claimsSchema>;

/** Who is calling, taken only from a verified token — never from the body, the query or a header. */
export interface Principal {
  userId: string;
  tenantId: string;
  tenantSlug: string;
  displayName: string;
  role: string;
  permissions: ReadonlySet<string>;
  dataScope: AccessClaims['scope'];
  departmentId: string | null;
}

export async function signAccessToken(claims: AccessClaims, secret: string, now = Math.floor(Date.now() / 1000)) {
  return sign({ ...claims, iss: ISSUER, aud: ISSUER, iat: now, exp: now + ACCESS_TOKEN_SECONDS }, secret, ALG);
}

export async function verifyAccessToken(token: string, secret: string): Promise<Principal | null> {
  let payload: unknown;
  try {
    payload = await verify(token, secret, { alg: ALG, iss: ISSUER, aud: ISSUER });
  } catch {
    return null;
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) return null;
  const c = claims.data;
  return {
    userId: c.sub,
    tenantId: c.tid,
    tenantSlug: c.ten,
    displayName: c.name,
    role: c.role,
    permissions: new Set(c.perms),
    dataScope: c.scope,
    departmentId: c.dept,
  };
}

export type AuthVariables = { principal: Principal };

/**
 * Every tenant-scoped route sits behind this. The tenant is the verified token's; the host must name the same
 * tenant (a token from 金水区 is refused on 二七区's host), and a request on a host that names no tenant is
 * refused outright: fail closed.
 */
export const requireAuth: MiddlewareHandler<{ Bindings: KitEnv; Variables: AuthVariables }> = async (c, next) => {
  const slug = tenantSlugFromHost(new URL(c.req.url).host, c.env.BASE_DOMAIN);
  if (!slug) throw problems.noTenant();
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(header);
  if (!match) throw problems.unauthorized();
  const principal = await verifyAccessToken(match[1]!, c.env.JWT_SECRET);
  if (!principal) throw problems.unauthorized('登录凭证无效或已过期，请重新登录');
  if (principal.tenantSlug !== slug) throw problems.tenantMismatch();
  c.set('principal', principal);
  await next();
};

export function requirePermission(...anyOf: string[]): MiddlewareHandler<{ Bindings: KitEnv; Variables: AuthVariables }> {
  return async (c, next) => {
    const { permissions } = c.get('principal');
    if (!anyOf.some((p) => permissions.has(p))) throw problems.forbidden();
    await next();
  };
}

/** The middleware of a protected route: a verified token for this host, then any one of the permissions. */
export function guard(...anyOf: string[]): MiddlewareHandler<{ Bindings: KitEnv; Variables: AuthVariables }>[] {
  return anyOf.length > 0 ? [requireAuth, requirePermission(...anyOf)] : [requireAuth];
}
