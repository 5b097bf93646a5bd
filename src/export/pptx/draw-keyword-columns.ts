// A shared keyword slide (templates/deck/partials/keywords.hbs): two or three keywords of one section
// side by side, each under its own heading with its short text, points or figures, laid out after
// the theme's deck.css (section.keywords).
import { tiles } from './draw-accent-slides.js'
import { type Box, columns, type DrawContext, rect, type Slide, text } from './draw-frame.js'
import type { SlidePlan } from './plan.js'

export function drawKeywordColumns(
  slide: Slide,
  plan: Extract<SlidePlan, { kind: 'keywords' }>,
  dc: DrawContext,
) {
  const s = dc.style
  text(slide, plan.kicker, { x: 88, y: 64, w: 1104, h: 30 }, { size: 20, color: s.muted, bold: true }, s)
  const n = plan.parts.length
  const boxes = columns({ x: 88, y: 140, w: 1104, h: 470 }, n, n === 2 ? 56 : 40)
  plan.parts.forEach((part, i) => {
    const box = boxes[i] as Box
    text(
      slide,
      part.title,
      { ...box, h: 52 },
      { size: 36, color: s.accent, bold: true, font: s.headingFont, valign: 'middle', shrink: true },
      s,
    )
    rect(slide, { x: box.x, y: box.y + 60, w: 72, h: 5 }, s.accent2)
    const top = box.y + 84
    const essenceH = part.figures.length || part.points.length ? 110 : box.h - 84
    text(
      slide,
      part.essence,
      { ...box, y: top, h: essenceH },
      { size: n === 2 ? 28 : 24, color: s.text, lineHeight: 1.5, shrink: true },
      s,
    )
    const rest = { ...box, y: top + essenceH + 12, h: box.h - 84 - essenceH - 12 }
    if (part.figures.length) {
      tiles(slide, part.figures, { ...rest, h: Math.min(rest.h, 150) }, s, {
        fill: s.surface,
        figure: s.accent,
        label: s.text,
        number: 48,
      })
    } else if (part.points.length) {
      slide.addText(
        part.points.map((p, j) => ({
          text: p,
          options: { bullet: { indent: 20 }, breakLine: j < part.points.length - 1 },
        })),
        {
          x: rest.x / 96,
          y: rest.y / 96,
          w: rest.w / 96,
          h: rest.h / 96,
          fontFace: s.bodyFont,
          fontSize: 18,
          color: s.text,
          valign: 'top',
          paraSpaceAfter: 6,
          margin: 0,
          lang: s.lang,
          fit: 'shrink',
        },
      )
    }
  })
}
