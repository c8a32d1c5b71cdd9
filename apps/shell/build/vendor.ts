import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import { SHARED_LIBRARIES } from '@yingshang/ui/build/shared-libraries.ts';

const PREFIX = 'virtual:yingshang-vendor/';
const require = createRequire(import.meta.url);

/**
 * Vue exports the page never needs: SSR hydration, custom elements, the compat build and the template compiler
 * stub. Leaving them out lets the bundler drop the hydration renderer and VueElement (-5 KB gz). A module that
 * imports one of these fails at link time with a clear "does not provide an export named" error.
 */
const VUE_LEFT_OUT = new Set([
  'createSSRApp',
  'hydrate',
  'createHydrationRenderer',
  'hydrateOnIdle',
  'hydrateOnInteraction',
  'hydrateOnMediaQuery',
  'hydrateOnVisible',
  'defineCustomElement',
  'defineSSRCustomElement',
  'VueElement',
  'useHost',
  'useShadowRoot',
  'ssrUtils',
  'ssrContextKey',
  'useSSRContext',
  'initDirectivesForSSR',
  'compatUtils',
  'DeprecationTypes',
  'resolveFilter',
  'registerRuntimeCompiler',
  'compile',
  'devtools',
  'setDevtoolsHook',
]);

function vueExports(): string[] {
  // Node resolves vue's CJS build here; its export names are the ESM build's.
  return Object.keys(require('vue') as object).filter((name) => name !== '__esModule' && !VUE_LEFT_OUT.has(name));
}

/** Re-exports of each shared library, so that each becomes one entry of the vendor build. */
export function vendorEntries(): Plugin {
  const withDefault = new Set<string>(['element-plus', 'element-plus/es/locale/lang/zh-cn']);
  return {
    name: 'yingshang:vendor-entries',
    enforce: 'pre',
    resolveId(id) {
      // Lib mode may hand the entry over resolved against the root: keep only the virtual part.
      const at = id.indexOf(PREFIX);
      return at >= 0 ? `\0${id.slice(at)}` : null;
    },
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return null;
      const name = id.slice(PREFIX.length + 1);
      if (name === 'vue') return `export { ${vueExports().join(', ')} } from 'vue';\n`;
      return `export * from '${name}';\n${withDefault.has(name) ? `export { default } from '${name}';\n` : ''}`;
    },
  };
}

export const vendorInput = Object.fromEntries(SHARED_LIBRARIES.map((name) => [name, `${PREFIX}${name}`]));

/** Each vendor entry bundles its own library and leaves the other shared libraries to the import map. */
export function isOtherSharedLibrary(id: string, importer: string | undefined): boolean {
  if (!(SHARED_LIBRARIES as readonly string[]).includes(id)) return false;
  return importer !== `\0${PREFIX}${id}`;
}

/** Element Plus's stylesheet next to its module, loaded by the shell after sign-in. */
export function elementPlusCss(): Plugin {
  return {
    name: 'yingshang:element-plus-css',
    generateBundle() {
      const file = require.resolve('element-plus/dist/index.css');
      this.emitFile({ type: 'asset', fileName: 'element-plus.css', source: readFileSync(file) });
    },
  };
}
