/**
 * The scale data's randomness: mulberry32 seeded per tenant and per table, so the same seed gives byte-identical
 * data on every machine, and one table's volume never shifts another table's values.
 */
export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** A UUIDv7 at `ms` whose random bits come from this generator (never from crypto): deterministic ids. */
  uuidv7(ms: number): string;
}

export const hash32 = (text: string): number =>
  [...text].reduce((h, ch) => Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0, 2166136261);

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function rng(seed: number, stream: string): Rng {
  let a = (seed ^ hash32(stream)) >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const byte = () => Math.floor(next() * 256);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
    uuidv7(ms) {
      const hi = Math.floor(ms / 0x10000);
      const lo = ms % 0x10000;
      const time = hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(4, '0');
      const r = (n: number) => Array.from({ length: n }, () => HEX[byte()]).join('');
      const v = HEX[(byte() & 0x0f) | 0x70]! + HEX[byte()]!;
      const variant = HEX[(byte() & 0x3f) | 0x80]! + HEX[byte()]!;
      return `${time.slice(0, 8)}-${time.slice(8, 12)}-${v}-${variant}-${r(6)}`;
    },
  };
}

// Dates as `YYYY-MM-DD` through UTC, so no host time zone moves a day.
export const DAY = 86_400_000;
export const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
export const addDays = (day: string, n: number) => new Date(dayMs(day) + n * DAY).toISOString().slice(0, 10);
export const addMonths = (month: string, n: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + m - 1 + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
};
export const quarterOf = (day: string) => `${day.slice(0, 4)}Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
export const money = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
