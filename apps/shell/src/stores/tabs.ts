import { defineStore } from 'pinia';
import { reactive, ref, watch } from 'vue';

export interface PageTab {
  /** fullPath of the route, the tab's identity. */
  path: string;
  title: string;
  affix?: boolean;
}

const STORAGE_KEY = 'yingshang.tabs';
const home = (): PageTab => ({ path: '/', title: '', affix: true });

/** Tabs survive a reload of this browser tab (sessionStorage), as the session itself does. */
function restore(): PageTab[] {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as unknown;
    if (Array.isArray(saved) && saved.every((t) => typeof t?.path === 'string' && typeof t?.title === 'string')) {
      const tabs = (saved as PageTab[]).filter((t) => !t.affix);
      return [home(), ...tabs];
    }
  } catch {
    // Unreadable or blocked storage: start with home only.
  }
  return [home()];
}

/** Visited pages in the layout, RuoYi-style: home stays, the others close. */
export const useTabsStore = defineStore('tabs', () => {
  const tabs = ref<PageTab[]>(restore());
  /** Titles a micro-frontend named for its own paths (they may arrive before or after the visit). */
  const named = reactive(new Map<string, string>());

  watch(
    tabs,
    (value) => {
      try {
        sessionStorage.setItem(STORAGE_KEY, JSON.stringify(value));
      } catch {
        // Storage full or blocked: tabs just will not survive a reload.
      }
    },
    { deep: true },
  );

  function visit(path: string, title: string) {
    const finalTitle = named.get(path) ?? title;
    const existing = tabs.value.find((tab) => tab.path === path);
    if (existing) existing.title = finalTitle;
    else tabs.value.push({ path, title: finalTitle });
  }

  function setTitle(path: string, title: string) {
    named.set(path, title);
    const existing = tabs.value.find((tab) => tab.path === path && !tab.affix);
    if (existing) existing.title = title;
  }

  /** Closes a tab and answers where to go if it was the active one. */
  function close(path: string, activePath: string): string | null {
    const index = tabs.value.findIndex((tab) => tab.path === path);
    const tab = tabs.value[index];
    if (index < 0 || !tab || tab.affix) return null;
    tabs.value.splice(index, 1);
    if (path !== activePath) return null;
    const next = tabs.value[index] ?? tabs.value[index - 1] ?? tabs.value[0];
    return next?.path ?? '/';
  }

  function closeOthers(path: string) {
    tabs.value = tabs.value.filter((tab) => tab.affix || tab.path === path);
  }

  function closeAll() {
    tabs.value = tabs.value.filter((tab) => tab.affix);
  }

  function reset() {
    tabs.value = [home()];
    named.clear();
  }

  return { tabs, named, visit, setTitle, close, closeOthers, closeAll, reset };
});
