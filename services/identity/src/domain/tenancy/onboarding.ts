import { ALWAYS_ENABLED_MODULES, districtRoleTemplates } from '@yingshang/contracts/permissions';
import { type Tx, schema, uuidv7 } from '@yingshang/db';
import { HttpProblem } from '@yingshang/service-kit';
import { and, asc, eq, sql } from 'drizzle-orm';

type TenantRow = typeof schema.tenants.$inferSelect;

export async function tenantForOnboarding(tx: Tx, tenantId: string): Promise<TenantRow> {
  const [tenant] = await tx.select().from(schema.tenants).where(eq(schema.tenants.id, tenantId));
  if (!tenant) throw new HttpProblem(404, 'invitation-invalid', '邀请链接无效', '邀请链接不存在或已被撤销');
  if (tenant.status === 'suspended') throw new HttpProblem(403, 'tenant-suspended', '本单位已停用', '请联系市营商办');
  if (tenant.status === 'active') throw new HttpProblem(410, 'invitation-used', '本单位已完成开通', '请直接登录');
  return tenant;
}

async function markStep(tx: Tx, tenant: TenantRow, step: 'admin' | 'branding' | 'modules', values: Partial<TenantRow> = {}) {
  const steps = tenant.onboardingSteps.includes(step) ? tenant.onboardingSteps : [...tenant.onboardingSteps, step];
  const [row] = await tx
    .update(schema.tenants)
    .set({ ...values, onboardingSteps: steps, version: sql`${schema.tenants.version} + 1`, updatedAt: new Date() })
    .where(eq(schema.tenants.id, tenant.id))
    .returning();
  return row!;
}

/** The tenant's administrator as onboarding created it (the first user holding the tenant_admin role). */
export async function onboardingAdmin(tx: Tx, tenantId: string) {
  const [row] = await tx
    .select({ id: schema.users.id, username: schema.users.username, displayName: schema.users.displayName })
    .from(schema.users)
    .innerJoin(schema.roles, and(eq(schema.roles.tenantId, schema.users.tenantId), eq(schema.roles.id, schema.users.roleId)))
    .where(and(eq(schema.users.tenantId, tenantId), eq(schema.roles.code, 'tenant_admin')))
    .orderBy(asc(schema.users.createdAt))
    .limit(1);
  return row ?? null;
}

/**
 * Creates (or, when onboarding is resumed, replaces) the administrator, with the built-in roles and a root
 * department the tenant starts from.
 */
export async function saveAdmin(
  tx: Tx,
  tenant: TenantRow,
  admin: { username: string; displayName: string; passwordHash: string },
): Promise<TenantRow> {
  const roles = await tx.select().from(schema.roles).where(eq(schema.roles.tenantId, tenant.id));
  let adminRole = roles.find((r) => r.code === 'tenant_admin');
  if (!adminRole) {
    const inserted = await tx
      .insert(schema.roles)
      .values(
        districtRoleTemplates.map((t) => ({
          tenantId: tenant.id,
          id: uuidv7(),
          code: t.code,
          name: t.name,
          permissions: [...t.permissions],
          dataScope: t.dataScope,
          builtIn: true,
        })),
      )
      .returning();
    adminRole = inserted.find((r) => r.code === 'tenant_admin')!;
  }
  const [root] = await tx.select().from(schema.departments).where(eq(schema.departments.tenantId, tenant.id)).limit(1);
  const departmentId = root?.id ?? uuidv7();
  if (!root) {
    await tx.insert(schema.departments).values({ tenantId: tenant.id, id: departmentId, code: 'root', name: tenant.name });
  }
  const existing = await onboardingAdmin(tx, tenant.id);
  if (existing) {
    await tx
      .update(schema.users)
      .set({ username: admin.username, displayName: admin.displayName, passwordHash: admin.passwordHash, updatedAt: new Date() })
      .where(and(eq(schema.users.tenantId, tenant.id), eq(schema.users.id, existing.id)));
  } else {
    await tx.insert(schema.users).values({
      tenantId: tenant.id,
      id: uuidv7(),
      username: admin.username,
      displayName: admin.displayName,
      passwordHash: admin.passwordHash,
      departmentId,
      roleId: adminRole.id,
      passwordChangedAt: new Date(),
    });
  }
  return markStep(tx, tenant, 'admin');
}

export async function saveBranding(
  tx: Tx,
  tenant: TenantRow,
  b: { name: string; shortName: string; primaryColor: string; logo: string | null; slug: string },
): Promise<TenantRow> {
  return markStep(tx, tenant, 'branding', {
    name: b.name,
    shortName: b.shortName,
    primaryColor: b.primaryColor,
    logo: b.logo,
    slug: b.slug,
  });
}

export async function saveModules(tx: Tx, tenant: TenantRow, modules: string[]): Promise<TenantRow> {
  const refused = modules.filter((m) => !tenant.allowedModules.includes(m));
  if (refused.length > 0) {
    throw new HttpProblem(400, 'validation', '所选模块超出开通范围', `市级套餐未包含：${refused.join('、')}`, {
      errors: [{ field: 'json.modules', message: `不可选择：${refused.join('、')}` }],
    });
  }
  return markStep(tx, tenant, 'modules', { modules: [...new Set([...modules, ...ALWAYS_ENABLED_MODULES])] });
}

export async function complete(tx: Tx, tenant: TenantRow): Promise<TenantRow> {
  const missing = (['admin', 'branding', 'modules'] as const).filter((s) => !tenant.onboardingSteps.includes(s));
  if (missing.length > 0) {
    const labels = { admin: '管理员账号', branding: '单位品牌与地址', modules: '功能模块' };
    throw new HttpProblem(409, 'onboarding-incomplete', '开通步骤未完成', `请先完成：${missing.map((m) => labels[m]).join('、')}`, {
      missing,
    });
  }
  const [row] = await tx
    .update(schema.tenants)
    .set({ status: 'active', activatedAt: new Date(), version: sql`${schema.tenants.version} + 1`, updatedAt: new Date() })
    .where(eq(schema.tenants.id, tenant.id))
    .returning();
  return row!;
}
