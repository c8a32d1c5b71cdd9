/**
 * ECharts with only what this module draws: bars and lines on a grid (composite scores, trends) and the radar of one
 * district against the best and the average. Imported dynamically by components/EChart.vue, so only the chart
 * routes fetch it.
 */
import { BarChart, LineChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, RadarChart, GridComponent, LegendComponent, RadarComponent, TooltipComponent, CanvasRenderer]);

export { init };
