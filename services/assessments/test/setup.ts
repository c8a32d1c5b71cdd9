import { districtRoleTemplates, effectivePermissions } from '@yingshang/contracts';
import { schema } from '@yingshang/db';
import { signAccessToken } from '@yingshang/service-kit';
import {
  type FixtureTenant,
  TEST_JWT_SECRET,
  type TestDatabase,
  type TwoTenantFixture,
  claimsFor,
  createTestDatabase,
  createTwoTenantFixture,
  tenantRequest,
  testEnv,
  tokenFor,
  uuidv7,
} from '@yingshang/testing';
import { eq } from 'drizzle-orm';
import { createAssessmentsApp } from '../src/app.ts';

export interface Harness {
  db: TestDatabase;
  fx: TwoTenantFixture;
  /** The clock the app reads; tests move it. */
  clock: { now: Date };
  call(slug: string, path: string, init?: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  tokens: {
    /** 市营商办管理员: every city-only assessments permission. */
    cityAdmin: string;
    /** 市督查室: computes and reviews, cannot publish. */
    citySupervisor: string;
    /** District administrators: reads only. */
    alphaAdmin: string;
    bravoAdmin: string;
    /** District 督查室专员: fills 三标, values, task progress. */
    alphaDucha: string;
    bravoDucha: string;
    /** 发改委: no assessments permission at all. */
    alphaFgw: string;
  };
}

const MODULES = ['projects', 'enterprise', 'assessments', 'admin'];
const supervisionPerms = effectivePermissions(districtRoleTemplates.find((t) => t.code === 'supervision')!.permissions, MODULES) as string[];

export async function harness(): Promise<Harness> {
  const db = await createTestDatabase();
  const fx = await createTwoTenantFixture(db.owner);
  // Ranking groups are configuration on the tenant (市内五区, 县(市)及上街区 …).
  await db.owner.update(schema.tenants).set({ rankingGroup: '甲组', sortOrder: 1 }).where(eq(schema.tenants.id, fx.a.id));
  await db.owner.update(schema.tenants).set({ rankingGroup: '乙组', sortOrder: 2 }).where(eq(schema.tenants.id, fx.b.id));
  const clock = { now: new Date('2026-04-10T02:00:00Z') };
  const app = createAssessmentsApp({ database: db.factory, now: () => clock.now });
  const ducha = (t: FixtureTenant) => signAccessToken({ ...claimsFor(t, 'clerk'), role: 'supervision', perms: supervisionPerms }, TEST_JWT_SECRET);
  return {
    db,
    fx,
    clock,
    call: (slug, path, init = {}) => Promise.resolve(app.fetch(tenantRequest(slug, path, init), testEnv)),
    tokens: {
      cityAdmin: await tokenFor(fx.city, 'admin'),
      citySupervisor: await tokenFor(fx.city, 'clerk'),
      alphaAdmin: await tokenFor(fx.a, 'admin'),
      bravoAdmin: await tokenFor(fx.b, 'admin'),
      alphaDucha: await ducha(fx.a),
      bravoDucha: await ducha(fx.b),
      alphaFgw: await tokenFor(fx.a, 'clerk'),
    },
  };
}

/** 三个一批 figures in the projects read contract: one project with a 2026 plan and reports for Jan–Mar. */
export async function seedProjects(db: TestDatabase, tenantId: string, plan: string, monthly: string): Promise<void> {
  const projectId = uuidv7();
  await db.owner.insert(schema.projectsTable).values({
    tenantId,
    id: projectId,
    code: `P-${tenantId.slice(-4)}`,
    name: '测试项目',
    ownerUnit: '测试公司',
    category: 'other',
    level: 'district',
    totalInvestment: '5000',
    stageDate: '2026-01-01',
  });
  await db.owner.insert(schema.annualPlans).values({ tenantId, projectId, year: 2026, plannedInvestment: plan });
  for (const month of ['2026-01-01', '2026-02-01', '2026-03-01']) {
    await db.owner.insert(schema.investmentReports).values({ tenantId, id: uuidv7(), projectId, month, plannedInvestment: monthly, completedInvestment: monthly });
  }
}
