// Drawing helpers shared by every slide kind of the native PowerPoint: text boxes with one
// paragraph per paragraph, the slide frame (band, footer, slide number), kicker and heading, and
// number tiles as shapes with text. Sizes are the deck.css sizes in CSS px (see style.ts).
import type pptxgen from 'pptxgenjs'
import type { Figure } from './plan.js'
import { type PptxStyle, pt, px, SLIDE_H_PX, SLIDE_W_PX, xmlText } from './style.js'

/** What every slide drawing needs besides its plan: the style, the footer text and the logo. */
export interface DrawContext {
  style: PptxStyle
  footer: string
  /** the edition's logo as a PNG data URI (image/png;base64,…) with its aspect ratio */
  logo?: { data: string; ratio: number }
}

export type Slide = ReturnType<InstanceType<typeof pptxgen.default>['addSlide']>

/** A box in CSS px of the 1280x720 slide. */
export interface Box {
  x: number
  y: number
  w: number
  h: number
}

export interface TextStyle {
  size: number
  color: string
  bold?: boolean
  font?: string
  align?: 'left' | 'center' | 'right'
  valign?: 'top' | 'middle' | 'bottom'
  /** line height as a multiple of the size */
  lineHeight?: number
  /** let the office suite shrink the text when it does not fit the box */
  shrink?: boolean
}

export const inches = (b: Box) => ({ x: px(b.x), y: px(b.y), w: px(b.w), h: px(b.h) })

/** A text box: each string of `paragraphs` is one paragraph (never one box per line). */
export function text(slide: Slide, paragraphs: string | string[], box: Box, style: TextStyle, s: PptxStyle) {
  const list = (Array.isArray(paragraphs) ? paragraphs : [paragraphs]).map(xmlText).filter(Boolean)
  if (list.length === 0) return
  const runs = list.map((p, i) => ({ text: p, options: { breakLine: i < list.length - 1 } }))
  slide.addText(runs, {
    ...inches(box),
    fontFace: style.font ?? s.bodyFont,
    fontSize: pt(style.size),
    color: style.color,
    bold: style.bold ?? false,
    align: style.align ?? 'left',
    valign: style.valign ?? 'top',
    lineSpacingMultiple: style.lineHeight ?? 1.3,
    margin: 0,
    lang: s.lang,
    ...(style.shrink ? { fit: 'shrink' as const } : {}),
  })
}

/** A filled rectangle (bands, rules, tile backgrounds). */
export function rect(slide: Slide, box: Box, color: string, line?: string) {
  slide.addShape('rect', {
    ...inches(box),
    fill: { color },
    line: line ? { color: line, width: 0.75 } : { type: 'none' },
  })
}

/** The frame of a content slide: background, the red and gold band on top, footer and slide number. */
export function frame(slide: Slide, footer: string, s: PptxStyle) {
  slide.background = { color: s.background }
  rect(slide, { x: 0, y: 0, w: SLIDE_W_PX, h: 7 }, s.accent)
  rect(slide, { x: 0, y: 7, w: SLIDE_W_PX, h: 3 }, s.district)
  text(slide, footer, { x: 88, y: 662, w: 992, h: 28 }, { size: 16, color: s.muted, valign: 'bottom' }, s)
  slide.slideNumber = {
    ...inches({ x: 1080, y: 660, w: 112, h: 32 }),
    fontFace: s.bodyFont,
    fontSize: pt(18),
    color: s.accent,
    bold: true,
    align: 'right',
    valign: 'bottom',
    margin: 0,
  }
}

/** The full-bleed accent background of the cover, section and closing slides. */
export function accentFrame(slide: Slide, s: PptxStyle) {
  slide.background = { color: s.accent }
  rect(slide, { x: 0, y: SLIDE_H_PX - 14, w: SLIDE_W_PX, h: 4 }, s.accent2)
  rect(slide, { x: 0, y: SLIDE_H_PX - 6, w: SLIDE_W_PX, h: 6 }, s.accent2)
}

/** Kicker line (第一项 · 打造科技创新中心) and heading with its gold rule; returns the y below them. */
export function heading(slide: Slide, kicker: string, title: string, s: PptxStyle, top = 64): number {
  let y = top
  if (kicker) {
    text(slide, kicker, { x: 88, y, w: 1104, h: 30 }, { size: 20, color: s.muted, bold: true }, s)
    y += 44
  }
  text(
    slide,
    title,
    { x: 88, y, w: 1104, h: 64 },
    { size: 48, color: s.accent, bold: true, font: s.headingFont, valign: 'middle', shrink: true },
    s,
  )
  y += 72
  rect(slide, { x: 88, y, w: 72, h: 5 }, s.accent2)
  return y + 32
}

/**
 * A number tile: the figure (prefix small, number large, unit small) over its label, as one shape
 * with two paragraphs, so that it moves and edits as one piece.
 */
export function tile(
  slide: Slide,
  f: Figure,
  box: Box,
  s: PptxStyle,
  look: { fill?: string; figure: string; label: string; number?: number },
) {
  const big = look.number ?? 64
  const small = Math.round(big * 0.44)
  const run = (t: string, size: number, color: string, breakLine = false) => ({
    text: xmlText(t),
    options: { fontSize: pt(size), color, bold: true, breakLine },
  })
  const figure = [
    ...(f.prefix ? [run(f.prefix, small, look.figure)] : []),
    run(f.number, big, look.figure),
    run(f.suffix || ' ', small, look.figure, true),
  ]
  const label = { text: xmlText(f.label), options: { fontSize: pt(22), color: look.label, bold: false } }
  slide.addText([...figure, label], {
    ...inches(box),
    shape: 'rect',
    fill: look.fill ? { color: look.fill } : { type: 'none' },
    line: { type: 'none' },
    fontFace: s.headingFont,
    valign: 'top',
    margin: [px(12) * 72, px(16) * 72, px(12) * 72, px(16) * 72],
    lineSpacingMultiple: 1.15,
    lang: s.lang,
    fit: 'shrink',
  })
}

/** n boxes side by side in `area`, `gap` px apart. */
export function columns(area: Box, n: number, gap: number): Box[] {
  const w = (area.w - gap * (n - 1)) / Math.max(1, n)
  return Array.from({ length: n }, (_, i) => ({ x: area.x + i * (w + gap), y: area.y, w, h: area.h }))
}
