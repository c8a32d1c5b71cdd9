import { type Cell, csvLine } from './csv.ts';

/** How much to generate. `FULL` is ten times Zhengzhou's real volume. */
export interface ScaleSize {
  tenants: number;
  projects: number;
  reports: number;
  enterprises: number;
  appeals: number;
  events: number;
  policies: number;
}

export const FULL_SCALE: ScaleSize = {
  tenants: 16,
  projects: 50_000,
  reports: 900_000,
  enterprises: 300_000,
  appeals: 500_000,
  events: 3_000_000,
  policies: 2_000,
};

/** The same shape at `factor` of the volume (the tenants stay 16): PGlite and the tests use smaller sizes. */
export function scaledSize(factor: number, base: ScaleSize = FULL_SCALE): ScaleSize {
  const f = (n: number) => Math.max(1, Math.round(n * factor));
  return {
    tenants: base.tenants,
    projects: f(base.projects),
    reports: f(base.reports),
    enterprises: f(base.enterprises),
    appeals: f(base.appeals),
    events: f(base.events),
    policies: f(base.policies),
  };
}

export const totalRows = (s: ScaleSize) => s.projects + s.reports + s.enterprises + s.appeals + s.events + s.policies;

/** What the scale data hangs on: the seeded districts with their departments and staff (ids read from the database). */
export interface BaseUser {
  id: string;
  name: string;
}
export interface BaseTenant {
  id: string;
  slug: string;
  /** Department ids by code (`fgw`, `ysb`, `gxj`, `dcs`, `zfb`). */
  departments: Record<string, string>;
  /** Staff by username (`fgw`, `yingshang`, `ganbu`, `ducha`, `admin`). */
  users: Record<string, BaseUser>;
}
export interface BaseData {
  cityId: string;
  tenants: BaseTenant[];
}

/**
 * Splits `total` over `parts` with uneven but fixed weights (districts differ in size), summing exactly to
 * `total`. The first district is the big one, a fifth of everything: at full scale its ledger has over 10,000
 * projects, the size the Excel export is measured at.
 */
export function split(total: number, parts: number): number[] {
  const weights = Array.from({ length: parts }, (_, i) => (i === 0 ? 4.5 : 0.6 + ((i * 7919) % 11) / 10));
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - out.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % parts, rest--) out[i]! += 1;
  return out;
}

/**
 * `count` items that together carry exactly `total` children, each between `min` and `max`: the mean share, with
 * pairs of items varying in opposite directions so the total stays exact.
 */
export function childCounts(total: number, count: number, min: number, max: number, next: () => number): number[] {
  if (count === 0) return [];
  const base = Math.floor(total / count);
  const extra = total - base * count;
  const out = Array.from({ length: count }, (_, i) => base + (i < extra ? 1 : 0));
  const swing = Math.max(0, Math.min(base - min, max - base - 1));
  for (let i = 0; i + 1 < count; i += 2) {
    const d = Math.floor(next() * (swing + 1));
    out[i]! += d;
    out[i + 1]! -= d;
  }
  return out;
}

/** One table's rows for one COPY, as CSV text. */
export class TableChunk {
  readonly lines: string[] = [];
  constructor(
    readonly table: string,
    readonly columns: readonly string[],
  ) {}
  push(cells: readonly Cell[]): void {
    this.lines.push(csvLine(cells));
  }
  get rows(): number {
    return this.lines.length;
  }
}

/** Rows of one tenant, tables in the order foreign keys need. */
export type TenantChunks = TableChunk[];
