// Chart forms huibao draws itself from a chart's metric rows ("huibao": {"form": …}), so that a chart
// tells the truth whatever the report holds:
//
// - bars: figures of one kind and one unit on one axis that starts at zero, one panel per such group,
//   each panel headed by its kind and unit (its own axis: lengths compare only within a panel). A range (3至5个) is an interval; 以上/不少于 end in an
//   arrow (an open end); 以内 carries a ceiling tick; 左右 is a paler, dashed bar. Every bar is labelled
//   with the figure as the report states it (value, unit, comparator), so no legend is needed: colour
//   means nothing here.
// - scorecard: a table of indicator and target, for figures with nothing of their kind and unit to be
//   compared with.
// - auto: bars for the largest group of two or more figures of one kind and unit (one axis for the
//   whole chart), a scorecard for the rest.
//
// Rows that do not fit the height are left out, and the subtitle says how many.
import type { Edition } from '../context.js'
import type { Metric } from '../data/types.js'
import { formatMetric } from '../i18n/figures.js'
import { translate } from '../i18n/locale.js'
import type { MetricRow } from './bind.js'
import type { ChartForm } from './definition.js'
import { barPanel, panelTitle, scorecard, textWidth } from './form-panels.js'

export interface FormLayout {
  width: number
  height: number
  /** the theme's Vega-Lite config, scaled to this chart's size */
  config: Record<string, unknown>
  /** the chart has a title (and subtitle lines) drawn above it */
  titleLines: number
}

export interface FormResult {
  /** spec keys that replace the definition's body */
  body: Record<string, unknown>
  /** the rows drawn, with group fields added */
  rows: MetricRow[]
  /** how many rows did not fit */
  omitted: number
}

type Json = Record<string, unknown>
const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback)

/** A group's unit in the edition's language: 亿元; in English "RMB", "km", "%", "" for counts. */
function unitText(row: MetricRow, edition: Edition): string {
  if (edition.locale !== 'en') return row.unitLabel
  // English figures carry the scale in the number (58,000 mu): the heading names the unit alone
  const one = { ...row, value: 1, comparator: 'exact', scale: undefined } as unknown as Metric
  return formatMetric(one, 'en')
    .replace(/(^|\s)1(?=\s|%|$)/, '')
    .trim()
}

/** A panel's heading: its kind and unit ("数量（家）", "Amounts (km)"); no empty brackets. */
function groupTitle(row: MetricRow, edition: Edition): string {
  const text = translate(edition.strings, `chart.group.${row.kind}`, { unit: unitText(row, edition) })
  return text.replace(/\s*[（(]\s*[）)]/, '')
}

/** Group key: the kind and the unit with its scale (亿元 and 万元 are different axes). */
export function groupOf(row: Pick<MetricRow, 'kind' | 'unitLabel'>): string {
  return `${row.kind}|${row.unitLabel}`
}

interface Plan {
  panels: { group: string; rows: MetricRow[]; bars: boolean }[]
  step: number
}

function plan(form: ChartForm, rows: MetricRow[], avail: (panels: number) => number): Plan {
  const groups = new Map<string, MetricRow[]>()
  for (const r of rows) groups.set(groupOf(r), [...(groups.get(groupOf(r)) ?? []), r])
  const panels: Plan['panels'] = []
  const singles: MetricRow[] = []
  // auto: one axis per chart, so that no two bars of different units stand side by side at full
  // length: the largest group of two or more (the first of equals) is drawn as bars.
  let largest: string | undefined
  for (const [group, members] of groups)
    if (members.length > 1 && members.length > (groups.get(largest ?? '')?.length ?? 0)) largest = group
  for (const [group, members] of groups) {
    const bars = form === 'bars' || (form === 'auto' && group === largest)
    if (bars) panels.push({ group, rows: members, bars: true })
    else singles.push(...members)
  }
  if (singles.length > 0) panels.push({ group: 'scorecard', rows: singles, bars: false })
  return { panels, step: avail(panels.length) / Math.max(1, rows.length) }
}

export function buildForm(
  form: ChartForm,
  input: MetricRow[],
  layout: FormLayout,
  edition: Edition,
): FormResult {
  const c = layout.config
  const pad = (c.padding ?? {}) as Json
  const text = (c.text ?? {}) as Json
  const axis = (c.axis ?? {}) as Json
  const title = (c.title ?? {}) as Json
  const fontSize = num(text.fontSize, 20)
  const headerSize = num(axis.titleFontSize, fontSize * 0.9)
  const headerH = Math.round(headerSize * 1.3 + 6)
  const spacing = Math.round(fontSize * 0.6)
  const titleH =
    layout.titleLines > 0
      ? num(title.fontSize, 28) * 1.3 +
        num(title.offset, 20) +
        (layout.titleLines - 1) * num(title.subtitleFontSize, 18) * 1.3
      : 0
  const innerH = layout.height - num(pad.top, 16) - num(pad.bottom, 16) - titleH
  const avail = (panels: number) => innerH - panels * headerH - (panels - 1) * spacing
  // The label column: as wide as the longest label, within a quarter and about half of the width.
  const innerW = layout.width - num(pad.left, 16) - num(pad.right, 16)
  const labelSize = num(axis.labelFontSize, fontSize)
  const labelPad = num(axis.labelPadding, 12)
  // widths with a little slack for where the lines break
  const widthOf = (r: MetricRow) => textWidth(r.label, labelSize) * 1.02
  const longest = Math.max(...input.map(widthOf))
  const labelCol = Math.round(Math.min(innerW * 0.5, Math.max(innerW * 0.28, longest + labelPad + 4)))
  const plotW = innerW - labelCol
  // A row is as tall as its label's lines.
  const linesOf = (r: MetricRow) => Math.ceil(widthOf(r) / (labelCol - labelPad))
  const minStep = (set: MetricRow[]) =>
    Math.max(fontSize * 1.45, Math.max(...set.map(linesOf)) * labelSize * 1.15 + labelSize * 0.4)
  // Rows that fit: drop from the end until every row has its line (the note says how many are left out).
  let rows = input.map((r) => ({ ...r }))
  let p = plan(form, rows, avail)
  while (p.step < minStep(rows) && rows.length > 1) {
    rows = rows.slice(0, -1)
    p = plan(form, rows, avail)
  }
  const step = Math.floor(Math.min(p.step, Math.max(fontSize * 2.6, minStep(rows))))
  const s = (key: string, vars?: Record<string, unknown>) => translate(edition.strings, key, vars)
  for (const r of rows) {
    r.group = groupOf(r)
    r.groupTitle = groupTitle(r, edition)
  }
  // Labels wrap (huibaoWrap, in the chart page) to the column's width in as many lines as a row holds,
  // the block of lines centred on its row.
  const lineHeight = Math.round(labelSize * 1.15 * 10) / 10
  const type = `{font: ${JSON.stringify(String(axis.labelFont ?? c.font ?? 'sans-serif'))}, fontSize: ${labelSize}, fontWeight: ${JSON.stringify(axis.labelFontWeight ?? 400)}, lineHeight: ${lineHeight}}`
  const lines = `huibaoWrap(datum.label, ${type}, ${labelCol - labelPad}, ${labelCol - labelPad}, ${step})`
  const yAxis = {
    title: null,
    labelLimit: labelCol - labelPad + 2,
    minExtent: labelCol,
    maxExtent: labelCol,
    labelExpr: lines,
    labelLineHeight: lineHeight,
    labelOffset: {
      condition: { test: 'false', value: 0 },
      expr: `-(length(${lines}) - 1) * ${lineHeight / 2}`,
    },
  }
  const accent = String(((c.bar ?? {}) as Json).color ?? '#b22222')
  const ink = String(text.color ?? '#222222')
  const panels = p.panels.map(({ group, rows: members, bars }) => {
    const height = { step }
    if (!bars) {
      const card = scorecard(yAxis, plotW, height)
      return p.panels.length > 1 ? { ...card, title: panelTitle(s('chart.group.other'), fontSize) } : card
    }
    const first = members[0] as MetricRow
    const header = groupTitle(first, edition)
    const filter = { filter: `datum.group === ${JSON.stringify(group)}` }
    return barPanel(members, yAxis, plotW, height, filter, fontSize, header, accent, ink)
  })
  const scored = new Set(p.panels.find((x) => !x.bars)?.rows.map((r) => r.id))
  for (const r of rows) r.scorecard = scored.has(r.id)
  return {
    body: { vconcat: panels, spacing, autosize: { type: 'pad' } },
    rows,
    omitted: input.length - rows.length,
  }
}
