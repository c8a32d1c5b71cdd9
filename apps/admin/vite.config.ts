import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { microFrontendConfig } from '@yingshang/ui/build/micro-frontend.ts';

/** dist/index.js + index.css, served at /apps/admin/ and imported by the shell as @yingshang/app-admin. */
export default defineConfig(microFrontendConfig({ plugins: [vue()] }));
