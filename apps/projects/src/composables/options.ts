import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import { useCan, useProjects } from '../context.ts';
import type { BatchItem, DepartmentOption } from '../services/projects.ts';

/** The responsible units and the 三个一批 batches, for pickers and filters: fetched once per mount. */
export const useOptions = defineStore('projects-options', () => {
  const projects = useProjects();
  const can = useCan();
  const departments = shallowRef<DepartmentOption[]>([]);
  const batches = shallowRef<BatchItem[]>([]);
  let loading: Promise<void> | null = null;

  function ensure(): Promise<void> {
    loading ??= Promise.all([
      projects
        .departments()
        .then((body) => (departments.value = body.items))
        .catch(() => undefined),
      // Without projects:batch:read the filter offers free text only.
      can('projects:batch:read')
        ? projects
            .batches()
            .then((body) => (batches.value = body.items))
            .catch(() => undefined)
        : Promise.resolve(),
    ]).then(() => undefined);
    return loading;
  }

  function refresh() {
    loading = null;
    return ensure();
  }

  return { departments, batches, ensure, refresh };
});
