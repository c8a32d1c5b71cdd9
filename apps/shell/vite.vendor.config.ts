import { defineConfig } from 'vite';
import { VUE_FEATURE_FLAGS } from '@yingshang/ui/build/shared-libraries.ts';
import { elementPlusCss, isOtherSharedLibrary, vendorEntries, vendorInput } from './build/vendor.ts';

/**
 * dist/vendor/<name>.js: one minified ES module per shared library (lib mode, one entry each, the others
 * external), plus element-plus.css. Runs after the page build, into its dist.
 */
export default defineConfig({
  plugins: [vendorEntries(), elementPlusCss()],
  define: VUE_FEATURE_FLAGS,
  publicDir: false,
  build: {
    target: 'es2022',
    outDir: 'dist/vendor',
    emptyOutDir: true,
    lib: {
      entry: vendorInput,
      formats: ['es'],
      fileName: (_format, entryName) => `${entryName}.js`,
    },
    rolldownOptions: {
      external: (id, importer) => isOtherSharedLibrary(id, importer),
      output: { minify: true, chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
