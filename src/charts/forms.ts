// Chart forms huibao draws itself from a chart's metric rows ("huibao": {"form": …}), so that a chart
// tells the truth whatever the report holds:
//
// - bars: figures of one kind and one unit on one axis that starts at zero, one panel per such group,
//   each panel headed by its kind and unit. A range (3至5个) is an interval; 以上/不少于 end in an
//   arrow (an open end); 以内 carries a ceiling tick; 左右 is a paler, dashed bar. Every bar is labelled
//   with the figure as the report states it (value, unit, comparator), so no legend is needed: colour
//   means nothing here.
// - scorecard: a table of indicator and target, for figures with nothing of their kind and unit to be
//   compared with.
// - auto: bars for every group of two or more, a scorecard for the rest.
//
// Rows that do not fit the height are left out, and the subtitle says how many.
import type { Edition } from '../context.js'
import { translate } from '../render/locale.js'
import type { MetricRow } from './bind.js'
import type { ChartForm } from './definition.js'

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

/** A width estimate in px for a label column and value room (the page measures the real text). */
function textWidth(text: string, fontSize: number): number {
  let em = 0
  for (const ch of text) em += /[\u2E80-\u9FFF\uFF00-\uFFEF\u3000-\u303F]/.test(ch) ? 1 : 0.62
  return em * fontSize
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
  for (const [group, members] of groups) {
    const bars = form === 'bars' || (form === 'auto' && members.length > 1)
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
  const longest = Math.max(...input.map((r) => textWidth(r.label, labelSize)))
  const labelCol = Math.round(
    Math.min(innerW * (layout.width < 700 ? 0.5 : 0.45), Math.max(innerW * 0.28, longest + labelPad + 4)),
  )
  const plotW = innerW - labelCol
  // A row is as tall as its label's lines (a little slack for where the lines break).
  const linesOf = (r: MetricRow) => Math.ceil((textWidth(r.label, labelSize) * 1.08) / (labelCol - labelPad))
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
    r.groupTitle = s(`chart.group.${r.kind}`, { unit: r.unitLabel })
  }
  const yAxis = {
    title: null,
    labelLimit: labelCol - labelPad,
    minExtent: labelCol,
    maxExtent: labelCol,
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
    const header = s(`chart.group.${first.kind}`, { unit: first.unitLabel })
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

/** The heading of a panel: its kind and unit. */
function panelTitle(text: string, fontSize: number): Json {
  return {
    text,
    anchor: 'start',
    frame: 'bounds',
    fontSize: Math.round(fontSize * 0.85),
    fontWeight: 700,
    offset: 6,
  }
}

function scorecard(yAxis: Json, plotW: number, height: Json): Json {
  return {
    transform: [{ filter: 'datum.scorecard' }],
    width: plotW,
    height,
    encoding: {
      y: {
        field: 'label',
        type: 'nominal',
        sort: { field: 'order', op: 'min' },
        axis: { ...yAxis, grid: true, tickBand: 'extent', labelFontWeight: 400 },
      },
    },
    layer: [
      {
        // every row's mark: the figure as the report states it (value, unit and comparator)
        mark: { type: 'text', align: 'left', baseline: 'middle', style: 'figure' },
        encoding: { x: { value: 0 }, text: { field: 'display' } },
      },
    ],
  }
}

function barPanel(
  rows: MetricRow[],
  yAxis: Json,
  plotW: number,
  height: Json,
  filter: Json,
  fontSize: number,
  header: string,
  accent: string,
  ink: string,
): Json {
  // Room to the right of the longest bar for its label and an arrow: the axis runs past the data.
  const arrowPx = Math.round(fontSize * 1.4)
  const labelPx = Math.max(...rows.map((r) => textWidth(r.display, fontSize))) + 12
  const maxHigh = Math.max(...rows.map((r) => r.high), 0) || 1
  const usable = Math.max(plotW * 0.3, plotW - labelPx - arrowPx)
  const perUnit = usable / maxHigh
  const domainMax = plotW / perUnit
  const arrow = Number((arrowPx / perUnit).toPrecision(6))
  const x = (field: string) => ({
    field,
    type: 'quantitative',
    scale: { domain: [0, Number(domainMax.toPrecision(8))], nice: false, zero: true },
    axis: null,
  })
  const open = "datum.comparator === 'at-least' || datum.comparator === 'not-less-than'"
  return {
    transform: [filter, { calculate: `${open} ? datum.high + ${arrow} : datum.high`, as: 'labelAt' }],
    width: plotW,
    height,
    title: panelTitle(header, fontSize),
    encoding: {
      y: {
        field: 'label',
        type: 'nominal',
        sort: { field: 'high', op: 'max', order: 'descending' },
        axis: yAxis,
      },
    },
    layer: [
      // the shared zero every bar starts from
      {
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: { x: { datum: 0, type: 'quantitative', axis: null } },
      },
      {
        transform: [{ filter: "datum.comparator !== 'range' && datum.comparator !== 'about'" }],
        mark: { type: 'bar', height: { band: 0.6 } },
        encoding: { x: x('value') },
      },
      {
        // 左右: approximate, a paler bar with a dashed outline
        transform: [{ filter: "datum.comparator === 'about'" }],
        mark: {
          type: 'bar',
          height: { band: 0.6 },
          fillOpacity: 0.35,
          strokeDash: [6, 4],
          strokeWidth: 2,
          stroke: accent,
        },
        encoding: { x: x('value') },
      },
      {
        // 3至5个: the interval from the lower to the upper end
        transform: [{ filter: "datum.comparator === 'range'" }],
        mark: { type: 'bar', height: { band: 0.6 } },
        encoding: { x: x('value'), x2: { field: 'upper' } },
      },
      {
        // 以上 / 不少于: an open end
        transform: [{ filter: open }],
        mark: { type: 'rule', strokeDash: [5, 4], strokeWidth: 3, color: accent },
        encoding: { x: x('high'), x2: { field: 'labelAt' } },
      },
      {
        transform: [{ filter: open }],
        mark: {
          type: 'point',
          shape: 'triangle-right',
          filled: true,
          size: Math.round(fontSize * fontSize * 0.5),
        },
        encoding: { x: x('labelAt') },
      },
      {
        // 以内: a ceiling at the value
        transform: [{ filter: "datum.comparator === 'within'" }],
        mark: { type: 'tick', orient: 'vertical', thickness: 4, bandSize: Math.round(fontSize * 1.3) },
        encoding: { x: x('value'), color: { value: ink } },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 10, fontWeight: 700 },
        encoding: { x: x('labelAt'), text: { field: 'display' } },
      },
    ],
  }
}
