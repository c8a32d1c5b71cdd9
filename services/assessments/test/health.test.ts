import { type TestDatabase, createTestDatabase, testEnv } from '@yingshang/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssessmentsApp } from '../src/app.ts';

let db: TestDatabase;
let app: ReturnType<typeof createAssessmentsApp>;
beforeAll(async () => {
  db = await createTestDatabase();
  app = createAssessmentsApp({ database: db.factory });
});
afterAll(() => db.close());

describe('assessments worker', () => {
  it('reports its database up', async () => {
    const res = await app.fetch(new Request('http://localhost/api/assessments/health'), testEnv);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', service: 'assessments', database: 'up' });
  });

  it('serves its OpenAPI document', async () => {
    const res = await app.fetch(new Request('http://localhost/api/assessments/openapi.json'), testEnv);
    const doc = (await res.json()) as { openapi: string; info: { title: string } };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toContain('营商');
  });
});
