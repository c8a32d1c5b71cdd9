import { createHash } from 'node:crypto';
import cliProgress from 'cli-progress';
import { type BaseData, type BaseTenant, type ScaleSize, type TableChunk, split } from './plan.ts';
import { projectChunks } from './projects.ts';
import { enterpriseChunks } from './enterprise.ts';
import type { CopyTarget } from './target.ts';

export * from './plan.ts';
export * from './target.ts';
export { ensureAssessments } from './assessments.ts';
export { FULL_SCALE, scaledSize } from './plan.ts';

/** Bumped whenever the generator changes what it writes: cached benchmark databases are then reloaded. */
export const SCALE_VERSION = 2;

export interface ScaleOptions {
  seed: number;
  size: ScaleSize;
  /** The day the data is written for (`YYYY-MM-DD`); reports run to the month before. */
  today: string;
}

/** Rows counted against the size (the tables named in the brief); the others ride along. */
const COUNTED: Record<string, keyof ScaleSize> = {
  'projects.projects': 'projects',
  'projects.investment_reports': 'reports',
  'enterprise.enterprises': 'enterprises',
  'enterprise.appeals': 'appeals',
  'enterprise.appeal_events': 'events',
  'enterprise.policies': 'policies',
};

/** Every table's rows for the tenant at `index` of `base.tenants`. Pure: the same inputs give the same rows. */
export function tenantChunks(base: BaseData, opts: ScaleOptions, index: number, modules: Modules = ALL_MODULES): TableChunk[] {
  const n = base.tenants.length;
  const share = (total: number) => split(total, n)[index]!;
  const tenant = base.tenants[index]!;
  const chunks: TableChunk[] = [];
  if (modules.projects) {
    chunks.push(...projectChunks({ seed: opts.seed, tenant, tenantIndex: index, projects: share(opts.size.projects), reports: share(opts.size.reports), today: opts.today }));
  }
  if (modules.enterprise) {
    chunks.push(
      ...enterpriseChunks({
        seed: opts.seed, tenant, tenantIndex: index, today: opts.today,
        enterprises: share(opts.size.enterprises), appeals: share(opts.size.appeals), events: share(opts.size.events), policies: share(opts.size.policies),
      }),
    );
  }
  return chunks;
}

export interface Modules {
  projects: boolean;
  enterprise: boolean;
}
export const ALL_MODULES: Modules = { projects: true, enterprise: true };

/** A digest of everything generated (the determinism test compares two runs). */
export function digest(base: BaseData, opts: ScaleOptions, modules: Modules = ALL_MODULES): { sha256: string; rows: Record<string, number> } {
  const h = createHash('sha256');
  const rows: Record<string, number> = {};
  for (let i = 0; i < base.tenants.length; i++) {
    for (const chunk of tenantChunks(base, opts, i, modules)) {
      rows[chunk.table] = (rows[chunk.table] ?? 0) + chunk.rows;
      h.update(chunk.table);
      for (const line of chunk.lines) h.update(line);
    }
  }
  return { sha256: h.digest('hex'), rows };
}

/** The seeded districts (not the city) with their departments and demo staff: the scale data hangs on them. */
export async function readBase(target: CopyTarget, tenants = 16): Promise<BaseData> {
  const rows = await target.query<{ id: string; slug: string; city_id: string }>(
    `select id, slug, city_id from identity.tenants where kind <> 'city' and status = 'active' and slug <> 'zhengzhou' order by sort_order, slug limit ${tenants}`,
  );
  const depts = await target.query<{ tenant_id: string; code: string; id: string }>('select tenant_id, code, id from identity.departments');
  const users = await target.query<{ tenant_id: string; username: string; id: string; display_name: string }>('select tenant_id, username, id, display_name from identity.users');
  const out: BaseTenant[] = rows.map((t) => ({
    id: t.id,
    slug: t.slug,
    departments: Object.fromEntries(depts.filter((d) => d.tenant_id === t.id).map((d) => [d.code, d.id])),
    users: Object.fromEntries(users.filter((u) => u.tenant_id === t.id).map((u) => [u.username, { id: u.id, name: u.display_name }])),
  }));
  if (out.length === 0) throw new Error('no seeded districts: run the ordinary seed first');
  return { cityId: rows[0]!.city_id, tenants: out };
}

export interface LoadReport {
  seconds: number;
  rows: Record<string, number>;
}

/**
 * Loads the scale data tenant by tenant through COPY, with a progress bar; then VACUUM ANALYZE so the planner
 * knows the new sizes. The schema, constraints, indexes and foreign keys are the migrated ones, in place during
 * the load.
 */
export async function loadScale(target: CopyTarget, opts: ScaleOptions & { modules?: Modules; progress?: boolean; label?: string }): Promise<LoadReport> {
  const started = Date.now();
  const modules = opts.modules ?? ALL_MODULES;
  const base = await readBase(target, opts.size.tenants);
  const planned = Object.entries(COUNTED)
    .filter(([table]) => (table.startsWith('projects.') ? modules.projects : modules.enterprise))
    .reduce((n, [, key]) => n + opts.size[key], 0);
  const bar = opts.progress === false
    ? null
    : new cliProgress.SingleBar(
        { format: `${opts.label ?? target.name} {bar} {percentage}% | {value}/{total} rows | {eta_formatted} left | {table}`, etaBuffer: 50, fps: 4, noTTYOutput: true, notTTYSchedule: 15_000 },
        cliProgress.Presets.shades_classic,
      );
  bar?.start(planned, 0, { table: '' });
  const rows: Record<string, number> = {};
  try {
    for (let i = 0; i < base.tenants.length; i++) {
      for (const chunk of tenantChunks(base, opts, i, modules)) {
        bar?.update({ table: `${base.tenants[i]!.slug} ${chunk.table}` });
        // Large tables go in slices, so the progress bar moves and no single COPY holds everything in memory twice.
        for (let s = 0; s < chunk.lines.length; s += 50_000) {
          const slice = chunk.lines.slice(s, s + 50_000);
          await target.copy(chunk.table, chunk.columns, slice);
          if (COUNTED[chunk.table]) bar?.increment(slice.length);
        }
        rows[chunk.table] = (rows[chunk.table] ?? 0) + chunk.rows;
        // The tables grow from a few demo rows to tens of thousands with the first district: refresh the planner's
        // statistics then, or the foreign-key checks of the next table keep a plan made for a tiny table (a
        // sequential scan per row: minutes instead of seconds).
        if (i < 2) await target.query(`analyze ${chunk.table}`);
      }
    }
  } finally {
    bar?.stop();
  }
  for (const table of Object.keys(rows)) await target.query(`vacuum analyze ${table}`);
  return { seconds: (Date.now() - started) / 1000, rows };
}
