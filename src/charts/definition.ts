// Chart definitions: <name>.vl.json (found by src/charts/lookup.ts), plain Vega-Lite plus a top-level
// "huibao" key that says which report data the chart shows. Errors name the chart file, the JSON path
// inside it (and the line, found through the yaml package's positions, since JSON is YAML) and the
// reason.
import { LineCounter, parseDocument } from 'yaml'
import { ChartError, type Problem, type SourceLocation } from '../errors.js'
import { PACKAGE_ROOT } from '../utils/paths.js'
import { safeReadText } from '../utils/safe-read.js'
import { type ChartOrigin, chartCatalog } from './lookup.js'

export type JsonPath = (string | number)[]

export const CHART_FORMS = ['auto', 'scorecard', 'bars'] as const
export type ChartForm = (typeof CHART_FORMS)[number]

/** What the "huibao" key of a chart definition may say. */
export interface Binding {
  /** metric ids, in the order the chart shows them */
  metrics?: string[]
  /** every metric matching all of these, in document order */
  select?: {
    section?: string
    keyword?: string
    unit?: string
    scale?: string
    kind?: string
    comparator?: string
  }
  /** "<section id>/<keyword id>": the metrics of that keyword's livelihood projects */
  projects?: string
  /** with projects: keep only the first n metrics of each project (its headline figures) */
  perProject?: number
  /**
   * the chart's title: a locale key ("chart.title.headline-targets"), text for every language, or
   * text per locale ({"zh-CN": "…", "en": "…"})
   */
  title?: string | Record<string, string>
  /** the chart's body is drawn by huibao from the rows (src/charts/forms.ts) */
  form?: ChartForm
  /** locale key of a subtitle, e.g. "chart.note.per-unit" */
  subtitle?: string
  /** locale key of the chart's kind for alt text, e.g. "chart.kind.bar" (default: from the marks) */
  kind?: string
}

export interface ChartDefinition {
  name: string
  /** absolute path */
  file: string
  /** path relative to the project, for messages */
  relFile: string
  /** which folder it came from: the report's charts/, the project's templates/charts/, huibao's own */
  origin: ChartOrigin
  source: string
  /** the Vega-Lite part (everything but "huibao") */
  spec: Record<string, unknown>
  binding: Binding
  /** JSON path -> "file:line" */
  locate(path: JsonPath): SourceLocation
}

export function formatPath(path: JsonPath): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out ? `.${part}` : part
  }
  return out || '(top level)'
}

/** A ChartError naming the chart file, the JSON path and the reason. */
export function chartError(
  def: Pick<ChartDefinition, 'relFile' | 'locate'>,
  path: JsonPath,
  reason: string,
  cause?: unknown,
): ChartError {
  const where = formatPath(path)
  const problem: Problem = { location: def.locate(path), path: where, message: reason }
  return new ChartError(`chart ${def.relFile}: ${where}: ${reason}`, {
    location: def.locate(path),
    problems: [problem],
    cause,
  })
}

/** Names of the charts a report can use (its own, the project's, the built-in ones), sorted. */
export async function listCharts(projectRoot: string, reportDir?: string): Promise<string[]> {
  return [...(await chartCatalog(projectRoot, reportDir)).keys()].sort()
}

const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/**
 * Reads and parses one chart definition, looked up in the report's charts/, then the project's, then
 * huibao's; `usedAt` (a template location) is named when the chart does not exist.
 */
export async function loadDefinition(
  projectRoot: string,
  name: string,
  usedAt?: SourceLocation,
  reportDir?: string,
): Promise<ChartDefinition> {
  if (!NAME.test(name)) {
    throw new ChartError(`"${name}" is not a chart name (lower-case letters, digits and hyphens)`, {
      location: usedAt,
    })
  }
  const catalog = await chartCatalog(projectRoot, reportDir)
  const found = catalog.get(name)
  if (!found) {
    throw new ChartError(
      `unknown chart "${name}": no ${name}.vl.json in the report's charts/, templates/charts/ or huibao's charts`,
      {
        location: usedAt,
        hint: catalog.size
          ? `charts of this report: ${[...catalog.keys()].join(', ')}`
          : `add ${name}.vl.json to the report's charts/`,
      },
    )
  }
  const { file, relFile, origin } = found
  const source = await safeReadText(file, {
    // huibao's own charts are read from its package folder, which may lie outside the project
    roots: [projectRoot, PACKAGE_ROOT, ...(reportDir ? [reportDir] : [])],
    what: 'chart',
    location: usedAt ?? { file: relFile },
  })
  // Positions are needed only for error messages: parse them lazily.
  const lineCounter = new LineCounter()
  let parsedDoc: ReturnType<typeof parseDocument> | undefined
  const positions = () => {
    parsedDoc ??= parseDocument(source, { lineCounter, uniqueKeys: true })
    return parsedDoc
  }
  const baseLocate = (path: JsonPath): SourceLocation => {
    const doc = positions()
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined
      if (node?.range) {
        const pos = lineCounter.linePos(node.range[0])
        return { file: relFile, line: pos.line, column: pos.col }
      }
    }
    return { file: relFile }
  }
  const def0 = { relFile, locate: baseLocate }
  let parsed: unknown
  try {
    parsed = JSON.parse(source)
  } catch (error) {
    const err = positions().errors[0]
    const pos = err ? lineCounter.linePos(err.pos[0]) : undefined
    throw new ChartError(`chart ${relFile} is not valid JSON: ${(error as Error).message}`, {
      location: { file: relFile, line: pos?.line, column: pos?.col },
      cause: error,
    })
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw chartError(def0, [], 'a chart definition is a JSON object (a Vega-Lite spec)')
  }
  const { huibao, ...spec } = parsed as Record<string, unknown>
  const binding = checkBinding(def0, huibao)
  return { name, file, relFile, origin, source, spec, binding, locate: baseLocate }
}

function checkBinding(def: Pick<ChartDefinition, 'relFile' | 'locate'>, value: unknown): Binding {
  if (value === undefined) return {}
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw chartError(def, ['huibao'], 'must be an object such as {"metrics": ["gdp-growth"]}')
  }
  const b = value as Record<string, unknown>
  const known = ['metrics', 'select', 'projects', 'perProject', 'title', 'subtitle', 'kind', 'form']
  for (const key of Object.keys(b)) {
    if (!known.includes(key))
      throw chartError(def, ['huibao', key], `unknown key; use one of ${known.join(', ')}`)
  }
  const sources = ['metrics', 'select', 'projects'].filter((k) => b[k] !== undefined)
  if (sources.length > 1) {
    throw chartError(
      def,
      ['huibao', sources[1] as string],
      `bind data one way only (found ${sources.join(' and ')})`,
    )
  }
  if (b.metrics !== undefined) {
    if (!Array.isArray(b.metrics) || b.metrics.length === 0)
      throw chartError(def, ['huibao', 'metrics'], 'must be a non-empty list of metric ids')
    b.metrics.forEach((id, i) => {
      if (typeof id !== 'string')
        throw chartError(def, ['huibao', 'metrics', i], 'must be a metric id (a string)')
    })
  }
  if (b.select !== undefined) {
    if (!b.select || typeof b.select !== 'object' || Array.isArray(b.select))
      throw chartError(
        def,
        ['huibao', 'select'],
        'must be an object such as {"section": "urban", "unit": "个"}',
      )
    const keys = ['section', 'keyword', 'unit', 'scale', 'kind', 'comparator']
    for (const [k, v] of Object.entries(b.select)) {
      if (!keys.includes(k))
        throw chartError(def, ['huibao', 'select', k], `unknown key; use one of ${keys.join(', ')}`)
      if (typeof v !== 'string') throw chartError(def, ['huibao', 'select', k], 'must be a string')
    }
  }
  if (b.projects !== undefined && (typeof b.projects !== 'string' || !/^[^/]+\/[^/]+$/.test(b.projects))) {
    throw chartError(def, ['huibao', 'projects'], 'must be "<section id>/<keyword id>"')
  }
  if (b.perProject !== undefined && !(Number.isInteger(b.perProject) && (b.perProject as number) > 0)) {
    throw chartError(def, ['huibao', 'perProject'], 'must be a positive whole number')
  }
  if (b.form !== undefined && !CHART_FORMS.includes(b.form as ChartForm))
    throw chartError(def, ['huibao', 'form'], `must be one of ${CHART_FORMS.join(', ')}`)
  const title = b.title
  if (title && typeof title === 'object' && !Array.isArray(title)) {
    for (const [k, v] of Object.entries(title))
      if (typeof v !== 'string') throw chartError(def, ['huibao', 'title', k], 'must be text')
  } else if (title !== undefined && typeof title !== 'string')
    throw chartError(def, ['huibao', 'title'], 'must be a locale key, text, or text per locale')
  for (const key of ['subtitle', 'kind'] as const) {
    if (b[key] !== undefined && typeof b[key] !== 'string')
      throw chartError(def, ['huibao', key], 'must be a locale key (a string)')
  }
  return b as Binding
}
