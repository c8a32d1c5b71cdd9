/**
 * ECharts with only what the modules draw: bars, lines and pies on a grid, the radar of one district against the
 * best and the average, tooltip and legend. Imported dynamically by components/EChart.vue, so it is a chunk of its
 * own that only pages with a chart fetch, never a first view without one.
 */
import { BarChart, LineChart, PieChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, PieChart, RadarChart, GridComponent, LegendComponent, RadarComponent, TooltipComponent, CanvasRenderer]);

export { init };
