import type { DbHandle } from '@yingshang/db';
import type { Modules } from '@yingshang/seeds/scale';

/** The key reads of the budget, each with the demo user who reads it. */
export interface Endpoint {
  key: string;
  name: string;
  service: 'projects' | 'enterprise' | 'assessments';
  path: string;
  username: string;
  /** A list endpoint: p99 ≤ 50 ms at 50 connections. */
  list: boolean;
  p50Budget?: number;
}

type AppFactory = (factory: () => DbHandle) => { fetch(req: Request, env: unknown): Response | Promise<Response> };

/**
 * Each service's Hono app, built in-process with a recording database factory (the workers run the same app from
 * their bundles). A service whose app does not exist yet is left out.
 */
export async function serviceApps(): Promise<Partial<Record<Endpoint['service'], AppFactory>>> {
  const out: Partial<Record<Endpoint['service'], AppFactory>> = {};
  const projects = await import('../../../services/projects/src/app.ts');
  out.projects = (database) => projects.createProjectsApp({ database });
  for (const name of ['enterprise', 'assessments'] as const) {
    try {
      const mod = (await import(`../../../services/${name}/src/app.ts`)) as Record<string, unknown>;
      const create = Object.entries(mod).find(([k, v]) => /^create\w*App$/.test(k) && typeof v === 'function')?.[1] as ((deps: { database: () => DbHandle }) => ReturnType<AppFactory>) | undefined;
      if (create) out[name] = (database) => create({ database });
    } catch {
      // not built yet
    }
  }
  return out;
}

export function endpointsFor(modules: Modules, apps: Partial<Record<Endpoint['service'], AppFactory>>, publishedRankingId: string | null): Endpoint[] {
  const list: Endpoint[] = [
    { key: 'project-ledger', name: 'project ledger page', service: 'projects', path: '/api/projects/v1/projects?limit=20', username: 'fgw', list: true },
    { key: 'project-statistics', name: 'project statistics', service: 'projects', path: '/api/projects/v1/statistics', username: 'fgw', list: false },
  ];
  if (modules.enterprise && apps.enterprise) {
    list.push({ key: 'appeal-ledger', name: 'appeal ledger page', service: 'enterprise', path: '/api/enterprise/v1/appeals?limit=20', username: 'yingshang', list: true });
  }
  if (apps.assessments && publishedRankingId) {
    list.push({ key: 'ranking-read', name: 'published ranking read', service: 'assessments', path: `/api/assessments/v1/rankings/${publishedRankingId}`, username: 'ducha', list: false, p50Budget: 20 });
  }
  return list;
}
