import type { PluginOption, UserConfig } from 'vite';
import { SHARED_LIBRARIES, VUE_FEATURE_FLAGS } from './shared-libraries.ts';

export interface MicroFrontendBuildOptions {
  /** The app's Vite plugins, at least `vue()` (the plugin is the app's dependency, not this package's). */
  plugins: PluginOption[];
  /** Defaults to src/index.ts, which exports the single-spa lifecycles. */
  entry?: string;
}

/**
 * The Vite config of a micro-frontend: an ES library `dist/index.js` (+ `dist/index.css`) that the gateway serves
 * at /apps/<name>/ and the shell's import map names `@yingshang/app-<name>`. Lib mode does not minify unless told,
 * leaves `process.env.NODE_ENV` in place and does not inject CSS (the module's mount loads index.css itself).
 */
export function microFrontendConfig(options: MicroFrontendBuildOptions): UserConfig {
  return {
    plugins: options.plugins,
    define: VUE_FEATURE_FLAGS,
    build: {
      target: 'es2022',
      emptyOutDir: true,
      cssMinify: true,
      lib: {
        entry: options.entry ?? 'src/index.ts',
        formats: ['es'],
        fileName: () => 'index.js',
        cssFileName: 'index',
      },
      rolldownOptions: {
        external: [...SHARED_LIBRARIES],
        output: { minify: true, chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  };
}
