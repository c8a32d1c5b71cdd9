import vue from '@vitejs/plugin-vue';
import { defineConfig, mergeConfig } from 'vite';
import { microFrontendConfig } from '@yingshang/ui/build/micro-frontend.ts';

/**
 * dist/index.js + index.css, served at /apps/assessments/ and imported by the shell as @yingshang/app-assessments.
 * ECharts is this module's own: only the chart routes import it (dynamically, components/EChart.vue).
 * `allow-extension` keeps the code the first view shares with later pages inside index.js rather than in many small
 * common chunks (see apps/projects/vite.config.ts).
 */
export default defineConfig(
  mergeConfig(microFrontendConfig({ plugins: [vue()] }), {
    build: { rolldownOptions: { preserveEntrySignatures: 'allow-extension' } },
  }),
);
