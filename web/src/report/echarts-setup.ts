import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/**
 * ECharts with only what the report draws: line, bar and scatter charts, a
 * grid, legend, tooltip and shaded areas, rendered as SVG (crisp when printed
 * or zoomed on a tablet). Only the report page imports this, and that page
 * loads on demand, so the first screen never downloads ECharts.
 *
 * @example
 * const chart = initChart(element); chart.setOption(stCurveOption(report));
 */
use([LineChart, BarChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, MarkAreaComponent, SVGRenderer]);

export function initChart(element: HTMLElement) {
  return init(element, null, { renderer: 'svg', locale: 'ZH' });
}
