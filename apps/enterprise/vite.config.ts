import vue from '@vitejs/plugin-vue';
import { defineConfig, mergeConfig } from 'vite';
import { microFrontendConfig } from '@yingshang/ui/build/micro-frontend.ts';

/**
 * dist/index.js + index.css, served at /apps/enterprise/ and imported by the shell as @yingshang/app-enterprise.
 * ECharts is this module's own: only the figures page imports it (dynamically), so it is a chunk nobody else pays for.
 * `allow-extension`, as in apps/projects: code the first view shares with other pages stays in index.js rather than in
 * many small common chunks.
 */
export default defineConfig(
  mergeConfig(microFrontendConfig({ plugins: [vue()] }), {
    build: { rolldownOptions: { preserveEntrySignatures: 'allow-extension' } },
  }),
);
