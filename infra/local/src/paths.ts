import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const defaultDataDir = join(repoRoot, '.data');
export const serviceNames = ['gateway', 'identity', 'projects', 'enterprise', 'assessments'] as const;
export type WorkerName = (typeof serviceNames)[number];
export const serviceDir = (name: WorkerName) => join(repoRoot, 'services', name);
