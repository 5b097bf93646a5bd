// renderCharts: chart uses -> bound, themed Vega-Lite -> (cache | Vega in Chromium) -> finished SVG.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { LoggerInterface } from 'vega'
import type { BuildContext, Edition } from '../context.js'
import { ChartError, type SourceLocation } from '../errors.js'
import { translate, translateFor } from '../render/locale.js'
import { diskCache, hashKey } from '../utils/cache.js'
import { PACKAGE_ROOT } from '../utils/paths.js'
import { bindChart } from './bind.js'
import { type ChartDefinition, chartError, loadDefinition } from './definition.js'
import { describeChart } from './describe.js'
import { chartPackageVersion } from './packages.js'
import { loadChartPage, type PageJob, renderInPage } from './page.js'
import { finishSvg } from './svg.js'
import { type ChartTheme, loadChartTheme } from './theme.js'
import { schemaProblem } from './validate.js'

export interface ChartOptions {
  /** total width of the SVG in px (default 1200, a slide) */
  width?: number
  /** total height in px (default 560) */
  height?: number
  /** replaces the chart's title; "" draws none */
  title?: string
  /** id of a metric to emphasise: the others are drawn fainter */
  highlight?: string
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
  /** a source note for under the chart: 资料来源：郑州市2021年政府工作报告 */
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
  return out
}

/** The key of a use in renderCharts' result: the same chart with the same options is drawn once. */
export function chartUseKey(use: Pick<ChartUse, 'name' | 'options'>): string {
  return `${use.name}${JSON.stringify(normalizeOptions(use.options))}`
}

let codeVersion: Promise<string> | undefined
/** Versions of everything outside the spec that shapes the SVG: Vega, Vega-Lite, fonts, this code. */
function rendererVersion(): Promise<string> {
  codeVersion ??= (async () => {
    const parts: string[] = []
    for (const pkg of [
      'vega',
      'vega-lite',
      '@fontsource/noto-sans',
      '@fontsource/noto-sans-sc',
      '@fontsource/noto-serif',
      '@fontsource/noto-serif-sc',
    ]) {
      parts.push(`${pkg}@${chartPackageVersion(pkg)}`)
    }
    const dir = join(PACKAGE_ROOT, 'src', 'charts')
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.ts')).sort()) {
      parts.push(file, await readFile(join(dir, file), 'utf8'))
    }
    return hashKey(...parts)
  })()
  return codeVersion
}

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
        def = loadDefinition(ctx.projectRoot, use.name, use.location)
        definitions.set(use.name, def)
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
    for (const { p } of pending)
      jobs.push({
        key: p.key,
        vega: await compileSpec(p, ctx),
        text: pageText(p),
        fontFamilies: theme.fontFamilies,
      })
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
  const bound = await bindChart(def, edition, ctx.projectRoot, options.highlight)
  if (options.highlight !== undefined && !bound.rows.some((r) => r.id === options.highlight)) {
    throw new ChartError(`chart "${use.name}": highlight="${options.highlight}" is not one of its metrics`, {
      location: use.location ?? { file: def.relFile },
      hint: `its metrics: ${bound.rows.map((r) => String(r.id)).join(', ')}`,
    })
  }
  const title = resolveTitle(def, options, edition)
  const description = describeChart(def, title, bound.rows, edition)
  const ariaLabel = title ? translate(edition.strings, 'chart.aria', { title, description }) : description
  // {year}, {title}, {region} …: the report's own values, bound to the strings (src/render/locale.ts)
  const caption = translateFor(edition, 'chart.source')
  const spec = bound.spec
  const subtitle = def.binding.subtitle
    ? translateIn(def, ['huibao', 'subtitle'], edition, def.binding.subtitle)
    : ''
  if (title) {
    const base = spec.title && typeof spec.title === 'object' && !Array.isArray(spec.title) ? spec.title : {}
    // A line break in the locale string starts a new subtitle line.
    spec.title = { ...base, text: title, ...(subtitle ? { subtitle: subtitle.split('\n') } : {}) }
  } else delete spec.title
  // Smaller charts (handouts) get proportionally smaller type, down to 60 % of the slide size.
  const factor = Math.max(0.6, Math.min(1, width / DEFAULT_WIDTH))
  const height =
    options.height ??
    Math.max(
      Math.round(DEFAULT_HEIGHT * factor),
      Math.round((140 + subtitle.split('\n').length * 24 + bound.rows.length * 46) * factor),
    )
  spec.description = description
  spec.width = width
  spec.height = height
  spec.config = mergeConfig(
    scaleConfig(theme.config, factor * typeStep) as Record<string, unknown>,
    (spec.config ?? {}) as Record<string, unknown>,
  )
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

/**
 * The param huibaoText: the type of text marks at this chart's size ({font, fontSize, fontWeight,
 * lineHeight}), for specs that wrap a text mark's text themselves:
 * `huibaoWrap(datum.label, huibaoText, maxWidth, maxWidth, rowHeight)` (see livelihood-projects).
 */
function addTextType(spec: Record<string, unknown>, config: Record<string, unknown>): void {
  const text = (config.text ?? {}) as Record<string, unknown>
  const fontSize = Number(text.fontSize ?? 11)
  const type = {
    font: String(text.font ?? config.font ?? 'sans-serif'),
    fontSize,
    fontWeight: text.fontWeight ?? 400,
    lineHeight: Math.round(fontSize * 1.15 * 10) / 10,
  }
  const params = Array.isArray(spec.params) ? (spec.params as unknown[]) : []
  spec.params = [...params, { name: 'huibaoText', value: type }]
}

/**
 * Long category labels (English ones, mostly) wrap instead of being cut short: every nominal or
 * ordinal y axis draws its labels through huibaoWrap (src/charts/page.ts), which breaks a label that is
 * wider than the axis' labelLimit into balanced lines, as many as the row's height holds, and widens
 * the label column up to LABEL_COLUMN_MAX of the chart's width when the lines would not fit otherwise.
 * Multi-line labels are centred on their row. Axes with a labelExpr of their own are left alone.
 */
export const LABEL_COLUMN_MAX = 0.6

function wrapAxisLabels(node: Record<string, unknown>, config: Record<string, unknown>, width: number): void {
  const encoding = node.encoding as Record<string, unknown> | undefined
  const y = encoding?.y as Record<string, unknown> | undefined
  if (y && (y.type === 'nominal' || y.type === 'ordinal') && y.axis !== null) {
    const axis = (y.axis ?? {}) as Record<string, unknown>
    if (axis.labelExpr === undefined) {
      const base = { ...((config.axis ?? {}) as Record<string, unknown>), ...axis }
      const fontSize = Number(base.labelFontSize ?? 10)
      const lineHeight = Math.round(fontSize * 1.15 * 10) / 10
      const type = {
        font: String(base.labelFont ?? config.font ?? 'sans-serif'),
        fontSize,
        fontWeight: base.labelFontWeight ?? 400,
        lineHeight,
      }
      const pref = Number(base.labelLimit ?? 200)
      const cap = Math.max(pref, Math.round(width * LABEL_COLUMN_MAX))
      const typeExpr = `{font: ${JSON.stringify(type.font)}, fontSize: ${type.fontSize}, fontWeight: ${JSON.stringify(type.fontWeight)}, lineHeight: ${lineHeight}}`
      const lines = `huibaoWrap(datum.label, ${typeExpr}, ${pref}, ${cap}, height / length(domain('y')))`
      y.axis = {
        ...axis,
        labelExpr: lines,
        labelLimit: cap + 2,
        labelLineHeight: lineHeight,
        // Vega puts the first line on the row's middle: move a label of n lines up by (n - 1) / 2 lines.
        labelOffset: {
          condition: { test: 'false', value: 0 },
          expr: `-(length(${lines}) - 1) * ${lineHeight / 2}`,
        },
      }
    }
  }
  for (const k of ['layer', 'hconcat', 'vconcat', 'concat']) {
    if (Array.isArray(node[k])) {
      for (const child of node[k] as Record<string, unknown>[]) wrapAxisLabels(child, config, width)
    }
  }
}

function checkSize(use: ChartUse, name: string, value: number): void {
  if (!Number.isFinite(value) || value < 100 || value > 4000) {
    throw new ChartError(`chart "${use.name}": ${name}=${value} is not a size in px between 100 and 4000`, {
      location: use.location,
    })
  }
}

function translateIn(def: ChartDefinition, path: (string | number)[], edition: Edition, key: string): string {
  try {
    return translateFor(edition, key)
  } catch (cause) {
    throw chartError(def, path, (cause as Error).message, cause)
  }
}

/** Multiplies the theme's type sizes, paddings and label limits by `factor` (areas by its square). */
function scaleConfig(value: unknown, factor: number, key = ''): unknown {
  if (factor === 1) return value
  if (typeof value === 'number') {
    if (/size$/i.test(key) && !/fontsize$/i.test(key)) return Math.round(value * factor * factor)
    if (/(fontsize|padding|offset|limit|^left|^right|^top|^bottom)$/i.test(key))
      return Math.round(value * factor * 10) / 10
    return value
  }
  if (Array.isArray(value)) return value
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, scaleConfig(v, factor, key === 'padding' ? k : k)]),
    )
  }
  return value
}

function resolveTitle(def: ChartDefinition, options: ChartOptions, edition: Edition): string {
  if (options.title !== undefined) return options.title
  if (def.binding.title) return translateIn(def, ['huibao', 'title'], edition, def.binding.title)
  const t = def.spec.title
  if (typeof t === 'string') return t
  if (t && typeof t === 'object' && typeof (t as { text?: unknown }).text === 'string')
    return (t as { text: string }).text
  return ''
}

function mergeConfig(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base }
  for (const [k, v] of Object.entries(over)) {
    const b = out[k]
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b)
        ? mergeConfig(b as Record<string, unknown>, v as Record<string, unknown>)
        : v
  }
  return out
}

const EMPHASIS_MARKS = new Set(['bar', 'point', 'circle', 'square', 'tick', 'rect', 'arc', 'area', 'line'])

/** With a highlight, every non-text mark without its own opacity draws the other rows fainter. */
function emphasise(node: Record<string, unknown>): void {
  const mark = typeof node.mark === 'string' ? node.mark : (node.mark as { type?: string } | undefined)?.type
  if (mark && EMPHASIS_MARKS.has(mark)) {
    const encoding = (node.encoding ?? {}) as Record<string, unknown>
    if (encoding.opacity === undefined) {
      encoding.opacity = { condition: { test: 'datum.highlighted', value: 1 }, value: 0.35 }
      node.encoding = encoding
    }
  }
  for (const k of ['layer', 'hconcat', 'vconcat', 'concat']) {
    if (Array.isArray(node[k])) for (const child of node[k] as Record<string, unknown>[]) emphasise(child)
  }
}

/** Schema check, then Vega-Lite's compiler (Vega-Lite warnings go to the logger). */
async function compileSpec(p: Prepared, ctx: BuildContext): Promise<unknown> {
  const problem = await schemaProblem(p.spec, ctx.projectRoot)
  if (problem) throw chartError(p.def, problem.path, problem.message)
  const warnings: string[] = []
  const logger = {
    level: () => logger,
    error: (...args: unknown[]) => warnings.push(args.map(String).join(' ')),
    warn: (...args: unknown[]) => warnings.push(args.map(String).join(' ')),
    info: () => logger,
    debug: () => logger,
  } as unknown as LoggerInterface
  try {
    // Imported on a cache miss only: a build whose charts are all cached never loads Vega-Lite.
    const { compile } = await import('vega-lite')
    const { spec } = compile(p.spec as unknown as Parameters<typeof compile>[0], { logger })
    for (const w of warnings) ctx.logger.warn(`chart ${p.def.relFile}: ${w}`)
    return spec
  } catch (cause) {
    throw chartError(p.def, [], `Vega-Lite cannot compile it: ${(cause as Error).message}`, cause)
  }
}

/** Every character the chart may draw, so that the page loads those glyphs before measuring. */
function pageText(p: Prepared): string {
  return [...new Set(JSON.stringify(p.spec))].join('')
}
