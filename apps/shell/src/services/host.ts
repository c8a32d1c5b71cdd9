/**
 * Where this page was opened. A tenant lives at `<slug>.<base domain>`; the base domains are known at build time
 * (VITE_BASE_DOMAINS, comma separated; the gateway's BASE_DOMAIN values). The portal on the bare host links to
 * each tenant's address; an unknown `<slug>.` in front of a base domain is reported as such.
 */
export interface HostInfo {
  /** host[:port] of the bare platform, to build tenant links from. */
  baseHost: string;
  /** The label in front of the base domain, when there is one. */
  slug: string | null;
  /** The page is on a known base domain itself: the portal, no tenant. */
  bare: boolean;
}

const DEFAULT_BASE_DOMAINS = 'localhost,yingshang.gov.cn,staging.yingshang.gov.cn';

export function hostInfo(location: Location = window.location): HostInfo {
  const configured = (import.meta.env.VITE_BASE_DOMAINS as string | undefined) ?? DEFAULT_BASE_DOMAINS;
  const bases = configured
    .split(',')
    .map((b) => b.trim().toLowerCase())
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);
  const hostname = location.hostname.toLowerCase();
  const port = location.port ? `:${location.port}` : '';
  for (const base of bases) {
    if (hostname === base) return { baseHost: `${base}${port}`, slug: null, bare: true };
    if (hostname.endsWith(`.${base}`)) {
      const rest = hostname.slice(0, -base.length - 1);
      if (rest && !rest.includes('.')) return { baseHost: `${base}${port}`, slug: rest, bare: false };
    }
  }
  return { baseHost: location.host, slug: null, bare: false };
}

export function tenantUrl(slug: string, info: HostInfo, location: Location = window.location): string {
  return `${location.protocol}//${slug}.${info.baseHost}/`;
}
