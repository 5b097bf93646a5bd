// The slides on the accent colour (cover, section openers, closing) and the number tiles they share
// with the keyword slides, after the theme's deck.css.
import {
  accentFrame,
  type Box,
  columns,
  type DrawContext,
  frame,
  rect,
  type Slide,
  text,
  tile,
} from './draw-frame.js'
import type { Figure, SlidePlan } from './plan.js'
import type { PptxStyle } from './style.js'

/** Tiles in a row (up to 4 a row, more in two rows), with a rule above each, as .callouts. */
export function tiles(
  slide: Slide,
  figures: Figure[],
  area: Box,
  s: PptxStyle,
  look: Parameters<typeof tile>[4],
) {
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

export function drawTitle(slide: Slide, plan: Extract<SlidePlan, { kind: 'title' }>, dc: DrawContext) {
  const s = dc.style
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
    text(slide, plan.edition, { x: 120, y: 56, w: 800, h: 40 }, { size: 24, color: s.accent2, bold: true }, s)
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
}

export function drawClosing(slide: Slide, plan: Extract<SlidePlan, { kind: 'closing' }>, s: PptxStyle) {
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
}

export function drawSection(slide: Slide, plan: Extract<SlidePlan, { kind: 'section' }>, dc: DrawContext) {
  const s = dc.style
  accentFrame(slide, s)
  frame(slide, dc.footer, { ...s, background: s.accent, muted: s.onAccent, accent: s.accent2 })
  slide.background = { color: s.accent }
  text(slide, plan.kicker, { x: 88, y: 110, w: 1104, h: 36 }, { size: 24, color: s.accent2, bold: true }, s)
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
}
