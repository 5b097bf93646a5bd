// Binds a chart definition to the edition's data. Report metrics become rows with the figure as the
// report states it (`display`); data files inside the project are read now and inlined, so the page
// that draws the chart never loads anything. A number a chart shows always comes from the data: specs
// may not type values in.
import type { Edition } from '../context.js'
import { allMetrics, indexMetrics, type MetricEntry } from '../data/metrics.js'
import { closest } from '../data/validate.js'
import { formatMetric } from '../i18n/figures.js'
import { inlineFiles } from './data-files.js'
import { type ChartDefinition, chartError } from './definition.js'

/** One metric as a chart sees it. */
export interface MetricRow {
  [field: string]: string | number | boolean | null
  id: string
  label: string
  value: number
  /** upper end of a range (3至5个), else null */
  upper: number | null
  /** where a bar ends: upper for a range, value otherwise */
  high: number
  unit: string
  scale: string
  /** scale + unit: 亿元, 万平方米, % */
  unitLabel: string
  /** the figure as the report states it: 7.5%以上 */
  display: string
  comparator: string
  kind: string
  /** section id, or intro/targets for the report's opening blocks */
  section: string
  sectionTitle: string
  keyword: string
  keywordTitle: string
  project: string
  projectTitle: string
  /** high times the scale (240亿 -> 24000000000): amounts comparable across 万 and 亿 */
  amount: number
  /** amount / the largest amount among the chart's rows with the same unit: bar lengths within a unit */
  relative: number
  /** how many rows of the chart share this row's unit (1: nothing to compare it with) */
  unitCount: number
  /** position when rows are grouped by unit (groups in order of first appearance), largest first */
  groupedOrder: number
  /** position in the chart, 0-based */
  order: number
  /** the metric named by the chart's highlight option */
  highlighted: boolean
}

export interface BoundChart {
  /** the Vega-Lite spec with all data inline (no "huibao" key, no URL) */
  spec: Record<string, unknown>
  /** the rows of the chart's main data (metric rows, or the rows of its data file) */
  rows: Record<string, unknown>[]
  /** true when rows are metric rows */
  metricRows: boolean
}

export async function bindChart(
  def: ChartDefinition,
  edition: Edition,
  projectRoot: string,
  highlight?: string,
  section?: string,
): Promise<BoundChart> {
  const spec = structuredClone(def.spec)
  delete spec.$schema
  const walked = await inlineFiles(def, spec, [], projectRoot)
  const b = def.binding
  const bound = b.metrics ?? b.select ?? b.projects
  if (bound === undefined) {
    if (!walked.topRows) {
      throw chartError(
        def,
        ['huibao'],
        'the chart has no data: bind report metrics with "huibao" or name a data file in data.url',
      )
    }
    return { spec, rows: walked.topRows, metricRows: false }
  }
  if (spec.data !== undefined) {
    throw chartError(def, ['data'], 'the chart binds report data through "huibao"; remove "data"')
  }
  const entries = selectEntries(def, edition, section)
  if (entries.length === 0) throw chartError(def, ['huibao'], 'selects no metrics of this report')
  const rows = entries.map((e, i) => metricRow(e, i, edition.locale))
  // Bars compare amounts of the same unit only (万亩 with 亩, never 个 with 家).
  const groups = new Map<string, MetricRow[]>()
  for (const r of rows) groups.set(r.unit, [...(groups.get(r.unit) ?? []), r])
  let position = 0
  for (const group of groups.values()) {
    const max = Math.max(...group.map((r) => Math.abs(r.amount)))
    for (const r of group) {
      r.relative = max === 0 ? 0 : Math.abs(r.amount) / max
      r.unitCount = group.length
    }
    for (const r of [...group].sort((a, b) => b.amount - a.amount || a.order - b.order))
      r.groupedOrder = position++
  }
  if (highlight !== undefined) for (const r of rows) r.highlighted = r.id === highlight
  spec.data = { values: rows }
  return { spec, rows, metricRows: true }
}

/** "{section}" in a selector: the section the chart is placed with ({{chart "key-figures" section=…}}). */
function placed(
  def: ChartDefinition,
  value: string | undefined,
  section: string | undefined,
): string | undefined {
  if (value !== '{section}') return value
  if (section === undefined)
    throw chartError(
      def,
      ['huibao', 'select', 'section'],
      'is "{section}": place the chart with section=<id>',
    )
  return section
}

function selectEntries(def: ChartDefinition, edition: Edition, placedIn?: string): MetricEntry[] {
  const b = def.binding
  if (b.metrics) {
    const index = indexMetrics(edition.report)
    return b.metrics.map((id, i) => {
      const entry = index.get(id)
      if (!entry) {
        const guess = closest(id, index.keys())
        throw chartError(
          def,
          ['huibao', 'metrics', i],
          `dangling reference: no metric has the id "${id}"${guess ? ` (did you mean "${guess}"?)` : ''}`,
        )
      }
      return entry
    })
  }
  const all = allMetrics(edition.report)
  if (b.select) {
    const s = { ...b.select, section: placed(def, b.select.section, placedIn) }
    return all.filter(
      (e) =>
        (s.section === undefined || e.section?.id === s.section || e.block === s.section) &&
        (s.keyword === undefined || e.keyword?.id === s.keyword) &&
        (s.unit === undefined || e.metric.unit === s.unit) &&
        (s.scale === undefined || (e.metric.scale ?? '') === s.scale) &&
        (s.kind === undefined || e.metric.kind === s.kind) &&
        (s.comparator === undefined || e.metric.comparator === s.comparator),
    )
  }
  const [sectionId, keywordId] = (b.projects as string).split('/')
  const section = edition.report.sections.find((s) => s.id === sectionId)
  if (!section) throw chartError(def, ['huibao', 'projects'], `unknown section "${sectionId}"`)
  const keyword = section.keywords.find((k) => k.id === keywordId)
  if (!keyword)
    throw chartError(def, ['huibao', 'projects'], `section "${sectionId}" has no keyword "${keywordId}"`)
  if (!keyword.projects?.length)
    throw chartError(def, ['huibao', 'projects'], `keyword "${keywordId}" has no projects`)
  const perProject = b.perProject ?? Number.POSITIVE_INFINITY
  return all.filter((e) => {
    if (e.keyword !== keyword || !e.project) return false
    return (e.project.metrics ?? []).indexOf(e.metric) < perProject
  })
}

const SCALE = { 千: 1e3, 万: 1e4, 亿: 1e8, 万亿: 1e12 } as const

function metricRow(entry: MetricEntry, order: number, locale: Edition['locale']): MetricRow {
  const { metric: m, section, keyword, project, block } = entry
  return {
    id: m.id,
    label: m.label,
    value: m.value,
    upper: m.upper ?? null,
    high: m.upper ?? m.value,
    unit: m.unit,
    scale: m.scale ?? '',
    unitLabel: `${m.scale ?? ''}${m.unit}`,
    display: formatMetric(m, locale),
    comparator: m.comparator,
    kind: m.kind,
    section: section?.id ?? block ?? '',
    sectionTitle: section?.title ?? '',
    keyword: keyword?.id ?? '',
    keywordTitle: keyword?.title ?? '',
    project: project?.id ?? '',
    projectTitle: project?.title ?? '',
    amount: Number(((m.upper ?? m.value) * (m.scale ? SCALE[m.scale] : 1)).toPrecision(12)),
    relative: 1,
    unitCount: 1,
    groupedOrder: order,
    order,
    highlighted: false,
  }
}
