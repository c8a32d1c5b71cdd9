import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { Me, Problem } from '@yingshang/ui';
import { isProblemError } from '@yingshang/ui';
import { useShell } from '../context.ts';

/** `GET /api/identity/v1/me`, fetched through the shell's authenticated client. */
export const useMeStore = defineStore('admin-me', () => {
  const shell = useShell();
  const me = shallowRef<Me | null>(null);
  const loading = ref(false);
  const problem = ref<Pick<Problem, 'title' | 'detail'> | null>(null);

  async function load() {
    loading.value = true;
    problem.value = null;
    try {
      me.value = await shell.api.get<Me>('/api/identity/v1/me');
    } catch (error) {
      problem.value = isProblemError(error)
        ? { title: error.problem.title, detail: error.problem.detail }
        : { title: String(error) };
    } finally {
      loading.value = false;
    }
  }

  return { me, loading, problem, load };
});
