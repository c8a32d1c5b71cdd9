import { defineStore } from 'pinia';
import { useAssessments } from '../context.ts';
import type { Ranking, RankingSummary } from '../services/assessments.ts';

/**
 * Rankings by id, fetched once per mount while published (a published ranking is frozen, so the copy stays true);
 * drafts are fetched afresh each time.
 */
export const useRankings = defineStore('assessments-rankings', () => {
  const api = useAssessments();
  const frozen = new Map<string, Promise<Ranking>>();

  function get(id: string, fresh = false): Promise<Ranking> {
    const cached = frozen.get(id);
    if (cached && !fresh) return cached;
    const pending = api.rankings.get(id).then((ranking) => {
      if (ranking.status !== 'published') frozen.delete(id);
      return ranking;
    });
    pending.catch(() => frozen.delete(id));
    frozen.set(id, pending);
    return pending;
  }

  /** The published rankings of a kind of period up to (and including) `periodCode`, oldest first, at most `n`. */
  async function history(summaries: readonly RankingSummary[], upTo: string, n = 6): Promise<RankingSummary[]> {
    return summaries
      .filter((s) => s.status === 'published' && s.periodCode <= upTo)
      .sort((a, b) => (a.periodCode < b.periodCode ? -1 : 1))
      .slice(-n);
  }

  return { get, history };
});
