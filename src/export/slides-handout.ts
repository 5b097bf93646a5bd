// slides-handout.pdf: the deck's slides 2, 3 or 6 to an A4 page, 3-up with ruled lines for notes by
// default. The slides are the pages of deck.pdf placed as form XObjects (pdf-lib embedPages): they
// stay vector, with their own embedded fonts; nothing is rasterised or re-typeset.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PDFDocument, type PDFEmbeddedPage, type PDFPage, rgb } from 'pdf-lib'
import type { Edition } from '../context.js'
import { ConvertError } from '../errors.js'
import { writeAtomically } from './handout-pdf.js'
import { A4, finalizePdf, MM } from './pdf-post.js'

export type SlidesPerPage = 2 | 3 | 6

export interface SlidesHandoutOptions {
  /** slides on one A4 page: 2 (large), 3 (with lines for notes, the default) or 6 */
  perPage?: SlidesPerPage
  /** where to write (default: edition.outDir/slides-handout.pdf) */
  outFile?: string
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
    const width = Math.min(areaW * 0.56, (rowH - 12 * MM) * aspect)
    const height = width / aspect
    for (let r = 0; r < 3; r++) {
      const rowTop = top - r * rowH - 4 * MM
      const y = rowTop - height
      const x1 = MARGIN + width + 10 * MM
      const gap = 7 * MM
      const ys: number[] = []
      for (let ly = rowTop - gap; ly >= y - 0.5; ly -= gap) ys.push(ly)
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

export async function writeSlidesHandout(
  deckPdfPath: string,
  edition: Edition,
  options: SlidesHandoutOptions = {},
): Promise<SlidesHandoutResult> {
  const started = performance.now()
  const perPage = options.perPage ?? 3
  if (![2, 3, 6].includes(perPage))
    throw new ConvertError(`slides per page must be 2, 3 or 6, not ${perPage}`)
  const deckBytes = await readFile(deckPdfPath).catch((cause: unknown) => {
    throw new ConvertError(`the slide handout needs the deck PDF, and ${deckPdfPath} cannot be read`, {
      cause,
      hint: 'build the deck PDF first (huibao build --formats deck-pdf,slides-handout-pdf)',
    })
  })
  const deck = await PDFDocument.load(deckBytes, { updateMetadata: false }).catch((cause: unknown) => {
    throw new ConvertError(`${deckPdfPath} is not a readable PDF`, { cause })
  })
  const count = deck.getPageCount()
  if (count === 0) throw new ConvertError(`${deckPdfPath} has no slides`)
  const doc = await PDFDocument.create({ updateMetadata: false })
  const slides = await doc.embedPages(deck.getPages())
  const first = slides[0] as PDFEmbeddedPage
  const slots = slotsFor(perPage, first.width / first.height)
  for (let i = 0; i < slides.length; i += perPage) {
    const page = doc.addPage([A4.width, A4.height])
    slides.slice(i, i + perPage).forEach((slide, k) => {
      const slot = slots[k]
      if (slot) drawSlide(page, slide, slot)
    })
  }
  const report = edition.report
  const title = `${report.meta.title}（${edition.strings['handout.slidesHandout'] ?? 'slides'}）`
  const bytes = await finalizePdf(await doc.save({ useObjectStreams: false }), {
    title,
    author: `${report.meta.role} ${report.meta.speaker}`,
    subject: `${report.meta.meeting} ${report.meta.delivered}`,
    keywords: report.sections.map((s) => s.title),
    language: edition.locale,
    trimSize: A4,
  })
  const path = options.outFile ?? join(edition.outDir, 'slides-handout.pdf')
  await writeAtomically(path, bytes)
  return { path, pages: Math.ceil(count / perPage), ms: Math.round(performance.now() - started) }
}
