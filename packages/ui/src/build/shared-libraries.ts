/**
 * The libraries that exist once on the page: the shell's vendor build ships one ES module per name under
 * /vendor/<name>.js, the shell's import map points the bare names there, and every micro-frontend leaves exactly
 * these names external. Adding one here (e.g. 'echarts' once two modules chart) adds it everywhere.
 */
export const SHARED_LIBRARIES = [
  'vue',
  'vue-router',
  'pinia',
  'vue-i18n',
  'element-plus',
  // Element Plus's Chinese locale: the shell and every module install Element Plus with it, so it is loaded once.
  'element-plus/es/locale/lang/zh-cn',
  'single-spa',
] as const;
export type SharedLibrary = (typeof SHARED_LIBRARIES)[number];

export const vendorUrl = (name: SharedLibrary): string => `/vendor/${name}.js`;

/** Compile-time flags of the Vue-family esm-bundler builds; the vendor build and every app define the same. */
export const VUE_FEATURE_FLAGS: Record<string, string> = {
  'process.env.NODE_ENV': JSON.stringify('production'),
  __VUE_OPTIONS_API__: 'true',
  __VUE_PROD_DEVTOOLS__: 'false',
  __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  __VUE_I18N_FULL_INSTALL__: 'true',
  // Composition API only: every app calls createI18n({ legacy: false }) through createAppI18n.
  __VUE_I18N_LEGACY_API__: 'false',
  __INTLIFY_PROD_DEVTOOLS__: 'false',
  // No message compiler on the page (-5 KB gz): createAppI18n turns every message into a function first (see
  // i18n/compile.ts for the syntax it understands). Apps must build their i18n with createAppI18n.
  __INTLIFY_DROP_MESSAGE_COMPILER__: 'true',
};
