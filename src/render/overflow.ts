// Overflow check: every slide is measured in Chromium with the bundled fonts at 1280x720, and any
// content that does not fit its slide fails the build with the slide number, section, keyword and
// template partial. The templates avoid overflow in the first place (short forms on slides, long
// lists split into continuation slides); this check catches what they cannot foresee, such as a
// 400-character keyword title.

import type { Page } from 'puppeteer-core'
import type { BuildContext } from '../context.js'
import { OverflowError, type Problem } from '../errors.js'
import { embeddedFontCss, fontFaceCss } from '../fonts/faces.js'
import { fontsFirst } from '../fonts/fonts-first.js'
import { escapeHtml } from '../html/escape.js'
import { htmlText, wideSpaces } from '../html/text.js'

/** Slide size in CSS pixels (16:9). */
export const SLIDE_WIDTH = 1280
export const SLIDE_HEIGHT = 720

/** What the check found on one slide. */
export interface SlideOverflow {
  /** 1-based slide number */
  slide: number
  /** how far content reaches beyond the slide's edges, in CSS px */
  overflowX: number
  overflowY: number
  /** short description of the element that overflows most */
  element: string
}

/** The deck as a printable document: Marp HTML + CSS, fonts and print rules. */
export interface DeckLike {
  html: string
  css: string
  lang: string
  title: string
  slides: {
    index: number
    title: string
    sectionTitle?: string
    keywordTitle?: string
    partial: string
  }[]
}

/**
 * Every character the slides can show: their text (charts' SVG text included), the title, and the
 * characters CSS may draw on its own (page numbers, list bullets, punctuation).
 */
export function deckGlyphs(deck: DeckLike): string {
  return `${htmlText(deck.html)}${wideSpaces(deck.html)}${deck.title}${CSS_GLYPHS}`
}

const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('')
const CSS_GLYPHS = `${ASCII}•◦▪■□●○◆◇–—…·、，。：；！？“”‘’（）《》【】×÷%`

/**
 * A complete HTML document of the slides, one 1280x720 page per slide when printed. `fonts` are
 * @font-face rules: by default the served fonts (fontFaceCss), so load it through BrowserSession.load.
 * Given fonts (subsets), the slides are laid out only once they are loaded (src/fonts/fonts-first.ts).
 */
export async function deckDocument(
  deck: DeckLike,
  options: { extraCss?: string; fonts?: string } = {},
): Promise<string> {
  const first = options.fonts !== undefined
  const fonts = options.fonts ?? (await fontFaceCss())
  const html = `<!doctype html>
<html lang="${escapeHtml(deck.lang)}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(deck.title)}</title>
<style>${fonts}</style>
<style>${deck.css}</style>
<style>
@page { size: ${SLIDE_WIDTH}px ${SLIDE_HEIGHT}px; margin: 0; }
html, body { margin: 0; padding: 0; background: #fff; }
div.marpit > section { break-after: page; break-inside: avoid; overflow: hidden; }
div.marpit > section:last-child { break-after: auto; }
${options.extraCss ?? ''}
</style>
</head>
<body>${deck.html}</body>
</html>`
  return first ? fontsFirst(html) : html
}

/** Measures every <section> of the loaded deck page. */
export async function measureSlides(page: Page): Promise<SlideOverflow[]> {
  return page.evaluate(() => {
    const tolerance = 1
    const found: {
      slide: number
      overflowX: number
      overflowY: number
      element: string
    }[] = []
    const sections = [...document.querySelectorAll<HTMLElement>('div.marpit > section')]
    sections.forEach((section, i) => {
      const box = section.getBoundingClientRect()
      const style = getComputedStyle(section)
      // content must stay inside the padding box minus the bottom padding (footer, page number)
      // content must stay inside the padding box (a little slack for glyph overhang), except at the
      // bottom, where the padding holds the footer and page number
      const slack = 8
      const inner = {
        left: box.left + Number.parseFloat(style.paddingLeft) - slack,
        right: box.right - Number.parseFloat(style.paddingRight) + slack,
        top: box.top,
        bottom: box.bottom - Math.max(0, Number.parseFloat(style.paddingBottom) - 24),
      }
      let worstX = 0
      let worstY = 0
      let worst = ''
      const scrollY = section.scrollHeight - section.clientHeight
      const scrollX = section.scrollWidth - section.clientWidth
      if (scrollY > tolerance || scrollX > tolerance) {
        worstX = Math.max(0, scrollX)
        worstY = Math.max(0, scrollY)
        worst = 'section content (scrollHeight > clientHeight)'
      }
      for (const el of section.querySelectorAll<Element>('*')) {
        if (el.tagName === 'FOOTER' || el.tagName === 'HEADER') continue
        const r = el.getBoundingClientRect()
        if (r.width === 0 && r.height === 0) continue
        // (no helper functions in here: tsx would wrap them in a __name() the page does not have)
        const cls = el.getAttribute('class')
        const text = (el.textContent ?? '').trim().slice(0, 24)
        const name = `<${el.tagName.toLowerCase()}${cls ? ` class="${cls}"` : ''}> "${text}${text.length >= 24 ? '…' : ''}"`
        const dx = Math.max(inner.left - r.left, r.right - inner.right, 0)
        const dy = Math.max(inner.top - r.top, r.bottom - inner.bottom, 0)
        if (dx > worstX || dy > worstY) {
          worstX = Math.max(worstX, dx)
          worstY = Math.max(worstY, dy)
          worst = name
        }
        // a box whose content sticks out of it (a figure wider than its card), or that clips it
        if (!(el instanceof HTMLElement) || el.clientWidth === 0) continue
        const wider = el.scrollWidth - el.clientWidth
        if (wider > tolerance && wider > worstX) {
          worstX = wider
          worst = `${name} is too narrow for its content`
        }
        const taller = el.scrollHeight - el.clientHeight
        if (taller > tolerance && taller > worstY && getComputedStyle(el).overflowY !== 'visible') {
          worstY = taller
          worst = `${name} clips its content`
        }
      }
      if (worstX > tolerance || worstY > tolerance) {
        found.push({
          slide: i + 1,
          overflowX: Math.round(worstX),
          overflowY: Math.round(worstY),
          element: worst,
        })
      }
    })
    return found
  })
}

/** Turns measurements into an OverflowError naming slide, section, keyword and partial. */
export function overflowError(deck: DeckLike, found: SlideOverflow[]): OverflowError {
  const problems: Problem[] = found.map((o) => {
    const meta = deck.slides[o.slide - 1]
    const where = [
      `slide ${o.slide}`,
      meta?.sectionTitle ? `section "${meta.sectionTitle}"` : undefined,
      meta?.keywordTitle ? `keyword "${meta.keywordTitle}"` : undefined,
      meta ? `partial templates/deck/partials/${meta.partial}.hbs` : undefined,
    ]
      .filter(Boolean)
      .join(', ')
    const by = [
      o.overflowY ? `${o.overflowY}px too tall` : '',
      o.overflowX ? `${o.overflowX}px too wide` : '',
    ]
      .filter(Boolean)
      .join(' and ')
    return {
      location: meta ? { file: `templates/deck/partials/${meta.partial}.hbs` } : undefined,
      message: `${where}: content overflows the slide (${by}) at ${o.element}`,
    }
  })
  const first = problems[0]?.message ?? ''
  return new OverflowError(
    found.length === 1
      ? `1 slide overflows: ${first}`
      : `${found.length} slides overflow; the first: ${first}`,
    {
      problems,
      hint: 'shorten the text in report.yaml (slides show short forms; the full text belongs in the paragraphs), or split it',
    },
  )
}

/**
 * Shows the deck in `page` (from session.withPage) at 1280x720 with the bundled fonts and waits
 * until fonts and images are ready. `deviceScaleFactor` sets the pixel density of screenshots.
 */
export async function loadDeckPage(
  page: Page,
  deck: DeckLike,
  ctx: BuildContext,
  options: { deviceScaleFactor?: number } = {},
): Promise<void> {
  // The fonts go in as subsets of what the slides show (cached on disk), unpacked TrueType since the
  // page is only printed: it then requests nothing, and the slides are laid out once the fonts are in.
  const fonts = await embeddedFontCss(deckGlyphs(deck), {
    projectRoot: ctx.projectRoot,
    locale: deck.lang,
    format: 'truetype',
  })
  const html = await deckDocument(deck, { fonts })
  await ctx.session.load(page, html, {
    name: 'deck.html',
    viewport: { width: SLIDE_WIDTH, height: SLIDE_HEIGHT, deviceScaleFactor: options.deviceScaleFactor ?? 1 },
  })
  await ctx.session.waitForReady(page)
}

/** Throws OverflowError if a slide of the loaded deck page overflows. */
export async function assertNoOverflow(page: Page, deck: DeckLike): Promise<void> {
  const found = await measureSlides(page)
  if (found.length > 0) throw overflowError(deck, found)
}

/** Loads the deck at 1280x720 with the bundled fonts and throws OverflowError if any slide overflows. */
export async function checkOverflow(deck: DeckLike, ctx: BuildContext): Promise<void> {
  await ctx.session.withPage(async (page) => {
    await loadDeckPage(page, deck, ctx)
    await assertNoOverflow(page, deck)
  })
}
