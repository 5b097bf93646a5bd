// What a chart slide of the native PowerPoint shows: the same metrics the deck's chart binds
// (src/charts/bind.ts), split the honest way. Bars share an axis only when they measure the same
// thing: the same unit, scale and kind (growth rates with growth rates, 家 with 家). Each such group
// of two or more becomes a native chart of its own, with its own axis; a figure with nothing to
// compare it with is listed as a number, never drawn as a bar beside a bar of another unit.
import { bindChart, type MetricRow } from '../../charts/bind.js'
import { loadDefinition } from '../../charts/definition.js'
import type { RenderedChart } from '../../charts/index.js'
import type { Edition } from '../../context.js'

export interface ChartGroupRow {
  label: string
  /** where the bar ends: the upper end of a range, else the value */
  value: number
  /** the figure as the report states it: 7.5%以上 */
  display: string
}

/** One native chart: rows of the same unit, scale and kind. */
export interface ChartGroup {
  /** scale + unit for the axis: 亿元, %, 家 */
  unit: string
  rows: ChartGroupRow[]
}

export interface ChartPlan {
  name: string
  title: string
  /** source note under the chart */
  caption: string
  /** native charts, each on its own axis */
  groups: ChartGroup[]
  /** figures listed as a table: label and figure as stated */
  singles: { label: string; display: string }[]
  /** a chart drawn as a list, or from a data file: its rows as a table (columns: a header, if any) */
  table?: { columns: string[]; rows: string[][] }
}

/** Native charts side by side on one slide; further groups are listed in the table. */
export const MAX_GROUPS = 3

function groupRows(rows: MetricRow[]): Pick<ChartPlan, 'groups' | 'singles'> {
  const byKey = new Map<string, MetricRow[]>()
  for (const r of rows) {
    const key = `${r.unit}\u0000${r.scale}\u0000${r.kind}`
    byKey.set(key, [...(byKey.get(key) ?? []), r])
  }
  const groups: ChartGroup[] = []
  const singles: ChartPlan['singles'] = []
  for (const list of byKey.values()) {
    if (list.length >= 2 && groups.length < MAX_GROUPS) {
      groups.push({
        unit: list[0]?.unitLabel ?? '',
        rows: list.map((r) => ({ label: r.label, value: r.high, display: r.display })),
      })
    } else {
      for (const r of list) singles.push({ label: r.label, display: r.display })
    }
  }
  return { groups, singles }
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return ''
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/**
 * The chart named `name` as the deck draws it for this edition, split for native charts. `drawn` is
 * the deck's rendered chart (title and source note); undefined when the deck did not draw it.
 */
export async function planChart(
  name: string,
  edition: Edition,
  projectRoot: string,
  drawn: RenderedChart | undefined,
  section?: string,
): Promise<ChartPlan> {
  const def = await loadDefinition(projectRoot, name, undefined, edition.reportDir)
  const bound = await bindChart(def, edition, projectRoot, undefined, section)
  const base = { name, title: drawn?.title ?? '', caption: drawn?.caption ?? '' }
  if (bound.metricRows) {
    const rows = bound.rows as MetricRow[]
    // The deck draws this chart as a list (its definition says it is a table, or it lists projects
    // of different kinds, like 民生实事): so does PowerPoint, one row a metric.
    if (def.binding.kind?.endsWith('.table') || def.binding.projects !== undefined) {
      const withProject = rows.some((r) => r.projectTitle !== '')
      return {
        ...base,
        groups: [],
        singles: [],
        table: {
          columns: [],
          rows: rows.map((r) => [...(withProject ? [r.projectTitle] : []), r.label, r.display]),
        },
      }
    }
    return { ...base, ...groupRows(rows) }
  }
  // A data file's rows: shown as they are, a table (which figure goes on which axis is the spec's
  // business, and the spec is Vega-Lite's, not PowerPoint's).
  const columns = [...new Set(bound.rows.flatMap((r) => Object.keys(r)))]
  return {
    ...base,
    groups: [],
    singles: [],
    table: { columns, rows: bound.rows.map((r) => columns.map((c) => cell(r[c]))) },
  }
}
