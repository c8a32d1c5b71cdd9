import { defineAsyncComponent, ref, watch, type Ref } from 'vue';
import { useSections } from '../i18n/index.ts';

/**
 * The dialogs a page offers but rarely opens (新增项目, 导入), as components that load — code and messages — the
 * first time they open, so the ledger's first view does not carry them.
 */
export function useLazyDialogs() {
  const load = useSections();
  return {
    ProjectDialog: defineAsyncComponent(() => Promise.all([import('./ProjectDialog.vue'), load('projectForm', 'record')]).then(([m]) => m.default)),
    ImportDialog: defineAsyncComponent(() => Promise.all([import('./ImportDialog.vue'), load('import', 'investment')]).then(([m]) => m.default)),
  };
}

/** True from the first time `open` is true: render a lazy dialog then, and keep it for its closing animation. */
export function everOpened(open: Ref<boolean>): Ref<boolean> {
  const opened = ref(open.value);
  watch(open, (value) => {
    if (value) opened.value = true;
  });
  return opened;
}
