import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serviceRoles, type ServiceName } from '@yingshang/db';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const deployRoot = join(repoRoot, 'infra', 'deploy');

/** The services that own a schema, in deploy order; the gateway goes last because it is the only public door. */
export const services = ['identity', 'projects', 'enterprise', 'assessments'] as const satisfies readonly ServiceName[];
export type Service = (typeof services)[number];
export const workers = [...services, 'gateway'] as const;
export type Worker = (typeof workers)[number];

export const environments = ['production', 'staging'] as const;
export type Environment = (typeof environments)[number];

/** The Worker's name on Cloudflare in an environment (matches `env.<name>.name` in its wrangler.jsonc). */
export function workerName(worker: Worker, env: Environment): string {
  return env === 'production' ? `yingshang-${worker}` : `yingshang-${worker}-${env}`;
}

export function workerDir(worker: Worker): string {
  return join(repoRoot, 'services', worker);
}

/** The NOLOGIN role of migration 0000 that the service's transactions `SET LOCAL ROLE` to. */
export function groupRole(service: Service): string {
  return serviceRoles[service];
}

/** The role the service's Worker logs in as: a member of its group role and nothing else. */
export function loginRole(service: Service): string {
  return `${serviceRoles[service]}_login`;
}

/**
 * Secrets each Worker reads (declared in services/<worker>/src/secrets.d.ts, since wrangler.jsonc holds no
 * secret values). A test keeps this list equal to those files.
 */
export const workerSecrets: Record<Worker, { required: readonly string[]; optional: readonly string[] }> = {
  identity: { required: ['DATABASE_URL', 'JWT_SECRET'], optional: [] },
  projects: { required: ['DATABASE_URL', 'JWT_SECRET'], optional: [] },
  enterprise: { required: ['DATABASE_URL', 'JWT_SECRET'], optional: [] },
  assessments: { required: ['DATABASE_URL', 'JWT_SECRET'], optional: [] },
  gateway: { required: [], optional: ['DOCS_TOKEN'] },
};

/** Cloudflare's limits on a Worker (compressed upload size per plan; global-scope startup time). */
export const limits = {
  gzipBytes: { free: 3 * 1024 * 1024, paid: 10 * 1024 * 1024 },
  startupMs: 1000,
} as const;

/** Our own, tighter budget: a cold start is paid by the user who hits it. */
export const budgets = {
  gzipBytes: 400 * 1024,
  startupMs: 50,
} as const;

export type Plan = keyof typeof limits.gzipBytes;

export const defaults = {
  project: 'yingshang',
  branch: 'main',
  database: 'yingshang',
  owner: 'yingshang_owner',
  region: 'aws-ap-southeast-1',
  pgVersion: 17,
} as const;
