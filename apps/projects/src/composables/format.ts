/**
 * Figures as the ledgers print them. Money arrives as exact decimal strings in 万元 ("12345.60") and is shown
 * with thousands separators without passing through a float; rates arrive as fractions (0.5 = 50 %).
 */
export function formatMoney(value: string | null | undefined, fallback = '—'): string {
  if (value === null || value === undefined || value === '') return fallback;
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}.${fraction.padEnd(2, '0').slice(0, 2)}`;
}

/** 万元 → 亿元 for headline figures (1 亿 = 10,000 万), two decimals. */
export function formatYi(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const yi = Number(value) / 10_000;
  return yi.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function formatRate(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${(value * 100).toFixed(digits)}%`;
}

/** A number of the money kind for charts (precision of a float is enough to draw). */
export const moneyNumber = (value: string | null | undefined): number => (value ? Number(value) : 0);

export function formatTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** `YYYY-MM` → `2026年11月`. */
export const formatMonth = (month: string | null | undefined): string => (month ? `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月` : '—');

/** The same check as the contract's moneySchema: non-negative, at most two decimals, at most twelve digits. */
export const MONEY_PATTERN = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;
