/**
 * Exact sums of the decimal strings the API speaks ("33.5", "0.125"): scaled to integers of millionths (the
 * contract allows six decimals), so 33.3 + 33.3 + 33.4 is exactly 100 and the weight check never trips on a float.
 */
const SCALE = 6;
const DECIMAL = /^-?\d{1,12}(\.\d{1,6})?$/;

export const isDecimal = (value: string): boolean => DECIMAL.test(value.trim());

export function toMicros(value: string): bigint {
  const text = value.trim();
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const micros = BigInt(whole) * 10n ** BigInt(SCALE) + BigInt(fraction.padEnd(SCALE, '0').slice(0, SCALE) || '0');
  return negative ? -micros : micros;
}

export function fromMicros(micros: bigint): string {
  const negative = micros < 0n;
  const abs = negative ? -micros : micros;
  const unit = 10n ** BigInt(SCALE);
  const whole = abs / unit;
  const fraction = (abs % unit).toString().padStart(SCALE, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** The exact sum of decimal strings; invalid ones count as 0 (the form marks them separately). */
export const sumDecimals = (values: readonly string[]): string => fromMicros(values.filter(isDecimal).reduce((sum, v) => sum + toMicros(v), 0n));

export const compareDecimals = (a: string, b: string): number => {
  const d = toMicros(a) - toMicros(b);
  return d === 0n ? 0 : d > 0n ? 1 : -1;
};
