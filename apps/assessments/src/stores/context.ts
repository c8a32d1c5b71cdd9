import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { useAssessments } from '../context.ts';
import { reportProblem } from '../feedback.ts';
import type { AssessedTenant, AssessmentContext, Indicator, Period } from '../services/assessments.ts';

/**
 * What every page of the module reads: who the caller is (the city or one district, and the districts it may see),
 * the periods and the indicator catalogue. Fetched once per mount; `refresh` after a page changes them.
 */
export const useAssessmentContext = defineStore('assessments-context', () => {
  const api = useAssessments();
  const context = shallowRef<AssessmentContext | null>(null);
  const periods = shallowRef<Period[]>([]);
  const indicators = shallowRef<Indicator[]>([]);
  const failed = ref(false);
  let pending: Promise<void> | null = null;

  async function load() {
    try {
      const [ctx, list, catalogue] = await Promise.all([api.context(), api.periods.list(), api.indicators.list()]);
      context.value = ctx;
      // Newest first: the pickers open on the latest period.
      periods.value = [...list.items].sort((a, b) => (a.endsOn === b.endsOn ? kindOrder(a) - kindOrder(b) : a.endsOn < b.endsOn ? 1 : -1));
      indicators.value = catalogue.items;
      failed.value = false;
    } catch (error) {
      failed.value = true;
      reportProblem(error);
    }
  }

  function ensure(): Promise<void> {
    pending ??= load();
    return pending;
  }

  function refresh(): Promise<void> {
    pending = load();
    return pending;
  }

  const tenantsById = computed(() => new Map<string, AssessedTenant>((context.value?.allTenants ?? []).map((t) => [t.id, t])));
  const tenantName = (id: string) => tenantsById.value.get(id)?.shortName ?? tenantsById.value.get(id)?.name ?? id.slice(0, 8);
  const indicatorsById = computed(() => new Map(indicators.value.map((i) => [i.id, i])));
  const periodById = (id: string | null | undefined) => periods.value.find((p) => p.id === id);

  /** The period a ranking page opens on: the latest with a ranking (published for districts), else the latest quarter. */
  function defaultRankingPeriod(publishedOnly: boolean): Period | undefined {
    return (
      periods.value.find((p) => p.ranking && (!publishedOnly || p.ranking.status === 'published')) ??
      periods.value.find((p) => p.kind === 'quarter') ??
      periods.value[0]
    );
  }

  return { context, periods, indicators, failed, ensure, refresh, tenantsById, tenantName, indicatorsById, periodById, defaultRankingPeriod };
});

/** A year before a quarter before a month of the same end date: the longer period reads first. */
const KIND_ORDER = { year: 0, half: 1, quarter: 2, month: 3 } as const;
const kindOrder = (p: Period) => KIND_ORDER[p.kind];
