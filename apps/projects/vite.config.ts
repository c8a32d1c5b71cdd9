import vue from '@vitejs/plugin-vue';
import { defineConfig, mergeConfig } from 'vite';
import { microFrontendConfig } from '@yingshang/ui/build/micro-frontend.ts';

/**
 * dist/index.js + index.css, served at /apps/projects/ and imported by the shell as @yingshang/app-projects.
 * ECharts is not shared: only the chart pages import it (dynamically), so it is a chunk of this module alone.
 *
 * `allow-extension` lets the code the ledger (the first view) shares with other pages live in index.js itself
 * instead of a dozen small common chunks, each a request and a gzip stream of its own; the shell only ever calls the
 * lifecycles, so the extra exports are harmless. It keeps the first view inside the 450 KB gz budget.
 */
export default defineConfig(
  mergeConfig(microFrontendConfig({ plugins: [vue()] }), {
    build: { rolldownOptions: { preserveEntrySignatures: 'allow-extension' } },
  }),
);
