// One drawing function per slide kind of the deck (templates/deck/partials/*.hbs), laid out after
// the theme's deck.css: the same places and type sizes, drawn as PowerPoint objects.
import { chartArea, table } from './draw-charts.js'
import { accentFrame, type Box, columns, frame, heading, rect, type Slide, text, tile } from './draw-frame.js'
import type { Figure, SlidePlan } from './plan.js'
import type { PptxStyle } from './style.js'

export interface DrawContext {
  style: PptxStyle
  footer: string
  /** the edition's logo as a PNG data URI (image/png;base64,…) with its aspect ratio */
  logo?: { data: string; ratio: number }
}

/** Tiles in a row (up to 4 a row, more in two rows), with a rule above each, as .callouts. */
function tiles(slide: Slide, figures: Figure[], area: Box, s: PptxStyle, look: Parameters<typeof tile>[4]) {
  const perRow = figures.length > 4 ? Math.ceil(figures.length / 2) : figures.length
  const rows = Math.ceil(figures.length / Math.max(1, perRow))
  // as tall as a callout needs (figure line and two label lines), not as tall as the room left
  const rowH = Math.min(150, (area.h - 16 * (rows - 1)) / Math.max(1, rows))
  for (let r = 0; r < rows; r++) {
    const row = figures.slice(r * perRow, (r + 1) * perRow)
    const boxes = columns({ ...area, y: area.y + r * (rowH + 16), h: rowH }, row.length, 24)
    row.forEach((f, i) => {
      const box = boxes[i] as Box
      rect(slide, { ...box, h: 4 }, s.accent)
      tile(slide, f, { ...box, y: box.y + 4, h: box.h - 4 }, s, {
        ...look,
        number: rows > 1 || row.length > 3 ? 48 : (look.number ?? 64),
      })
    })
  }
}

export function drawSlide(slide: Slide, plan: SlidePlan, dc: DrawContext) {
  const s = dc.style
  if (plan.framed) frame(slide, dc.footer, s)
  switch (plan.kind) {
    case 'title': {
      accentFrame(slide, s)
      if (dc.logo) {
        const h = 56
        slide.addImage({
          data: dc.logo.data,
          x: 120 / 96,
          y: 56 / 96,
          h: h / 96,
          w: (h * dc.logo.ratio) / 96,
          altText: plan.edition ?? '',
        })
      } else if (plan.edition) {
        text(
          slide,
          plan.edition,
          { x: 120, y: 56, w: 800, h: 40 },
          { size: 24, color: s.accent2, bold: true },
          s,
        )
      }
      text(
        slide,
        plan.title,
        { x: 120, y: 170, w: 1040, h: 200 },
        {
          size: 76,
          color: s.onAccent,
          bold: true,
          font: s.headingFont,
          valign: 'bottom',
          lineHeight: 1.2,
          shrink: true,
        },
        s,
      )
      rect(slide, { x: 120, y: 392, w: 1040, h: 3 }, s.accent2)
      text(
        slide,
        plan.meeting,
        { x: 120, y: 420, w: 1040, h: 44 },
        { size: 30, color: s.onAccent, bold: true },
        s,
      )
      text(
        slide,
        [plan.byline, plan.date],
        { x: 120, y: 474, w: 1040, h: 80 },
        { size: 24, color: s.onAccent },
        s,
      )
      if (plan.office)
        text(
          slide,
          plan.office,
          { x: 120, y: 580, w: 1040, h: 40 },
          { size: 24, color: s.accent2, bold: true },
          s,
        )
      return
    }
    case 'closing':
      accentFrame(slide, s)
      text(
        slide,
        plan.title,
        { x: 120, y: 200, w: 1040, h: 120 },
        { size: 76, color: s.onAccent, bold: true, align: 'center', valign: 'bottom' },
        s,
      )
      text(
        slide,
        [plan.meeting, plan.office ?? '', plan.date],
        { x: 120, y: 350, w: 1040, h: 150 },
        {
          size: 26,
          color: s.onAccent,
          align: 'center',
          lineHeight: 1.5,
        },
        s,
      )
      return
    case 'section': {
      accentFrame(slide, s)
      frame(slide, dc.footer, { ...s, background: s.accent, muted: s.onAccent, accent: s.accent2 })
      slide.background = { color: s.accent }
      text(
        slide,
        plan.kicker,
        { x: 88, y: 110, w: 1104, h: 36 },
        { size: 24, color: s.accent2, bold: true },
        s,
      )
      text(
        slide,
        plan.title,
        { x: 88, y: 150, w: 1104, h: 100 },
        { size: 56, color: s.onAccent, bold: true, font: s.headingFont, valign: 'middle', shrink: true },
        s,
      )
      text(
        slide,
        plan.lead,
        { x: 88, y: 270, w: 1104, h: 120 },
        { size: 26, color: s.onAccent, lineHeight: 1.6, shrink: true },
        s,
      )
      if (plan.figures.length) {
        tiles(slide, plan.figures, { x: 88, y: 430, w: 1104, h: 170 }, s, {
          figure: s.accent2,
          label: s.onAccent,
          number: 56,
        })
      }
      return
    }
    case 'agenda': {
      let y = heading(slide, '', plan.title, s)
      if (plan.local.length) {
        text(
          slide,
          plan.localLabel,
          { x: 88, y, w: 1104, h: 30 },
          { size: 22, color: s.muted, bold: true },
          s,
        )
        y += 36
        for (const title of plan.local) {
          rect(slide, { x: 88, y, w: 8, h: 44 }, s.accent)
          text(slide, title, { x: 110, y, w: 1080, h: 44 }, { size: 26, color: s.text, valign: 'middle' }, s)
          y += 56
        }
      }
      const rows = Math.max(1, Math.ceil(plan.tasks.length / 2))
      const rowH = Math.min(84, (640 - y) / rows)
      plan.tasks.forEach((task, i) => {
        const col = Math.floor(i / rows)
        const row = i % rows
        const x = 88 + col * (552 + 56)
        const top = y + row * rowH
        const d = Math.min(52, rowH - 12)
        slide.addText(task.number, {
          shape: 'ellipse',
          x: x / 96,
          y: (top + (rowH - d) / 2) / 96,
          w: d / 96,
          h: d / 96,
          fill: { color: s.accent },
          color: s.onAccent,
          bold: true,
          fontFace: s.headingFont,
          fontSize: d * 0.45 * 0.75,
          align: 'center',
          valign: 'middle',
          margin: 0,
        })
        text(
          slide,
          task.title,
          { x: x + d + 20, y: top, w: 552 - d - 20, h: rowH },
          { size: rowH < 70 ? 22 : 26, color: s.text, bold: true, valign: 'middle', shrink: true },
          s,
        )
        rect(slide, { x, y: top + rowH - 1, w: 552, h: 1 }, s.rule)
      })
      return
    }
    case 'targets': {
      const y = heading(slide, '', plan.title, s)
      if (plan.hero) {
        rect(slide, { x: 88, y, w: 460, h: 600 - y }, s.accent)
        tile(slide, plan.hero, { x: 104, y: y + 80, w: 430, h: 300 }, s, {
          figure: s.onAccent,
          label: s.onAccent,
          number: 120,
        })
      }
      if (plan.chart)
        chartArea(slide, plan.chart, { x: plan.hero ? 580 : 88, y, w: plan.hero ? 612 : 1104, h: 620 - y }, s)
      return
    }
    case 'keyword': {
      const y = heading(slide, plan.kicker, plan.title, s)
      if (plan.figures.length) {
        text(
          slide,
          plan.essence,
          { x: 88, y, w: 1104, h: 130 },
          { size: 30, color: s.text, lineHeight: 1.6, shrink: true },
          s,
        )
        tiles(slide, plan.figures, { x: 88, y: y + 150, w: 1104, h: 610 - y - 150 }, s, {
          fill: s.surface,
          figure: s.accent,
          label: s.text,
        })
      } else {
        text(
          slide,
          plan.essence,
          { x: 88, y, w: 1104, h: 110 },
          { size: 30, color: s.text, lineHeight: 1.6, shrink: true },
          s,
        )
        if (plan.points.length) {
          slide.addText(
            plan.points.map((p, i) => ({
              text: p,
              options: { bullet: { indent: 20 }, breakLine: i < plan.points.length - 1 },
            })),
            {
              x: 88 / 96,
              y: (y + 130) / 96,
              w: 1104 / 96,
              h: (610 - y - 130) / 96,
              fontFace: s.bodyFont,
              fontSize: 20,
              color: s.text,
              valign: 'top',
              paraSpaceAfter: 6,
              margin: 0,
              lang: s.lang,
              fit: 'shrink',
            },
          )
        }
      }
      return
    }
    case 'metric-grid': {
      const y = heading(slide, plan.kicker, plan.title, s)
      table(
        slide,
        undefined,
        plan.figures.map((f) => [f.label, `${f.prefix}${f.number}${f.suffix}`]),
        { x: 88, y, w: 1104, h: 610 - y },
        s,
      )
      return
    }
    case 'projects': {
      const y = heading(slide, plan.kicker, plan.title, s)
      table(slide, plan.columns, plan.rows, { x: 88, y, w: 1104, h: 610 - y }, s)
      return
    }
    case 'chart': {
      const y = heading(slide, plan.kicker, plan.title, s)
      if (plan.chart) chartArea(slide, plan.chart, { x: 88, y, w: 1104, h: 640 - y }, s)
      return
    }
    case 'text': {
      const y = heading(slide, '', plan.title, s)
      text(
        slide,
        plan.paragraphs,
        { x: 88, y, w: 1104, h: 610 - y },
        { size: 24, color: s.text, lineHeight: 1.5, shrink: true },
        s,
      )
      return
    }
  }
}
