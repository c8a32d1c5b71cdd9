/**
 * The option builders of this module's charts. Pure functions over plain numbers, so the pages stay readable and
 * nothing here pulls ECharts code (the types are type-only).
 */
import { AXIS_LABEL, SPLIT_LINE, type ChartOption } from '@yingshang/ui/charts/types.ts';

export interface RadarSeries {
  name: string;
  values: (number | null)[];
  color: string;
  /** Filled area (the tenant); outlines only for the references. */
  area?: boolean;
  dashed?: boolean;
}

/**
 * One tenant against the best and the average, axis by axis (indicators or dimensions), each on a 0–100 scale of
 * normalised scores so that axes of different units compare.
 */
export function radarOption(axes: readonly string[], series: readonly RadarSeries[]): ChartOption {
  return {
    tooltip: { trigger: 'item', confine: true },
    legend: { bottom: 0, textStyle: { color: '#4b5b70' } },
    radar: {
      indicator: axes.map((name) => ({ name: name.length > 6 ? `${name.slice(0, 6)}…` : name, max: 100, min: 0 })),
      radius: '54%',
      center: ['50%', '48%'],
      splitNumber: 4,
      axisName: { color: '#4b5b70', fontSize: 12 },
      splitLine: { lineStyle: { color: '#e4e9f0' } },
      splitArea: { areaStyle: { color: ['#fbfcfe', '#f5f7fb'] } },
      axisLine: { lineStyle: { color: '#e4e9f0' } },
    },
    series: [
      {
        type: 'radar',
        symbolSize: 5,
        data: series.map((s) => ({
          name: s.name,
          value: s.values.map((v) => (v === null ? 0 : Math.round(v * 100) / 100)),
          itemStyle: { color: s.color },
          lineStyle: { color: s.color, width: s.area ? 2.5 : 1.5, type: s.dashed ? 'dashed' : 'solid' },
          ...(s.area ? { areaStyle: { color: s.color, opacity: 0.18 } } : {}),
        })),
      },
    ],
  };
}

/** Rank (left axis, inverted: first at the top) and composite score (right axis) over periods. */
export function trendOption(periods: readonly string[], ranks: (number | null)[], scores: (number | null)[], labels: { rank: string; score: string }, total?: number): ChartOption {
  // The rank axis spans the whole field (1 to the number of tenants) so a move reads against all of it.
  const maxRank = Math.max(total ?? 1, ...ranks.filter((r): r is number => r !== null));
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: '#4b5b70' } },
    grid: { left: 8, right: 8, top: 48, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: [...periods], axisLabel: AXIS_LABEL, axisTick: { show: false } },
    yAxis: [
      // Inverted (first at the top), so its name goes at the start to sit above the axis.
      { type: 'value', name: labels.rank, nameLocation: 'start', inverse: true, min: 1, max: maxRank, interval: Math.max(1, Math.ceil(maxRank / 4)), nameTextStyle: AXIS_LABEL, axisLabel: AXIS_LABEL, splitLine: SPLIT_LINE },
      { type: 'value', name: labels.score, nameTextStyle: AXIS_LABEL, axisLabel: AXIS_LABEL, splitLine: { show: false } },
    ],
    series: [
      {
        name: labels.score,
        type: 'bar',
        yAxisIndex: 1,
        barMaxWidth: 22,
        data: scores.map((s) => (s === null ? null : Math.round(s * 100) / 100)),
        itemStyle: { color: '#c9d8f3', borderRadius: [3, 3, 0, 0] },
      },
      {
        name: labels.rank,
        type: 'line',
        data: [...ranks],
        symbolSize: 8,
        label: { show: true, position: 'top', color: '#1f2d3d', fontWeight: 600 },
        itemStyle: { color: '#2f6bd8' },
        lineStyle: { width: 2.5 },
        connectNulls: true,
      },
    ],
  };
}
