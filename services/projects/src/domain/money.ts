/**
 * Exact arithmetic on 万元 amounts with two decimals, as integer cents in BigInt. Sums of stored figures are done
 * in SQL; this is for the few figures derived from them (rates) and for checks before a write.
 */
export function toCents(amount: string): bigint {
  const negative = amount.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? amount.slice(1) : amount).split('.');
  const cents = BigInt(whole || '0') * 100n + BigInt((fraction + '00').slice(0, 2));
  return negative ? -cents : cents;
}

export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** `numerator ÷ denominator` rounded half up to four decimals; null when the denominator is not positive. */
export function ratio(numerator: bigint, denominator: bigint): number | null {
  if (denominator <= 0n) return null;
  const scaled = (numerator * 20000n + denominator) / (2n * denominator);
  return Number(scaled) / 10000;
}

export const moneyRatio = (numerator: string, denominator: string | null | undefined): number | null =>
  denominator == null ? null : ratio(toCents(numerator), toCents(denominator));
