// Alt text made from the data, in the edition's language: "柱状图：地区生产总值增长7.5%以上，…".
// It becomes the SVG's <title>/<desc>, the aria-label, and RenderedChart.description.
import type { Edition } from '../context.js'
import { translate } from '../i18n/locale.js'
import type { ChartDefinition } from './definition.js'

const MARK_KINDS: Record<string, string> = {
  bar: 'bar',
  rect: 'bar',
  point: 'dot',
  circle: 'dot',
  square: 'dot',
  tick: 'dot',
  line: 'line',
  area: 'line',
  arc: 'pie',
  text: 'table',
}

/** The kind of chart for alt text: the first non-text mark of the spec decides. */
export function chartKind(spec: Record<string, unknown>): string {
  const marks: string[] = []
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return
    const n = node as Record<string, unknown>
    const mark = typeof n.mark === 'string' ? n.mark : (n.mark as { type?: string } | undefined)?.type
    if (mark) marks.push(mark)
    for (const key of ['layer', 'hconcat', 'vconcat', 'concat']) {
      if (Array.isArray(n[key])) for (const child of n[key] as unknown[]) visit(child)
    }
    if (n.spec) visit(n.spec)
  }
  visit(spec)
  const main = marks.find((m) => m !== 'text' && m !== 'rule') ?? marks[0] ?? ''
  return MARK_KINDS[main] ?? 'chart'
}

export function describeChart(
  def: ChartDefinition,
  title: string,
  rows: Record<string, unknown>[],
  edition: Edition,
  drawn: Record<string, unknown> = def.spec,
): string {
  const kindKey = def.binding.kind ?? `chart.kind.${chartKind(drawn)}`
  const kind = translate(edition.strings, kindKey)
  const items = rows
    .filter((r) => typeof r.label === 'string')
    .map((r) => {
      const display = typeof r.display === 'string' ? r.display : r.value === undefined ? '' : String(r.value)
      const prefix =
        typeof r.projectTitle === 'string' && r.projectTitle
          ? `${r.projectTitle}${translate(edition.strings, 'chart.project-separator')}`
          : ''
      return translate(edition.strings, 'chart.item', { label: `${prefix}${r.label}`, display })
    })
  const body = items.length > 0 ? items.join(translate(edition.strings, 'chart.list-separator')) : title
  return translate(edition.strings, 'chart.description', { kind, title, items: body })
}
