import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { SHARED_LIBRARIES, VUE_FEATURE_FLAGS } from '@yingshang/ui/build/shared-libraries.ts';
import { importMap } from './build/import-map.ts';

const shared = new Set<string>(SHARED_LIBRARIES);

/** The shell page: its own code only; the shared libraries come through the import map from /vendor. */
export default defineConfig({
  plugins: [vue(), importMap()],
  define: VUE_FEATURE_FLAGS,
  build: {
    target: 'es2022',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      external: (id) => shared.has(id),
    },
  },
});
