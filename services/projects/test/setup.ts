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
  uuidv7,
} from '@yingshang/testing';
import { createProjectsApp } from '../src/app.ts';

/** The clock every test runs at: Thursday 2026-11-26, noon in Shanghai. The reporting month is 2026-10. */
export const NOW = new Date('2026-11-26T04:00:00Z');
export const TODAY = '2026-11-26';

export interface Departments {
  /** The fixture's root department (every fixture user sits in it). */
  office: string;
  /** office → fgw → fgwSub; office → gxj. */
  fgw: string;
  fgwSub: string;
  gxj: string;
}

export interface ProjectsHarness {
  db: TestDatabase;
  fx: TwoTenantFixture;
  depts: Departments;
  fetch(req: Request): Promise<Response>;
  call(slug: string, path: string, init?: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  /** A token of the tenant's clerk (发改委, department_tree) with other claims swapped in. */
  token(tenant: FixtureTenant, overrides?: Partial<ReturnType<typeof claimsFor>>, who?: 'admin' | 'clerk'): Promise<string>;
}

export async function projectsHarness(): Promise<ProjectsHarness> {
  const db = await createTestDatabase();
  const fx = await createTwoTenantFixture(db.owner);
  const office = fx.a.users.clerk.departmentId;
  const depts: Departments = { office, fgw: uuidv7(), fgwSub: uuidv7(), gxj: uuidv7() };
  await db.owner.insert(schema.departments).values([
    { tenantId: fx.a.id, id: depts.fgw, parentId: office, code: 'fgw', name: '发展和改革委员会' },
    { tenantId: fx.a.id, id: depts.fgwSub, parentId: depts.fgw, code: 'fgw-xm', name: '重点项目科' },
    { tenantId: fx.a.id, id: depts.gxj, parentId: office, code: 'gxj', name: '工业和信息化局' },
  ]);
  const app = createProjectsApp({ database: db.factory, now: () => NOW });
  const fetch = async (req: Request) => app.fetch(req, testEnv);
  return {
    db,
    fx,
    depts,
    fetch,
    call: (slug, path, init = {}) => fetch(tenantRequest(slug, path, init)),
    token: (tenant, overrides = {}, who = 'clerk') => signAccessToken({ ...claimsFor(tenant, who), ...overrides }, TEST_JWT_SECRET),
  };
}

export const API = '/api/projects/v1';

let sequence = 0;
/** A valid project request; every call gets a fresh code. */
export function newProject(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence += 1;
  return {
    code: `T-${String(sequence).padStart(4, '0')}-${Math.random().toString(36).slice(2, 6)}`,
    name: `测试项目${sequence}`,
    ownerUnit: '测试科技有限公司',
    category: 'advanced_manufacturing',
    level: 'municipal',
    totalInvestment: '100000.00',
    industry: '装备制造',
    strategies: ['lane_change'],
    ...overrides,
  };
}

export type ProjectBody = {
  id: string;
  code: string;
  version: number;
  stage: string;
  stageDate: string;
  totalInvestment: string;
  departmentId: string | null;
  progress: Record<string, unknown> & { status: string; ytdCompleted: string };
} & Record<string, unknown>;
