// renderCharts: chart uses -> bound, themed Vega-Lite -> (cache | Vega in Chromium) -> finished SVG.

import type { BuildContext, Edition } from '../context.js'
import { ChartError } from '../errors.js'
import { translate, translateFor } from '../i18n/locale.js'
import { diskCache, hashKey } from '../utils/cache.js'
import { axisProbes, axisProblems } from './axis-check.js'
import { bindChart, type MetricRow } from './bind.js'
import { compileSpec, pageText, rendererVersion } from './compile.js'
import { type ChartDefinition, chartError, loadDefinition } from './definition.js'
import { describeChart } from './describe.js'
import { buildForm, type FormResult } from './forms.js'
import { loadChartPage, type PageJob, renderInPage } from './page.js'
import {
  addTextType,
  emphasise,
  mergeConfig,
  scaleConfig,
  subtitleSize,
  wrapAxisLabels,
} from './spec-tweaks.js'
import { finishSvg } from './svg.js'
import { type ChartTheme, loadChartTheme } from './theme.js'
import { chartVars, resolveSubtitle, resolveTitle } from './titles.js'
import {
  type ChartUse,
  chartUseKey,
  checkSize,
  DEFAULT_HEIGHT,
  DEFAULT_WIDTH,
  normalizeOptions,
  type RenderedChart,
  TYPE_STEPS,
} from './uses.js'

interface Prepared {
  key: string
  use: ChartUse
  def: ChartDefinition
  spec: Record<string, unknown>
  title: string
  description: string
  ariaLabel: string
  caption: string
  width: number
  height: number
  hash: string
  idPrefix: string
}

export interface RenderStats {
  rendered: number
  cached: number
  ms: number
}

/**
 * Draws every chart the templates use. Returns the charts by chartUseKey(use). Unchanged charts come
 * from the disk cache unless ctx.cache is false.
 */
export async function renderCharts(
  uses: ChartUse[],
  edition: Edition,
  ctx: BuildContext,
): Promise<Map<string, RenderedChart>> {
  const started = performance.now()
  const result = new Map<string, RenderedChart>()
  const unique = new Map<string, ChartUse>()
  for (const use of uses) if (!unique.has(chartUseKey(use))) unique.set(chartUseKey(use), use)
  if (unique.size === 0) return result

  const theme = await loadChartTheme(ctx.projectRoot, edition.theme, edition.locale)
  const version = await rendererVersion()
  const cache = diskCache('charts', { projectRoot: ctx.projectRoot, disabled: !ctx.cache })
  const definitions = new Map<string, Promise<ChartDefinition>>()
  const prepared = await Promise.all(
    [...unique].map(async ([key, use]) => {
      let def = definitions.get(use.name)
      if (!def) {
        def = loadDefinition(ctx.projectRoot, use.name, use.location, edition.reportDir)
        definitions.set(use.name, def)
        const { relFile, origin } = await def
        ctx.logger.debug(`chart ${use.name}: ${relFile} (${origin})`)
      }
      return prepare(key, use, await def, edition, ctx, theme, version)
    }),
  )

  const misses: Prepared[] = []
  for (const p of prepared) {
    const hit = await cache.get(p.hash)
    if (hit) {
      result.set(p.key, JSON.parse(hit.toString('utf8')) as RenderedChart)
      ctx.logger.debug(`chart ${p.use.name} ${p.width}x${p.height}: cache hit`)
    } else misses.push(p)
  }

  // Draw what the cache does not have. A chart whose text does not fit (long English labels in a
  // small table) is drawn again with its type a step smaller, down to the last of TYPE_STEPS; if it
  // still does not fit, the build fails with the layout problems.
  let pending = misses.map((p) => ({ first: p, p }))
  for (const step of TYPE_STEPS.keys()) {
    if (pending.length === 0) break
    const jobs: PageJob[] = []
    for (const { p } of pending) {
      const vega = await compileSpec(p, ctx)
      jobs.push({
        key: p.key,
        vega,
        text: pageText(p),
        fontFamilies: theme.fontFamilies,
        probes: axisProbes(vega),
      })
    }
    const results = await ctx.session.withPage(async (page) => {
      await loadChartPage(ctx.session, page)
      return renderInPage(page, jobs)
    })
    const retry: typeof pending = []
    for (const [i, { first, p }] of pending.entries()) {
      const r = results[i]
      if (!r || r.error || !r.svg) {
        throw new ChartError(`chart ${p.def.relFile}: Vega could not draw it: ${r?.error ?? 'no result'}`, {
          location: { file: p.def.relFile },
        })
      }
      // No axis may carry two units or two kinds, whatever the chart's size.
      const mixed = axisProblems(p.spec, jobs[i]?.probes ?? [], r.probed ?? [])[0]
      if (mixed) throw chartError(p.def, p.def.binding.form ? ['huibao', 'form'] : mixed.path, mixed.message)
      const smaller = TYPE_STEPS[step + 1]
      if (r.problems.length > 0 && smaller !== undefined) {
        ctx.logger.debug(
          `chart ${p.use.name} ${p.width}x${p.height}: does not fit, type at ${smaller * 100}%`,
        )
        retry.push({ first, p: await prepare(p.key, p.use, p.def, edition, ctx, theme, version, smaller) })
        continue
      }
      if (r.problems.length > 0) {
        throw new ChartError(
          `chart ${p.def.relFile} at ${p.width}x${p.height}: ${r.problems.length} layout problem(s): ${r.problems[0]}`,
          {
            location: p.use.location ?? { file: p.def.relFile },
            problems: r.problems.map((message) => ({ location: { file: p.def.relFile }, message })),
            hint: 'give the chart more room (width/height), shorter labels, or smaller fonts in the theme chart.json',
          },
        )
      }
      const chart: RenderedChart = {
        name: p.use.name,
        svg: finishSvg(r.svg, {
          idPrefix: p.idPrefix,
          title: p.title,
          description: p.description,
          ariaLabel: p.ariaLabel,
          fontFamily: theme.fontFamilies.join(', '),
        }),
        title: p.title,
        description: p.description,
        width: p.width,
        height: p.height,
        caption: p.caption,
      }
      // cached under the first attempt's hash: the same input gives the same steps
      await cache.set(first.hash, JSON.stringify(chart))
      result.set(p.key, chart)
      ctx.logger.debug(`chart ${p.use.name} ${p.width}x${p.height}: rendered`)
    }
    pending = retry
  }
  const stats: RenderStats = {
    rendered: misses.length,
    cached: prepared.length - misses.length,
    ms: Math.round(performance.now() - started),
  }
  ctx.logger.debug(`charts: ${stats.rendered} rendered, ${stats.cached} from cache (${stats.ms} ms)`)
  return result
}

async function prepare(
  key: string,
  use: ChartUse,
  def: ChartDefinition,
  edition: Edition,
  ctx: BuildContext,
  theme: ChartTheme,
  version: string,
  typeStep = 1,
): Promise<Prepared> {
  const options = normalizeOptions(use.options)
  const width = options.width ?? DEFAULT_WIDTH
  checkSize(use, 'width', width)
  if (options.height !== undefined) checkSize(use, 'height', options.height)
  const bound = await bindChart(def, edition, ctx.projectRoot, options.highlight, options.section)
  if (options.highlight !== undefined && !bound.rows.some((r) => r.id === options.highlight)) {
    throw new ChartError(`chart "${use.name}": highlight="${options.highlight}" is not one of its metrics`, {
      location: use.location ?? { file: def.relFile },
      hint: `its metrics: ${bound.rows.map((r) => String(r.id)).join(', ')}`,
    })
  }
  const title = resolveTitle(def, options, edition)
  let subtitle = resolveSubtitle(def, edition)
  const spec = bound.spec
  // Smaller charts (handouts) get proportionally smaller type, down to 60 % of the slide size.
  const factor = Math.max(0.6, Math.min(1, width / DEFAULT_WIDTH))
  const height =
    options.height ??
    Math.max(
      Math.round(DEFAULT_HEIGHT * factor),
      Math.round((140 + subtitle.split('\n').length * 24 + bound.rows.length * 46) * factor),
    )
  const ownConfig = (spec.config ?? {}) as Record<string, unknown>
  spec.config = mergeConfig(
    scaleConfig(theme.config, factor * typeStep) as Record<string, unknown>,
    ownConfig,
  )
  let rows = bound.rows
  const form = def.binding.form
  if (form) {
    if (!bound.metricRows) throw chartError(def, ['huibao', 'form'], 'a form draws report metrics only')
    // Smaller type before fewer rows: the steps of TYPE_STEPS from this one, then rows left out.
    const lines = (extra: number) => (title ? 1 : 0) + (subtitle ? subtitle.split('\n').length : 0) + extra
    let drawn: FormResult | undefined
    for (const step of TYPE_STEPS.filter((t) => t <= typeStep)) {
      spec.config = mergeConfig(
        scaleConfig(theme.config, factor * step) as Record<string, unknown>,
        ownConfig,
      )
      const layout = { width, height, config: spec.config as Record<string, unknown>, titleLines: lines(0) }
      drawn = buildForm(form, bound.rows as MetricRow[], layout, edition)
      if (drawn.omitted > 0)
        drawn = buildForm(form, bound.rows as MetricRow[], { ...layout, titleLines: lines(1) }, edition)
      if (drawn.omitted === 0) break
    }
    if (!drawn) throw new Error('no type step')
    if (drawn.omitted > 0) {
      const note = translate(edition.strings, 'chart.note.omitted', { n: drawn.omitted })
      subtitle = subtitle ? `${subtitle}\n${note}` : note
    }
    for (const k of [
      'mark',
      'encoding',
      'layer',
      'transform',
      'vconcat',
      'hconcat',
      'concat',
      'facet',
      'spec',
    ])
      delete spec[k]
    Object.assign(spec, drawn.body)
    spec.data = { values: drawn.rows }
    rows = drawn.rows
  }
  const description = describeChart(def, title, rows, edition, spec)
  const ariaLabel = title ? translate(edition.strings, 'chart.aria', { title, description }) : description
  const caption = translateFor(edition, 'chart.source', chartVars(edition))
  if (title || (form && subtitle)) {
    const base = spec.title && typeof spec.title === 'object' && !Array.isArray(spec.title) ? spec.title : {}
    // A line break in the locale string starts a new subtitle line. Without a title (a slide whose
    // heading is the title), a form's note stands on its own in the subtitle's type.
    spec.title = title
      ? { ...base, text: title, ...(subtitle ? { subtitle: subtitle.split('\n') } : {}) }
      : { ...base, text: subtitle.split('\n'), fontSize: subtitleSize(spec.config), fontWeight: 400 }
  } else delete spec.title
  spec.description = description
  if (!form) {
    spec.width = width
    spec.height = height
  }
  wrapAxisLabels(spec, spec.config as Record<string, unknown>, width)
  addTextType(spec, spec.config as Record<string, unknown>)
  if (options.highlight !== undefined) emphasise(spec)
  const useHash = hashKey(key).slice(0, 8)
  const idPrefix = `hc-${use.name}-${useHash}`
  const hash = hashKey(
    version,
    JSON.stringify(spec),
    title,
    description,
    ariaLabel,
    caption,
    idPrefix,
    theme.fontFamilies.join(','),
  )
  return { key, use, def, spec, title, description, ariaLabel, caption, width, height, hash, idPrefix }
}
