import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
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

/** Every source of the page: the shell, each micro-frontend and the shared UI package. */
const REPO = join(import.meta.dirname, '..', '..', '..');
const SOURCE_ROOTS = [...readdirSync(join(REPO, 'apps')).map((app) => join(REPO, 'apps', app, 'src')), join(REPO, 'packages', 'ui', 'src')];

function sourceFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.(vue|ts)$/.test(e.name) ? [join(dir, e.name)] : []));
}

const pascal = (tag: string) => tag.replace(/(^|-)([a-z])/g, (_m, _dash: string, ch: string) => ch.toUpperCase());

/**
 * The Element Plus components and services some page uses: `<el-…>` tags, `v-loading`, and named imports from
 * 'element-plus'. Every module installs Element Plus with the vendor's default export, which would otherwise
 * register (and so ship) all ~120 components; this keeps the shared build to what the product uses — what
 * on-demand import would give each module, while the library still exists once on the page. A name that is not an
 * Element Plus export fails the build here, not in a browser.
 */
export function elementPlusNamesUsed(available: ReadonlySet<string>): { components: string[]; named: string[] } {
  const components = new Set<string>();
  const named = new Set<string>();
  for (const file of SOURCE_ROOTS.flatMap(sourceFiles)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/<(el-[a-z-]+)/g)) components.add(`El${pascal(m[1]!.slice(3))}`);
    for (const m of text.matchAll(/<(El[A-Z][A-Za-z]+)/g)) components.add(m[1]!);
    if (/\sv-loading\b/.test(text)) components.add('ElLoading');
    for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'element-plus'/g)) {
      for (const part of m[1]!.split(',')) {
        const name = part.trim();
        if (name && !name.startsWith('type ')) named.add(name.split(/\s+as\s+/)[0]!);
      }
    }
  }
  const unknown = [...components, ...named].filter((n) => !available.has(n));
  if (unknown.length) throw new Error(`element-plus has no export named ${unknown.join(', ')} (from <el-…> tags or imports)`);
  return { components: [...components].sort(), named: [...named].sort() };
}

function elementPlusEntry(): string {
  const available = new Set(Object.keys(require('element-plus') as object));
  const { components, named } = elementPlusNamesUsed(available);
  // The services every page may call (toasts, confirmations, the loading directive) install beside the components.
  const installed = [...new Set([...components, 'ElLoading', 'ElMessage', 'ElMessageBox'])].sort();
  const exported = [...new Set([...installed, ...named])].sort();
  return [
    `import { makeInstaller, ${exported.join(', ')} } from 'element-plus';`,
    `export { ${exported.join(', ')} };`,
    `export default makeInstaller([${installed.join(', ')}]);`,
    '',
  ].join('\n');
}

/** Re-exports of each shared library, so that each becomes one entry of the vendor build. */
export function vendorEntries(): Plugin {
  const withDefault = new Set<string>(['element-plus/es/locale/lang/zh-cn']);
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
      if (name === 'element-plus') return elementPlusEntry();
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
