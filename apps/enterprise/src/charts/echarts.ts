/**
 * ECharts with only what this module draws: bars, lines and pies on a grid, with tooltip and legend.
 * Imported dynamically by components/EChart.vue, so it is a chunk of its own that only the chart pages fetch.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { init };
