// Native PowerPoint charts and tables. A chart's data sheet (the embedded workbook PowerPoint, WPS
// and LibreOffice open with "Edit data") holds the metrics as the report states them; every chart
// is a horizontal bar chart of one unit (see chart-data.ts for the honest split), with value labels
// and without a value axis, like the deck's charts. Figures without a like to compare them with,
// and the livelihood projects, are PowerPoint tables.
import type { ChartPlan } from './chart-data.js'
import { type Box, columns, inches, type Slide, text } from './draw-frame.js'
import { type PptxStyle, pt, xmlText } from './style.js'

/** An Excel number format that shows the unit after the value: 1500家, 7.5%. */
function unitFormat(unit: string): string {
  if (!unit) return 'General'
  return `General"${unit.replace(/"/g, '')}"`
}

/** One native bar chart of a group of same-unit metrics. */
function barChart(slide: Slide, group: ChartPlan['groups'][number], box: Box, s: PptxStyle, title: string) {
  const rows = group.rows
  slide.addChart(
    'bar',
    [
      {
        name: xmlText(title || group.unit),
        labels: rows.map((r) => xmlText(r.label)),
        values: rows.map((r) => r.value),
      },
    ],
    {
      ...inches(box),
      barDir: 'bar',
      // first metric on top, as in the deck
      catAxisOrientation: 'maxMin' as 'minMax', // written as given; the types list only minMax
      chartColors: [s.accent],
      // bars about as thick as the deck's (62 % of a band), however few rows there are
      barGapWidthPct: rows.length <= 2 ? 220 : rows.length <= 4 ? 120 : 60,
      showValue: true,
      dataLabelFormatCode: unitFormat(group.unit),
      dataLabelColor: s.text,
      dataLabelFontFace: s.bodyFont,
      dataLabelFontSize: pt(18),
      dataLabelFontBold: true,
      dataLabelPosition: 'outEnd',
      catAxisLabelFontFace: s.bodyFont,
      catAxisLabelFontSize: pt(rows.length > 6 ? 15 : 18),
      catAxisLabelColor: s.text,
      catAxisLineShow: false,
      valAxisHidden: true,
      valAxisMinVal: 0,
      valGridLine: { style: 'none' },
      showLegend: false,
      showTitle: group.unit !== '',
      title: xmlText(group.unit),
      titleFontFace: s.bodyFont,
      titleFontSize: pt(16),
      titleColor: s.muted,
      lang: s.lang === 'en' ? 'en-US' : 'zh-CN',
    },
  )
}

/** A PowerPoint table: a header row in the accent colour, then the rows; a cell may hold paragraphs. */
export function table(
  slide: Slide,
  header: string[] | undefined,
  rows: (string | string[])[][],
  box: Box,
  s: PptxStyle,
) {
  const cell = (value: string | string[], options: Record<string, unknown>) => {
    const list = (Array.isArray(value) ? value : [value]).map(xmlText)
    return {
      text: list.map((t, i) => ({ text: t, options: { breakLine: i < list.length - 1 } })),
      options,
    }
  }
  const size = rows.length > 10 ? 15 : rows.length > 7 ? 17 : 20
  const head = (header ?? []).map((h) =>
    cell(h, { bold: true, color: s.onAccent, fill: { color: s.accent } }),
  )
  const body = rows.map((r, i) =>
    r.map((v, j) =>
      cell(v, {
        bold: j === 0,
        color: j === 0 ? s.text : s.accent,
        fill: { color: i % 2 === 0 ? s.surface : s.background },
      }),
    ),
  )
  const n = Math.max(header?.length ?? 0, ...rows.map((r) => r.length))
  // a label column and a figure column; with three, a short name first (a project: 就业, 住房)
  const widths = n === 2 ? [0.6, 0.4] : n === 3 ? [0.16, 0.56, 0.28] : Array.from({ length: n }, () => 1 / n)
  const at = inches(box)
  slide.addTable([...(head.length ? [head] : []), ...body] as Parameters<Slide['addTable']>[0], {
    x: at.x,
    y: at.y,
    w: at.w,
    colW: widths.map((f) => f * at.w),
    fontFace: s.bodyFont,
    fontSize: pt(size),
    valign: 'middle',
    border: { type: 'solid', pt: 0.75, color: s.rule },
    margin: 4,
    autoPage: false,
  })
}

/**
 * The chart of a slide in `area`: the same-unit groups as native charts side by side, figures
 * that stand alone in a table beside them (or below, when there is no chart), the source note
 * underneath.
 */
export function chartArea(slide: Slide, plan: ChartPlan, area: Box, s: PptxStyle) {
  const body: Box = { ...area, h: area.h - 30 }
  if (plan.table) {
    table(
      slide,
      plan.table.columns.length ? plan.table.columns : undefined,
      plan.table.rows.slice(0, 14),
      body,
      s,
    )
  } else {
    const singles = plan.singles.map((r) => [r.label, r.display])
    const chartsBox: Box = plan.groups.length && singles.length ? { ...body, w: body.w * 0.64 } : body
    columns(chartsBox, plan.groups.length, 24).forEach((box, i) => {
      const group = plan.groups[i]
      if (group) barChart(slide, group, box, s, plan.title)
    })
    if (singles.length) {
      const tableBox: Box = plan.groups.length
        ? { x: body.x + body.w * 0.64 + 24, y: body.y, w: body.w * 0.36 - 24, h: body.h }
        : body
      table(slide, undefined, singles, tableBox, s)
    }
  }
  if (plan.caption) {
    text(
      slide,
      plan.caption,
      { x: area.x, y: area.y + area.h - 26, w: area.w, h: 24 },
      {
        size: 15,
        color: s.muted,
        align: 'right',
      },
      s,
    )
  }
}
