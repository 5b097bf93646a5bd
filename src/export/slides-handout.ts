// slides-handout.pdf: the deck's slides 2, 3 or 6 to an A4 page, 3-up with ruled lines for notes by
// default. The slides are the pages of deck.pdf placed as form XObjects (pdf-lib embedPages): they
// stay vector, with their own embedded fonts; nothing is rasterised or re-typeset.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ParseSpeeds, PDFDocument, type PDFEmbeddedPage, type PDFPage, rgb } from 'pdf-lib'
import type { BuildContext, Edition } from '../context.js'
import { ConvertError } from '../errors.js'
import { cssFontStack, embeddedFontCss } from '../fonts/faces.js'
import { fontsFirst } from '../fonts/fonts-first.js'
import { escapeHtml } from '../html/escape.js'
import { translateFor } from '../i18n/locale.js'
import { cssString, pageCounterContent } from '../render/handout-helpers.js'
import { documentMeta } from '../render/issuer.js'
import type { DeckLike } from '../render/overflow.js'
import { writeAtomic } from '../utils/files.js'
import { A4, finalizePdf, MM } from './pdf-post.js'
import { printLightSlides } from './slides-handout-light.js'

export type SlidesPerPage = 2 | 3 | 6

export interface SlidesHandoutOptions {
  /** slides on one A4 page: 2 (large), 3 (with lines for notes, the default) or 6 */
  perPage?: SlidesPerPage
  /** where to write (default: edition.outDir/slides-handout.pdf) */
  outFile?: string
  /**
   * With a build context, Chromium prints the sheets' frame first (running header with the report
   * title and edition, the locale's folio as footer) in the bundled fonts, and the slides are placed on
   * it. pdf-lib alone cannot set Chinese text without embedding a whole CJK font of its own.
   */
  ctx?: BuildContext
  /**
   * The deck behind deck.pdf: with a build context, the slides the theme prints in a light version
   * (themes/<theme>/handout-slides.css, for dark slides) are printed again so and placed instead.
   */
  deck?: DeckLike
}

export interface SlidesHandoutResult {
  path: string
  pages: number
  ms: number
}

const MARGIN = 15 * MM
const HEADER = 4 * MM
const FRAME = rgb(0.62, 0.6, 0.58)
const LINE = rgb(0.78, 0.76, 0.72)

interface Slot {
  x: number
  /** bottom of the slide, PDF coordinates */
  y: number
  width: number
  height: number
  /** ruled lines for notes to the right of the slide */
  lines?: { x1: number; x2: number; ys: number[] }
}

/** Where the slides of one page go, for slides of the given aspect ratio (width / height). */
export function slotsFor(perPage: SlidesPerPage, aspect: number): Slot[] {
  const { width: W, height: H } = A4
  const top = H - MARGIN - HEADER
  const areaW = W - 2 * MARGIN
  const areaH = H - 2 * MARGIN - HEADER
  const slots: Slot[] = []
  if (perPage === 2) {
    const rowH = areaH / 2
    const width = Math.min(areaW, (rowH - 10 * MM) * aspect)
    const height = width / aspect
    for (let r = 0; r < 2; r++) {
      const rowTop = top - r * rowH
      slots.push({ x: (W - width) / 2, y: rowTop - (rowH - height) / 2 - height, width, height })
    }
  } else if (perPage === 3) {
    const rowH = areaH / 3
    // slides 110 mm wide (chart labels stay legible), the notes ruled down the whole row
    const width = Math.min(110 * MM, (rowH - 12 * MM) * aspect)
    const height = width / aspect
    for (let r = 0; r < 3; r++) {
      const rowTop = top - r * rowH - 4 * MM
      const y = rowTop - height
      const x1 = MARGIN + width + 8 * MM
      const gap = 7 * MM
      const ys: number[] = []
      for (let ly = rowTop - gap; ly >= rowTop - rowH + 8 * MM; ly -= gap) ys.push(ly)
      slots.push({ x: MARGIN, y, width, height, lines: { x1, x2: W - MARGIN, ys } })
    }
  } else {
    const colW = (areaW - 10 * MM) / 2
    const rowH = areaH / 3
    const width = Math.min(colW, (rowH - 10 * MM) * aspect)
    const height = width / aspect
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 2; c++) {
        const rowTop = top - r * rowH - 4 * MM
        slots.push({
          x: MARGIN + c * (colW + 10 * MM) + (colW - width) / 2,
          y: rowTop - height,
          width,
          height,
        })
      }
    }
  }
  return slots
}

function drawSlide(page: PDFPage, slide: PDFEmbeddedPage, slot: Slot): void {
  page.drawPage(slide, { x: slot.x, y: slot.y, width: slot.width, height: slot.height })
  page.drawRectangle({
    x: slot.x,
    y: slot.y,
    width: slot.width,
    height: slot.height,
    borderColor: FRAME,
    borderWidth: 0.5,
  })
  for (const y of slot.lines?.ys ?? []) {
    page.drawLine({
      start: { x: slot.lines?.x1 ?? 0, y },
      end: { x: slot.lines?.x2 ?? 0, y },
      color: LINE,
      thickness: 0.5,
    })
  }
}

/** The locale's words on the sheets; a missing key fails here, before anything is printed. */
interface SheetWords {
  /** the handout's name: in the header and the PDF title */
  name: string
  /** the folio with {page} and {pages} left in, for CSS page counters */
  folio: string
}

function sheetWords(edition: Edition): SheetWords {
  return {
    name: translateFor(edition, 'handout.slidesHandout'),
    folio: translateFor(edition, 'print.folio', { page: '{page}', pages: '{pages}' }),
  }
}

/** `sheets` empty A4 pages with the running header and page numbers, printed by Chromium. */
async function printFrame(
  ctx: BuildContext,
  edition: Edition,
  words: SheetWords,
  sheets: number,
): Promise<Uint8Array> {
  const { report } = edition
  const left = [report.meta.title, report.presentation?.edition].filter(Boolean).join(' · ')
  const footer = pageCounterContent(words.folio)
  const margin = `${(MARGIN / MM).toFixed(1)}mm`
  const font = `8pt ${cssFontStack('Noto Sans SC', edition.locale)}`
  const glyphs = `${left}${words.name}${words.folio.replace(/\{pages?\}/g, '')}0123456789`
  // A subset of just these characters inline, loaded before layout (fonts-first.ts): the served
  // fonts cost a request answered from Node and a woff2 to unpack for each face the text touches.
  const fonts = await embeddedFontCss(glyphs, {
    projectRoot: ctx.projectRoot,
    locale: edition.locale,
    format: 'truetype',
  })
  const html = `<!doctype html><html lang="${edition.locale}"><head><meta charset="utf-8"><style>
${fonts}
@page { size: A4; margin: ${margin};
  @top-left { content: ${cssString(left)}; font: ${font}; color: #6b625b; vertical-align: bottom; padding-bottom: 2mm }
  @top-right { content: ${cssString(words.name)}; font: ${font}; color: #6b625b; vertical-align: bottom; padding-bottom: 2mm }
  @bottom-center { content: ${footer}; font: ${font}; color: #6b625b }
}
html, body { margin: 0 }
.sheet { height: 1px; break-after: page }
.sheet:last-child { break-after: auto }
.glyphs { font: ${font}; color: transparent; position: absolute }
</style></head><body>
<div class="glyphs">${escapeHtml(glyphs)}</div>
${'<div class="sheet"></div>'.repeat(sheets)}
</body></html>`
  return ctx.session.withPage(async (page) => {
    await ctx.session.load(page, fontsFirst(html), { name: 'slides-handout.html' })
    await ctx.session.waitForReady(page)
    return page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, timeout: 120_000 })
  })
}

export async function writeSlidesHandout(
  deckPdfPath: string,
  edition: Edition,
  options: SlidesHandoutOptions = {},
): Promise<SlidesHandoutResult> {
  const started = performance.now()
  const perPage = options.perPage ?? 3
  if (![2, 3, 6].includes(perPage))
    throw new ConvertError(`slides per page must be 2, 3 or 6, not ${perPage}`)
  const words = sheetWords(edition)
  const deckBytes = await readFile(deckPdfPath).catch((cause: unknown) => {
    throw new ConvertError(`the slide handout needs the deck PDF, and ${deckPdfPath} cannot be read`, {
      cause,
      hint: 'build the deck PDF first (huibao build --formats deck-pdf,slides-handout-pdf)',
    })
  })
  const deck = await PDFDocument.load(deckBytes, {
    updateMetadata: false,
    parseSpeed: ParseSpeeds.Fastest,
  }).catch((cause: unknown) => {
    throw new ConvertError(`${deckPdfPath} is not a readable PDF`, { cause })
  })
  const count = deck.getPageCount()
  if (count === 0) throw new ConvertError(`${deckPdfPath} has no slides`)
  const sheets = Math.ceil(count / perPage)
  const doc = options.ctx
    ? await PDFDocument.load(await printFrame(options.ctx, edition, words, sheets), {
        updateMetadata: false,
        parseSpeed: ParseSpeeds.Fastest,
      })
    : await PDFDocument.create({ updateMetadata: false })
  const slides = await doc.embedPages(deck.getPages())
  const light =
    options.ctx && options.deck ? await printLightSlides(options.deck, edition, options.ctx) : undefined
  if (light) {
    const lightDoc = await PDFDocument.load(light.pdf, {
      updateMetadata: false,
      parseSpeed: ParseSpeeds.Fastest,
    })
    const lightPages = await doc.embedPages(lightDoc.getPages())
    light.indices.forEach((index, k) => {
      const page = lightPages[k]
      if (page && index < slides.length) slides[index] = page
    })
  }
  const first = slides[0] as PDFEmbeddedPage
  const slots = slotsFor(perPage, first.width / first.height)
  for (let i = 0; i < slides.length; i += perPage) {
    const page =
      doc.getPageCount() > i / perPage ? doc.getPage(i / perPage) : doc.addPage([A4.width, A4.height])
    slides.slice(i, i + perPage).forEach((slide, k) => {
      const slot = slots[k]
      if (slot) drawSlide(page, slide, slot)
    })
  }
  const report = edition.report
  const title = `${report.meta.title}（${words.name}）`
  const bytes = await finalizePdf(
    await doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY }),
    {
      title,
      ...documentMeta(edition, true),
      keywords: report.sections.map((s) => s.title),
      language: edition.locale,
      trimSize: A4,
    },
  )
  const path = options.outFile ?? join(edition.outDir, 'slides-handout.pdf')
  await writeAtomic(path, bytes)
  return { path, pages: Math.ceil(count / perPage), ms: Math.round(performance.now() - started) }
}
