/**
 * Exact decimal arithmetic on BigInt fixed point (12 decimals). A published ranking must recompute to the same
 * digits years later and on any machine; binary floats cannot promise that (0.1 + 0.2), this can. Every division
 * and every rounding is half away from zero, at a stated number of decimals.
 */
export type Dec = bigint;

const SCALE = 12;
const ONE = 10n ** BigInt(SCALE);

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses "12", "-3.5", "0.000001"; more than 12 decimals is rounded half away from zero. */
export function dec(text: string | number): Dec {
  const s = typeof text === 'number' ? numberText(text) : text.trim();
  const m = DECIMAL.exec(s);
  if (!m) throw new Error(`not a decimal: ${s}`);
  const [, sign, whole, frac = ''] = m;
  let digits = BigInt(whole! + frac.padEnd(SCALE, '0').slice(0, SCALE));
  if (frac.length > SCALE && Number(frac[SCALE]) >= 5) digits += 1n;
  return sign && digits !== 0n ? -digits : digits;
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new Error('not a finite number');
  // Integers only: a float handed in here would smuggle binary rounding into exact arithmetic.
  if (!Number.isInteger(n)) throw new Error('pass fractional numbers as decimal strings');
  return String(n);
}

export const ZERO: Dec = 0n;
export const HUNDRED: Dec = dec('100');

/** a ÷ b, rounded half away from zero at the working scale; b must not be 0. */
export function div(a: Dec, b: Dec): Dec {
  if (b === 0n) throw new Error('division by zero');
  return divRound(a * ONE, b);
}

export function mul(a: Dec, b: Dec): Dec {
  return divRound(a * b, ONE);
}

function divRound(n: bigint, d: bigint): bigint {
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = an / ad;
  const r = an % ad;
  const rounded = r * 2n >= ad ? q + 1n : q;
  return negative ? -rounded : rounded;
}

/** Rounds to `places` decimals, half away from zero. */
export function round(a: Dec, places: number): Dec {
  const unit = 10n ** BigInt(SCALE - places);
  return divRound(a, unit) * unit;
}

/** Rounds down towards zero (truncates) to `places` decimals. */
export function truncate(a: Dec, places: number): Dec {
  const unit = 10n ** BigInt(SCALE - places);
  return (a / unit) * unit;
}

/** The value with exactly `places` decimals ("87.5000"), rounded half away from zero. */
export function fmt(a: Dec, places: number): string {
  const r = round(a, places);
  const negative = r < 0n;
  const abs = negative ? -r : r;
  const whole = abs / ONE;
  const frac = (abs % ONE).toString().padStart(SCALE, '0').slice(0, places);
  return `${negative ? '-' : ''}${whole}${places > 0 ? `.${frac}` : ''}`;
}

/** Shortest form without trailing zeros ("87.5", "100", "0.25"): for values as people typed them. */
export function plain(a: Dec): string {
  const text = fmt(a, SCALE);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

export const cmp = (a: Dec, b: Dec): number => (a < b ? -1 : a > b ? 1 : 0);
export const max = (xs: Dec[]): Dec => xs.reduce((m, x) => (x > m ? x : m));
export const min = (xs: Dec[]): Dec => xs.reduce((m, x) => (x < m ? x : m));
export const sum = (xs: Dec[]): Dec => xs.reduce((s, x) => s + x, 0n);
export const fromInt = (n: number): Dec => BigInt(n) * ONE;
