/** The Element Plus stylesheet the shell's vendor build ships next to the shared libraries. */
export const ELEMENT_PLUS_CSS = '/vendor/element-plus.css';

const pending = new Map<string, Promise<void>>();

/**
 * Adds a stylesheet once (by id) and resolves when it has loaded, so a view never paints unstyled. Micro-frontends
 * use it in `mount` for their own CSS, because a Vite library build does not inject it.
 */
export function loadStylesheet(href: string, id: string = href): Promise<void> {
  const existing = document.getElementById(id);
  if (existing instanceof HTMLLinkElement) return pending.get(id) ?? Promise.resolve();
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  link.id = id;
  const loaded = new Promise<void>((resolve, reject) => {
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => reject(new Error(`stylesheet ${href} failed to load`)), { once: true });
  });
  pending.set(id, loaded);
  document.head.append(link);
  return loaded;
}

export function removeStylesheet(id: string): void {
  document.getElementById(id)?.remove();
  pending.delete(id);
}

/** A square SVG badge with the first character of a name, for tenants that have not uploaded a logo. */
export function letterLogo(text: string, color: string): string {
  const letter = [...text.trim()][0] ?? '营';
  const escaped = letter.replace(/[<>&"']/g, '');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">` +
    `<rect width="64" height="64" rx="14" fill="${color}"/>` +
    `<text x="32" y="44" font-size="34" text-anchor="middle" fill="#fff" font-family="'PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif" font-weight="700">${escaped}</text>` +
    `</svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

export function setFavicon(href: string): void {
  let link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) {
    link = document.createElement('link');
    link.rel = 'icon';
    document.head.append(link);
  }
  link.href = href;
}
