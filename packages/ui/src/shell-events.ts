import type { PublicTenant } from '@yingshang/contracts';

/**
 * What a micro-frontend tells the shell without a reload. DOM events on `window`, so the contract between them
 * stays the customProps plus these names.
 */
export interface ShellEventMap {
  /** The tenant's branding was saved: the shell repaints its colour, logo and name. */
  'yingshang:branding-changed': Pick<PublicTenant, 'name' | 'shortName' | 'primaryColor' | 'logo'>;
  /** The tenant's modules were switched: the shell reloads the tenant and `/me` (menus follow). */
  'yingshang:modules-changed': { modules: string[] };
  /** A notice was read (or sent): the header badge counts again. */
  'yingshang:notices-changed': Record<string, never>;
}

export type ShellEventName = keyof ShellEventMap;

export function emitShellEvent<K extends ShellEventName>(name: K, detail: ShellEventMap[K]): void {
  window.dispatchEvent(new CustomEvent(name, { detail }));
}

export function onShellEvent<K extends ShellEventName>(name: K, listener: (detail: ShellEventMap[K]) => void): () => void {
  const handler = (event: Event) => listener((event as CustomEvent<ShellEventMap[K]>).detail);
  window.addEventListener(name, handler);
  return () => window.removeEventListener(name, handler);
}
