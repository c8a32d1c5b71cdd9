import { posix } from 'node:path';
import type { Plugin, PluginOption, UserConfig } from 'vite';
import { SHARED_LIBRARIES, VUE_FEATURE_FLAGS } from './shared-libraries.ts';

export interface MicroFrontendBuildOptions {
  /** The app's Vite plugins, at least `vue()` (the plugin is the app's dependency, not this package's). */
  plugins: PluginOption[];
  /** Defaults to src/index.ts, which exports the single-spa lifecycles. */
  entry?: string;
}

/**
 * Lib mode splits CSS per chunk (`cssCodeSplit`) but never loads it. Each lazy chunk therefore starts by adding
 * its stylesheets and waiting for them (top-level await), so a page's module resolves only once its styles apply:
 * a module's first view carries only the CSS of the page it shows, not of every page it has.
 */
function chunkStylesheets(): Plugin {
  const loader =
    'const __ysCss=(f)=>{const h=new URL(f,import.meta.url).href;let l=document.querySelector(`link[rel="stylesheet"][href="${h}"]`);' +
    'if(l)return l.__ys||Promise.resolve();l=document.createElement("link");l.rel="stylesheet";l.href=h;' +
    'l.__ys=new Promise((r)=>{l.onload=l.onerror=()=>r()});document.head.append(l);return l.__ys};';
  return {
    name: 'yingshang:chunk-stylesheets',
    apply: 'build',
    enforce: 'post',
    // In renderChunk (after Vite's CSS plugin has named the chunk's stylesheets), so the chunk's hash covers them.
    renderChunk(code, chunk) {
      if (chunk.isEntry) return null;
      const css = [...(chunk.viteMetadata?.importedCss ?? [])];
      if (css.length === 0) return null;
      const hrefs = css.map((file) => {
        const path = posix.relative(posix.dirname(chunk.fileName), file);
        return path.startsWith('.') ? path : `./${path}`;
      });
      return { code: `${loader}await Promise.all(${JSON.stringify(hrefs)}.map(__ysCss));\n${code}`, map: null };
    },
  };
}

/**
 * The Vite config of a micro-frontend: an ES library `dist/index.js` (+ `dist/index.css`) that the gateway serves
 * at /apps/<name>/ and the shell's import map names `@yingshang/app-<name>`. Lib mode does not minify unless told,
 * leaves `process.env.NODE_ENV` in place and does not inject CSS: the module's mount loads index.css (the entry's
 * styles) itself, and each lazy chunk loads its own (chunkStylesheets).
 */
export function microFrontendConfig(options: MicroFrontendBuildOptions): UserConfig {
  return {
    plugins: [...options.plugins, chunkStylesheets()],
    define: VUE_FEATURE_FLAGS,
    build: {
      target: 'es2022',
      emptyOutDir: true,
      cssMinify: true,
      cssCodeSplit: true,
      lib: {
        entry: options.entry ?? 'src/index.ts',
        formats: ['es'],
        fileName: () => 'index.js',
        cssFileName: 'index',
      },
      rolldownOptions: {
        external: [...SHARED_LIBRARIES],
        output: {
          minify: true,
          chunkFileNames: 'chunks/[name]-[hash].js',
          assetFileNames: (asset) => (asset.names.includes('index.css') ? 'index.css' : 'chunks/[name]-[hash][extname]'),
        },
      },
    },
  };
}
