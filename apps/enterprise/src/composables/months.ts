/**
 * A month `YYYY-MM` → its first and last day, for the API's from/to. Its own module: the appeal ledger (the first view)
 * needs only this, not the formatting helpers the other pages share.
 */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
