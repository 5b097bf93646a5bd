// One drawing function per slide kind of the deck (templates/deck/partials/*.hbs), laid out after
// the theme's deck.css: the same places and type sizes, drawn as PowerPoint objects.
import { drawClosing, drawSection, drawTitle, tiles } from './draw-accent-slides.js'
import { chartArea, table } from './draw-charts.js'
import { type DrawContext, frame, heading, rect, type Slide, text, tile } from './draw-frame.js'
import { drawKeywordColumns } from './draw-keyword-columns.js'
import type { SlidePlan } from './plan.js'

export function drawSlide(slide: Slide, plan: SlidePlan, dc: DrawContext) {
  const s = dc.style
  if (plan.framed) frame(slide, dc.footer, s)
  switch (plan.kind) {
    case 'title':
      return drawTitle(slide, plan, dc)
    case 'closing':
      return drawClosing(slide, plan, dc.style)
    case 'section':
      return drawSection(slide, plan, dc)
    case 'agenda': {
      // as the deck: the edition's own sections first, under their label, then the report's tasks
      let top = 64
      if (plan.local.length) {
        text(
          slide,
          plan.localLabel,
          { x: 88, y: top, w: 1104, h: 30 },
          { size: 22, color: s.muted, bold: true },
          s,
        )
        top += 36
        for (const title of plan.local) {
          rect(slide, { x: 88, y: top, w: 8, h: 44 }, s.accent)
          text(
            slide,
            title,
            { x: 110, y: top, w: 1080, h: 44 },
            { size: 26, color: s.text, valign: 'middle' },
            s,
          )
          top += 60
        }
      }
      const y = heading(slide, '', plan.title, s, top)
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
          number: plan.hero.prefix.length + plan.hero.suffix.length > 4 ? 84 : 120,
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
    case 'keywords':
      return drawKeywordColumns(slide, plan, dc)
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
