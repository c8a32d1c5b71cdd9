import { toNumber } from './format.ts';
import type { Ranking, RankingEntry } from '../services/assessments.ts';

/** The entries of a group (null = overall), in the order of the rank that group uses. */
export function entriesOf(ranking: Ranking, group: string | null): RankingEntry[] {
  const entries = ranking.result.entries.filter((e) => group === null || e.rankingGroup === group);
  return [...entries].sort((a, b) => (group === null ? a.rank - b.rank : a.groupRank - b.groupRank) || a.tenantName.localeCompare(b.tenantName, 'zh-CN'));
}

/** The groups of a ranking in the order the service lists them (unnamed groups left out of the tabs). */
export const groupsOf = (ranking: Ranking): string[] => ranking.result.groups.map((g) => g.group).filter((g): g is string => g !== null);

/** Per indicator, the best and the average normalised score (0–100) among the tenants that have one. */
export function scoreReferences(ranking: Ranking): Map<string, { best: number | null; average: number | null }> {
  const out = new Map<string, { best: number | null; average: number | null }>();
  for (const indicator of ranking.indicators) {
    const scores = ranking.result.entries
      .map((e) => e.scores.find((s) => s.indicatorId === indicator.indicatorId))
      .map((s) => (s && !s.missing ? toNumber(s.score) : null))
      .filter((s): s is number => s !== null);
    out.set(indicator.indicatorId, {
      best: scores.length ? Math.max(...scores) : null,
      average: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
    });
  }
  return out;
}

/** The tenant's normalised scores, the best and the average, axis by axis (the ranking's indicators). */
export function radarData(ranking: Ranking, tenantId: string) {
  const entry = ranking.result.entries.find((e) => e.tenantId === tenantId);
  const refs = scoreReferences(ranking);
  const axes = ranking.indicators.map((i) => i.name);
  const own = ranking.indicators.map((i) => {
    const s = entry?.scores.find((x) => x.indicatorId === i.indicatorId);
    return s && !s.missing ? toNumber(s.score) : null;
  });
  return {
    axes,
    own,
    best: ranking.indicators.map((i) => refs.get(i.indicatorId)?.best ?? null),
    average: ranking.indicators.map((i) => refs.get(i.indicatorId)?.average ?? null),
  };
}
