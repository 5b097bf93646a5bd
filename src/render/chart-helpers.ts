// The {{chart}} Handlebars helper. Templates render twice: a collect pass records which charts with
// which options they use, renderCharts() draws them, and a render pass puts the SVGs in place:
//
//   {{chart "headline-targets" width=900 height=400 title="…" highlight="gdp-growth"}}
import Handlebars from 'handlebars'
import { type ChartOptions, type ChartUse, chartUseKey, type RenderedChart } from '../charts/uses.js'
import { ChartError } from '../errors.js'
import { escapeHtml } from '../html/escape.js'
import { type HelperDelegate, type HelperOptions, helperLocation } from './handlebars.js'

function useOf(name: unknown, options: HelperOptions, projectRoot: string): ChartUse {
  const location = helperLocation(options, projectRoot)
  if (typeof name !== 'string' || name === '') {
    throw new ChartError('{{chart}} needs a chart name: {{chart "headline-targets"}}', { location })
  }
  const hash = (options.hash ?? {}) as Record<string, unknown>
  const known = ['width', 'height', 'title', 'highlight', 'section']
  for (const key of Object.keys(hash)) {
    if (!known.includes(key)) {
      throw new ChartError(`{{chart "${name}"}}: unknown option ${key}= (use ${known.join(', ')})`, {
        location,
      })
    }
  }
  const opts: ChartOptions = {}
  for (const key of ['width', 'height'] as const) {
    if (hash[key] !== undefined) {
      const n = Number(hash[key])
      if (!Number.isFinite(n))
        throw new ChartError(`{{chart "${name}"}}: ${key}= must be a number`, { location })
      opts[key] = n
    }
  }
  if (hash.title !== undefined) opts.title = String(hash.title)
  if (hash.highlight !== undefined) opts.highlight = String(hash.highlight)
  if (hash.section !== undefined) opts.section = String(hash.section)
  return { name, options: opts, location }
}

/** The figure for a rendered chart: inline SVG and a caption, on one line (safe inside Markdown). */
export function chartFigure(chart: RenderedChart): string {
  const label = /aria-label="([^"]*)"/.exec(chart.svg)?.[1] ?? escapeHtml(chart.description)
  const figcaption = chart.caption
    ? `<figcaption class="chart-source">${escapeHtml(chart.caption)}</figcaption>`
    : ''
  return `<figure class="chart chart-${chart.name}" role="img" aria-label="${label}">${chart.svg}${figcaption}</figure>`
}

/**
 * Helpers for one template pass. 'collect': {{chart}} records its use in `uses` and returns ''.
 * 'render': it returns the figure of the chart drawn for that use (from renderCharts).
 */
export function chartHelpers(
  mode: 'collect' | 'render',
  uses: ChartUse[],
  rendered?: Map<string, RenderedChart>,
  projectRoot = process.cwd(),
): Record<string, HelperDelegate> {
  return {
    chart(name: unknown, options: HelperOptions) {
      const use = useOf(name, options, projectRoot)
      if (mode === 'collect') {
        uses.push(use)
        return ''
      }
      const chart = rendered?.get(chartUseKey(use))
      if (!chart) {
        throw new ChartError(
          `chart "${use.name}" was not drawn: run the collect pass and renderCharts() first`,
          {
            location: use.location,
          },
        )
      }
      return new Handlebars.SafeString(chartFigure(chart))
    },
  }
}
