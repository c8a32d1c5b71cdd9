/** The colour a tenant gets until it picks its own (the identity schema's default). */
export const DEFAULT_PRIMARY_COLOR = '#1f5fbf';

type Rgb = readonly [number, number, number];

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

export function parseHexColor(value: string): Rgb | null {
  const hex = value.trim().replace(/^#/, '');
  const full = /^[0-9a-f]{3}$/i.test(hex) ? [...hex].map((c) => c + c).join('') : hex;
  if (!/^[0-9a-f]{6}$/i.test(full)) return null;
  return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as unknown as Rgb;
}

function toHex(rgb: Rgb): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** Element Plus's own formula: `mix(base, color, weight)` moves `color` towards `base` by `weight`. */
function mix(base: Rgb, color: Rgb, weight: number): Rgb {
  return color.map((c, i) => c * (1 - weight) + base[i]! * weight) as unknown as Rgb;
}

export interface PrimaryPalette {
  primary: string;
  rgb: string;
  light3: string;
  light5: string;
  light7: string;
  light8: string;
  light9: string;
  dark2: string;
}

export function primaryPalette(hex: string): PrimaryPalette {
  const rgb = parseHexColor(hex) ?? parseHexColor(DEFAULT_PRIMARY_COLOR)!;
  const light = (step: number) => toHex(mix(WHITE, rgb, step / 10));
  return {
    primary: toHex(rgb),
    rgb: rgb.join(', '),
    light3: light(3),
    light5: light(5),
    light7: light(7),
    light8: light(8),
    light9: light(9),
    dark2: toHex(mix(BLACK, rgb, 0.2)),
  };
}

/**
 * Sets the tenant colour on the page. Element Plus derives hover, active, focus and plain shades from the
 * `-light-*` and `-dark-2` variables, so setting only `--el-color-primary` would leave those on its default blue.
 * The `--ys-*` variables are for our own CSS (the sign-in page has no Element Plus at all).
 */
export function applyPrimaryColor(hex: string, target: HTMLElement = document.documentElement): PrimaryPalette {
  const palette = primaryPalette(hex);
  const vars: Record<string, string> = {
    '--el-color-primary': palette.primary,
    '--el-color-primary-rgb': palette.rgb,
    '--el-color-primary-light-3': palette.light3,
    '--el-color-primary-light-5': palette.light5,
    '--el-color-primary-light-7': palette.light7,
    '--el-color-primary-light-8': palette.light8,
    '--el-color-primary-light-9': palette.light9,
    '--el-color-primary-dark-2': palette.dark2,
    '--ys-primary': palette.primary,
    '--ys-primary-rgb': palette.rgb,
    '--ys-primary-light': palette.light9,
    '--ys-primary-soft': palette.light7,
    '--ys-primary-dark': palette.dark2,
  };
  for (const [name, value] of Object.entries(vars)) target.style.setProperty(name, value);
  return palette;
}
