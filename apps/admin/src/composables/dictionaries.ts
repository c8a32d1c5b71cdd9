import { defineStore } from 'pinia';
import { reactive } from 'vue';
import type { DictionaryItem } from '@yingshang/ui';
import { useIdentity } from '../context.ts';

type TagType = DictionaryItem['tagType'];

/**
 * Labels and tag colours of the enumerations (`GET /dictionaries?codes=`), fetched once per mount. Until they
 * arrive, or if they never do, pages show the fallback label they pass in.
 */
export const useDictionaries = defineStore('admin-dictionaries', () => {
  const identity = useIdentity();
  const items = reactive(new Map<string, DictionaryItem[]>());
  const pending = new Map<string, Promise<void>>();

  function ensure(codes: readonly string[]): Promise<void> {
    const missing = codes.filter((code) => !items.has(code) && !pending.has(code));
    if (missing.length === 0) return Promise.all(codes.map((c) => pending.get(c))).then(() => undefined);
    const request = identity
      .dictionaries(missing)
      .then((body) => {
        for (const [code, list] of Object.entries(body.dictionaries)) items.set(code, list);
      })
      .catch((error: unknown) => console.warn('dictionaries failed', error))
      .finally(() => {
        for (const code of missing) pending.delete(code);
      });
    for (const code of missing) pending.set(code, request);
    return request;
  }

  const find = (code: string, value: string) => items.get(code)?.find((item) => item.value === value);
  const label = (code: string, value: string, fallback?: string) => find(code, value)?.label ?? fallback ?? value;
  const tagType = (code: string, value: string, fallback: TagType = 'info'): TagType => find(code, value)?.tagType ?? fallback;
  const options = (code: string) => items.get(code) ?? [];

  return { ensure, label, tagType, options };
});
