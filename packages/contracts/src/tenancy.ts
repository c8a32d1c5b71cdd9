import { z } from 'zod';
import { MODULES } from './permissions.ts';
import { tenantKind, tenantStatus } from './identity.ts';

/** Host names a tenant may not take: they would shadow the product's own hosts. */
export const RESERVED_SLUGS = ['www', 'api', 'app', 'admin', 'docs', 'static', 'assets', 'mail', 'portal', 'login', 'status', 'test'];

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9-]{1,30}[a-z0-9]$/, '地址标识须为 3–32 位小写字母、数字或连字符，以字母开头')
  .refine((s) => !RESERVED_SLUGS.includes(s), '该地址标识为系统保留，请换一个');

export const colorSchema = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, '颜色须为 #RRGGBB 形式的十六进制颜色，例如 #0b6e69')
  .transform((s) => s.toLowerCase());

export const LOGO_MAX_BYTES = 200 * 1024;
const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'] as const;

function decodeBase64(text: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

function looksLike(type: (typeof LOGO_TYPES)[number], bytes: Uint8Array): boolean {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  switch (type) {
    case 'image/png':
      return starts(0x89, 0x50, 0x4e, 0x47);
    case 'image/jpeg':
      return starts(0xff, 0xd8, 0xff);
    case 'image/webp':
      return starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.slice(8, 12)) === 'WEBP';
    case 'image/svg+xml': {
      const head = new TextDecoder().decode(bytes.slice(0, 512)).trimStart();
      return head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'));
    }
  }
}

/** A logo as a data URL: the declared type must be an image we accept and the bytes must really be one. */
export const logoSchema = z.string().superRefine((value, ctx) => {
  const match = /^data:([a-z+/]+);base64,([A-Za-z0-9+/=]+)$/.exec(value);
  if (!match) {
    ctx.addIssue({ code: 'custom', message: '标识须为图片的 data URL（data:image/png;base64,…）' });
    return;
  }
  const type = match[1] as (typeof LOGO_TYPES)[number];
  if (!LOGO_TYPES.includes(type)) {
    ctx.addIssue({ code: 'custom', message: `不支持的图片类型 ${type}，请使用 PNG、JPEG、WebP 或 SVG` });
    return;
  }
  const bytes = decodeBase64(match[2]!);
  if (!bytes) {
    ctx.addIssue({ code: 'custom', message: '图片内容不是合法的 base64 编码' });
    return;
  }
  if (bytes.length > LOGO_MAX_BYTES) {
    ctx.addIssue({ code: 'custom', message: `图片不能超过 ${LOGO_MAX_BYTES / 1024} KB（当前 ${Math.ceil(bytes.length / 1024)} KB）` });
    return;
  }
  if (!looksLike(type, bytes)) ctx.addIssue({ code: 'custom', message: `文件内容不是 ${type} 图片` });
});

/** Password rules shared by onboarding, user creation and password change. */
export const passwordSchema = z
  .string()
  .min(8, '密码至少 8 位')
  .max(64, '密码不能超过 64 位')
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p) && /[^A-Za-z0-9]/.test(p), '密码须同时包含字母、数字和符号');

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, '用户名须为 3–32 位字母、数字、下划线、点或连字符，以字母开头');

export const moduleList = z
  .array(z.enum(MODULES))
  .min(1, '至少选择一个模块')
  .refine((m) => new Set(m).size === m.length, '模块不能重复');

export const onboardingStep = z.enum(['admin', 'branding', 'modules']);
export const ONBOARDING_STEPS = onboardingStep.options;

export const registerTenantRequest = z
  .object({
    name: z.string().trim().min(2, '名称至少 2 个字').max(40, '名称不能超过 40 个字'),
    shortName: z.string().trim().min(1).max(12, '简称不能超过 12 个字').optional(),
    kind: tenantKind.exclude(['city']),
    divisionCode: z.string().trim().regex(/^[0-9A-Z-]{3,20}$/, '区划代码须为 3–20 位数字、大写字母或连字符'),
    rankingGroup: z.string().trim().min(1).max(20).optional(),
    allowedModules: moduleList.optional(),
  })
  .strict()
  .meta({ id: 'RegisterTenantRequest' });

export const invitationView = z
  .object({
    url: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'Invitation' });

export const invitationState = z.enum(['pending', 'expired', 'used', 'revoked', 'none']);

export const tenantSummary = z
  .object({
    id: z.uuid(),
    name: z.string(),
    shortName: z.string(),
    kind: tenantKind,
    divisionCode: z.string(),
    rankingGroup: z.string().nullable(),
    slug: z.string().nullable(),
    primaryColor: z.string(),
    logo: z.string().nullable(),
    status: tenantStatus,
    modules: z.array(z.string()),
    allowedModules: z.array(z.string()),
    onboardingSteps: z.array(z.string()),
    invitation: z.object({ state: invitationState, expiresAt: z.string().nullable() }),
    invitedAt: z.string().nullable(),
    activatedAt: z.string().nullable(),
    suspendedAt: z.string().nullable(),
    suspendedReason: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'TenantSummary' });
export type TenantSummary = z.infer<typeof tenantSummary>;

export const suspendRequest = z.object({ reason: z.string().trim().min(2, '请填写停用原因').max(200) }).strict();

export const onboardingView = z
  .object({
    tenant: z.object({
      id: z.uuid(),
      name: z.string(),
      shortName: z.string(),
      kind: tenantKind,
      slug: z.string().nullable(),
      primaryColor: z.string(),
      logo: z.string().nullable(),
      modules: z.array(z.string()),
      allowedModules: z.array(z.string()),
    }),
    stepsDone: z.array(onboardingStep),
    admin: z.object({ username: z.string(), displayName: z.string() }).nullable(),
    expiresAt: z.string(),
  })
  .meta({ id: 'Onboarding' });

export const onboardingAdminRequest = z
  .object({ username: usernameSchema, displayName: z.string().trim().min(2).max(20), password: passwordSchema })
  .strict()
  .superRefine((v, ctx) => {
    if (v.password.toLowerCase().includes(v.username.toLowerCase())) {
      ctx.addIssue({ code: 'custom', path: ['password'], message: '密码不能包含用户名' });
    }
  });

export const brandingFields = {
  name: z.string().trim().min(2, '名称至少 2 个字').max(40),
  shortName: z.string().trim().min(1).max(12, '简称不能超过 12 个字'),
  primaryColor: colorSchema,
  logo: logoSchema.nullable(),
};

export const onboardingBrandingRequest = z.object({ ...brandingFields, slug: slugSchema }).strict();
export const brandingUpdateRequest = z.object(brandingFields).strict().meta({ id: 'BrandingUpdate' });
export const modulesRequest = z.object({ modules: moduleList }).strict();

export const branding = z
  .object({
    name: z.string(),
    shortName: z.string(),
    primaryColor: z.string(),
    logo: z.string().nullable(),
    slug: z.string().nullable(),
    modules: z.array(z.string()),
    allowedModules: z.array(z.string()),
    version: z.number().int(),
  })
  .meta({ id: 'Branding' });

export const changePasswordRequest = z
  .object({ currentPassword: z.string().min(1, '请输入当前密码').max(128), newPassword: passwordSchema })
  .strict()
  .refine((v) => v.currentPassword !== v.newPassword, { path: ['newPassword'], message: '新密码不能与当前密码相同' });
