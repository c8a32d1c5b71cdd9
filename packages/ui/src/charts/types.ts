import type { BarSeriesOption, LineSeriesOption, PieSeriesOption, RadarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, RadarComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

/** The options our charts may use; type-only, so importing it pulls no ECharts code into a page. */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | RadarSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | RadarComponentOption
  | TooltipComponentOption
>;

/** A calm palette that sits with Element Plus: the tenant colour first, then blue-greens and ambers. */
export const PALETTE = ['#2f6bd8', '#35a672', '#e6a23c', '#7a5af5', '#13a8a8', '#f56c6c', '#8c9bb0', '#d4770b', '#4aa3df', '#9ccc65'];

export const AXIS_LABEL = { color: '#6b7a90', fontSize: 12 };
export const SPLIT_LINE = { lineStyle: { color: '#eef1f6' } };
