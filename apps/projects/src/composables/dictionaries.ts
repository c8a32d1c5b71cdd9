import { defineStore } from 'pinia';
import { reactive } from 'vue';
import type { DictionaryItem } from '@yingshang/ui';
import { useShell } from '../context.ts';
import type { TagType } from '../enums.ts';

/** The tenant's dictionaries this module shows (`GET /api/identity/v1/dictionaries?codes=`). */
export const DICTIONARY_CODES = ['project_stage', 'project_category', 'project_level'] as const;
export type DictionaryCode = (typeof DICTIONARY_CODES)[number];

/**
 * Labels and tag colours the tenant configured, fetched once per mount. Until they arrive, or where a value has no
 * entry, pages show the fallback label and colour they pass in.
 */
export const useDictionaries = defineStore('projects-dictionaries', () => {
  const shell = useShell();
  const items = reactive(new Map<string, DictionaryItem[]>());
  let pending: Promise<void> | null = null;

  function ensure(): Promise<void> {
    pending ??= shell.api
      .get<{ dictionaries: Record<string, DictionaryItem[]> }>('/api/identity/v1/dictionaries', { query: { codes: DICTIONARY_CODES.join(',') } })
      .then((body) => {
        for (const [code, list] of Object.entries(body.dictionaries)) items.set(code, list);
      })
      .catch((error: unknown) => console.warn('dictionaries failed', error));
    return pending;
  }

  const find = (code: DictionaryCode, value: string) => items.get(code)?.find((item) => item.value === value);
  const label = (code: DictionaryCode, value: string, fallback: string) => find(code, value)?.label ?? fallback;
  const tagType = (code: DictionaryCode, value: string, fallback: TagType): TagType => find(code, value)?.tagType ?? fallback;

  return { ensure, label, tagType };
});
