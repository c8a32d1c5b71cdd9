/**
 * The tenant slug a host names: `jinshui.localhost:8787` → `jinshui` when the base domain is `localhost:8787`.
 * The bare base domain names no tenant (null); a host outside the base domain names none either.
 */
export function tenantSlugFromHost(host: string | undefined | null, baseDomain: string): string | null {
  if (!host) return null;
  const h = host.toLowerCase();
  const base = baseDomain.toLowerCase();
  if (!h.endsWith(`.${base}`)) return null;
  const slug = h.slice(0, -(base.length + 1));
  return /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/.test(slug) ? slug : null;
}
