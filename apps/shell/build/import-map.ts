import type { Plugin } from 'vite';
import { SHARED_LIBRARIES, vendorUrl } from '@yingshang/ui/build/shared-libraries.ts';
import { microFrontends } from '../src/modules/manifest.ts';

/** Libraries the sign-in page needs at once: preloaded right after the import map. Element Plus waits for sign-in. */
const PRELOAD = ['vue', 'vue-router', 'pinia', 'vue-i18n', 'single-spa'] as const;

export function importMapJson(): { imports: Record<string, string> } {
  const imports: Record<string, string> = {};
  for (const name of SHARED_LIBRARIES) imports[name] = vendorUrl(name);
  for (const mf of microFrontends) imports[mf.specifier] = mf.url;
  return { imports };
}

/**
 * Writes the native import map inline at the top of <head> (it must precede every module script and
 * modulepreload), and `apps.json`, the manifest of deployed micro-frontends, for the gateway and for tooling.
 */
export function importMap(): Plugin {
  return {
    name: 'yingshang:import-map',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      handler: () => [
        {
          tag: 'script',
          attrs: { type: 'importmap' },
          children: JSON.stringify(importMapJson(), null, 2),
          injectTo: 'head-prepend',
        },
        ...PRELOAD.map((name) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', href: vendorUrl(name) },
          injectTo: 'head' as const,
        })),
      ],
    },
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'apps.json',
        source: `${JSON.stringify({ apps: microFrontends }, null, 2)}\n`,
      });
    },
  };
}
