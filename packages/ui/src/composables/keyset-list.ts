import { computed, ref, shallowRef } from 'vue';
import type { ReportProblem } from '../feedback.ts';
import type { Page } from '../types.ts';

export const PAGE_SIZES = [10, 20, 50, 100];

export interface KeysetListOptions {
  /** How a failed page is shown: the app's own reportProblem (see createFeedback). */
  reportProblem: ReportProblem;
  /** Rows per page at first; 20 unless said. */
  limit?: number;
}

/**
 * A list behind keyset pagination (`?limit=&cursor=`, answered with `nextCursor`). Pages are walked forwards and
 * back through the cursors seen so far, so a page stays stable while rows are added at the top.
 */
export function useKeysetList<T>(fetchPage: (page: { limit: number; cursor?: string }) => Promise<Page<T>>, options: KeysetListOptions) {
  const items = shallowRef<T[]>([]);
  const loading = ref(false);
  const failed = ref(false);
  const limit = ref(options.limit ?? 20);
  const total = ref<number | null>(null);
  /** cursors[i] fetched page i (undefined for the first). */
  const cursors = ref<(string | undefined)[]>([undefined]);
  const index = ref(0);
  const nextCursor = ref<string | null>(null);
  let sequence = 0;

  async function load() {
    const mine = ++sequence;
    loading.value = true;
    failed.value = false;
    try {
      const cursor = cursors.value[index.value];
      const page = await fetchPage({ limit: limit.value, ...(cursor ? { cursor } : {}) });
      if (mine !== sequence) return;
      items.value = page.items;
      nextCursor.value = page.nextCursor;
      total.value = page.total ?? null;
    } catch (error) {
      if (mine !== sequence) return;
      failed.value = true;
      items.value = [];
      options.reportProblem(error);
    } finally {
      if (mine === sequence) loading.value = false;
    }
  }

  /** From the first page (new filters). */
  function search() {
    cursors.value = [undefined];
    index.value = 0;
    return load();
  }

  function next() {
    if (!nextCursor.value) return;
    cursors.value = [...cursors.value.slice(0, index.value + 1), nextCursor.value];
    index.value += 1;
    return load();
  }

  function prev() {
    if (index.value === 0) return;
    index.value -= 1;
    return load();
  }

  function setLimit(value: number) {
    limit.value = value;
    return search();
  }

  const hasNext = computed(() => nextCursor.value !== null);
  const hasPrev = computed(() => index.value > 0);
  const pageNumber = computed(() => index.value + 1);

  return { items, loading, failed, limit, total, hasNext, hasPrev, pageNumber, load, reload: load, search, next, prev, setLimit };
}

export type KeysetList<T> = ReturnType<typeof useKeysetList<T>>;
