/** Figures as the module prints them: decimals arrive as exact strings ("87.5"), ratios as fractions ("0.9123"). */

export const toNumber = (value: string | null | undefined): number | null => {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};

/** A decimal string with a fixed number of decimals (display only; the string is the truth). */
export function formatDecimal(value: string | null | undefined, digits = 2, fallback = '—'): string {
  const n = toNumber(value);
  return n === null ? fallback : n.toLocaleString('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A value with its unit, as few decimals as it has (up to 2). */
export function formatValue(value: string | null | undefined, unit = '', fallback = '—'): string {
  const n = toNumber(value);
  if (n === null) return fallback;
  const text = n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
  return unit ? `${text} ${unit}` : text;
}

export function formatRatio(value: string | null | undefined, digits = 1): string {
  const n = toNumber(value);
  return n === null ? '—' : `${(n * 100).toFixed(digits)}%`;
}

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

/** Today in Asia/Shanghai, `YYYY-MM-DD`. */
export const today = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
