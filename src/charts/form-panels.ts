// The panels of huibao's chart forms (forms.ts): a bar panel for figures of one kind and one unit on
// one axis from zero, with each comparator drawn as itself, and a scorecard for the rest.
import type { MetricRow } from './bind.js'

type Json = Record<string, unknown>

/** A width estimate in px for a label column and value room (the page measures the real text). */
export function textWidth(text: string, fontSize: number): number {
  let em = 0
  for (const ch of text) em += /[\u2E80-\u9FFF\uFF00-\uFFEF\u3000-\u303F]/.test(ch) ? 1 : 0.46
  return em * fontSize
}

/** The heading of a panel: its kind and unit. */
export function panelTitle(text: string, fontSize: number): Json {
  return {
    text,
    anchor: 'start',
    frame: 'bounds',
    fontSize: Math.round(fontSize * 0.85),
    fontWeight: 700,
    offset: 6,
  }
}

export function scorecard(yAxis: Json, plotW: number, height: Json): Json {
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

export function barPanel(
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
