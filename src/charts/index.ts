// Charts: Vega-Lite specs in templates/charts/ bound to the report's metrics, drawn by Vega inside
// Chromium (exact text metrics for the bundled fonts) to static, accessible SVG.

export { listCharts } from './definition.js'
export { renderCharts } from './render.js'
export {
  type ChartOptions,
  type ChartUse,
  chartUseKey,
  DEFAULT_HEIGHT,
  DEFAULT_WIDTH,
  type RenderedChart,
} from './uses.js'
