import { loadArgon2Node } from '@yingshang/service-kit/password-node';
import { type TestDatabase, type TwoTenantFixture, createTestDatabase, createTwoTenantFixture, testEnv } from '@yingshang/testing';
import { createIdentityApp } from '../src/app.ts';

export interface IdentityHarness {
  db: TestDatabase;
  fx: TwoTenantFixture;
  fetch(req: Request): Promise<Response>;
}

export async function identityHarness(): Promise<IdentityHarness> {
  const db = await createTestDatabase();
  const fx = await createTwoTenantFixture(db.owner);
  const app = createIdentityApp({ argon2: loadArgon2Node, database: db.factory });
  return { db, fx, fetch: async (req) => app.fetch(req, testEnv) };
}
