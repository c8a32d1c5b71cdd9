/** Services check exact names; a `*` grant (reserved for tooling) opens everything. */
export function hasPermission(granted: readonly string[], required: string | readonly string[] | undefined): boolean {
  if (required === undefined) return true;
  const needed = typeof required === 'string' ? [required] : required;
  if (needed.length === 0) return true;
  if (granted.includes('*')) return true;
  return needed.some((p) => granted.includes(p));
}
