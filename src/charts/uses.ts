// What a template asks for when it places a chart, and what it gets back. The same chart with the same
// options is drawn once per build (chartUseKey).
import { ChartError, type SourceLocation } from '../errors.js'

export interface ChartOptions {
  /** total width of the SVG in px (default 1200, a slide) */
  width?: number
  /** total height in px (default 560) */
  height?: number
  /** replaces the chart's title; "" draws none */
  title?: string
  /** id of a metric to emphasise: the others are drawn fainter */
  highlight?: string
  /** the section the chart is placed with: fills "{section}" in the chart's selector */
  section?: string
}

export interface ChartUse {
  name: string
  options: ChartOptions
  /** where a template asked for the chart, for error messages */
  location?: SourceLocation
}

export interface RenderedChart {
  name: string
  svg: string
  title: string
  description: string
  width: number
  height: number
  /** a source note for under the chart: 资料来源：某某市2030年政府工作报告 */
  caption: string
}

export const DEFAULT_WIDTH = 1200
/** Type sizes tried in turn, as fractions of the theme's, until a chart's text fits. */
export const TYPE_STEPS = [1, 0.9, 0.8] as const
export const DEFAULT_HEIGHT = 560

/** Options with only the known keys, in a fixed order. */
export function normalizeOptions(options: ChartOptions): ChartOptions {
  const out: ChartOptions = {}
  if (options.width !== undefined) out.width = Number(options.width)
  if (options.height !== undefined) out.height = Number(options.height)
  if (options.title !== undefined) out.title = String(options.title)
  if (options.highlight !== undefined) out.highlight = String(options.highlight)
  if (options.section !== undefined) out.section = String(options.section)
  return out
}

/** The key of a use in renderCharts' result: the same chart with the same options is drawn once. */
export function chartUseKey(use: Pick<ChartUse, 'name' | 'options'>): string {
  return `${use.name}${JSON.stringify(normalizeOptions(use.options))}`
}

/** A width or height in px between 100 and 4000, else a ChartError at the template. */
export function checkSize(use: ChartUse, name: string, value: number): void {
  if (!Number.isFinite(value) || value < 100 || value > 4000) {
    throw new ChartError(`chart "${use.name}": ${name}=${value} is not a size in px between 100 and 4000`, {
      location: use.location,
    })
  }
}
