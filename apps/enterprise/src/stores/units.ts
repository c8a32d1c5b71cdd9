import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useEnterprise } from '../context.ts';

/**
 * The responsible units the ledger has seen (from the figures by unit), offered when assigning an appeal; a new one
 * can always be typed. Loaded once per mount.
 */
export const useUnits = defineStore('enterprise-units', () => {
  const api = useEnterprise();
  const units = ref<string[]>([]);
  let pending: Promise<void> | null = null;

  function ensure(): Promise<void> {
    pending ??= api.appeals
      .statistics({})
      .then((body) => {
        units.value = body.byUnit.map((u) => u.label).filter((label) => label && label !== '未交办');
      })
      .catch(() => {
        // No figures permission, or not yet: the field still takes a typed unit.
      });
    return pending;
  }

  return { units, ensure };
});
