import { z } from 'zod';

export const moduleName = z.enum(['projects', 'enterprise', 'assessments', 'admin']);
export type ModuleName = z.infer<typeof moduleName>;

export const tenantKind = z.enum(['city', 'district', 'county_city', 'county', 'devzone']);
export const tenantStatus = z.enum(['invited', 'active', 'suspended']);
export const dataScope = z.enum(['all', 'department_tree', 'department', 'self']);

/** What anyone may know about a tenant from its host: enough to brand the sign-in page. */
export const publicTenant = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    shortName: z.string(),
    kind: tenantKind,
    status: tenantStatus,
    primaryColor: z.string(),
    logo: z.string().nullable(),
    modules: z.array(z.string()),
  })
  .meta({ id: 'PublicTenant' });
export type PublicTenant = z.infer<typeof publicTenant>;

export const tenantDirectoryEntry = z
  .object({
    slug: z.string(),
    name: z.string(),
    shortName: z.string(),
    kind: tenantKind,
    primaryColor: z.string(),
    logo: z.string().nullable(),
    rankingGroup: z.string().nullable(),
  })
  .meta({ id: 'TenantDirectoryEntry' });

export const signInRequest = z
  .object({
    username: z.string().trim().min(1, '请输入用户名').max(64, '用户名过长'),
    password: z.string().min(1, '请输入密码').max(128, '密码过长'),
    /** Needed after repeated failures: the id and image come from `GET /auth/captcha`. */
    captchaId: z.string().max(200).optional(),
    captchaCode: z.string().trim().max(8).optional(),
  })
  .strict()
  .meta({ id: 'SignInRequest' });
export type SignInRequest = z.infer<typeof signInRequest>;

export const tokenResponse = z
  .object({ accessToken: z.string(), expiresIn: z.number().int(), mustChangePassword: z.boolean() })
  .meta({ id: 'TokenResponse' });

export const me = z
  .object({
    user: z.object({
      id: z.uuid(),
      username: z.string(),
      displayName: z.string(),
      departmentId: z.uuid().nullable(),
      departmentName: z.string().nullable(),
      role: z.object({ code: z.string(), name: z.string(), dataScope }),
    }),
    tenant: publicTenant,
    permissions: z.array(z.string()),
    modules: z.array(z.string()),
    /** Set at first sign-in and after a reset: the shell sends the user to change it before anything else. */
    mustChangePassword: z.boolean(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof me>;
