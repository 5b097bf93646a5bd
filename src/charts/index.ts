// Charts: Vega-Lite specs in templates/charts/ bound to the report's metrics, drawn by Vega inside
// Chromium (exact text metrics for the bundled fonts) to static, accessible SVG.

// MERGE-TODO: render/deck.ts and render/handout.ts import these from ../render/chart-helpers.js; then this line goes.
export { chartFigure, chartHelpers } from '../render/chart-helpers.js'
export { listCharts } from './definition.js'
export {
  type ChartOptions,
  type ChartUse,
  chartUseKey,
  DEFAULT_HEIGHT,
  DEFAULT_WIDTH,
  type RenderedChart,
  renderCharts,
} from './render.js'
