// deck.pptx: every slide as a full-slide picture (the 1920x1080 PNG) with its speaker notes in the
// notes pane, for presenters who must use PowerPoint. The slides are pictures, so they look exactly
// like the PDF; editing belongs in report.yaml.

import pptxgen from 'pptxgenjs'
import type { BuildContext, Edition } from '../context.js'
import { ConvertError } from '../errors.js'
import type { RenderedDeck } from '../render/deck.js'
import { slideImages } from './deck-png.js'
import { deflateStoredZip } from './pptx/native-deflate.js'
import { writePptxFile } from './pptx/write.js'

// pptxgenjs ships CommonJS types with an ES default export; take the class whichever way it loads.
const PptxGenJS = ((pptxgen as unknown as { default?: unknown }).default ?? pptxgen) as typeof pptxgen.default

/** The PPTX file from slide pictures (PNG, one per slide) and the deck's notes. */
export async function buildPptx(
  deck: RenderedDeck,
  edition: Edition,
  images: Uint8Array[],
): Promise<Uint8Array> {
  if (images.length !== deck.slides.length) {
    throw new ConvertError(`deck.pptx: ${images.length} pictures for ${deck.slides.length} slides`)
  }
  const pptx = new PptxGenJS()
  pptx.layout = 'LAYOUT_16x9' // 10 x 5.625 in
  pptx.title = deck.title
  pptx.author = edition.report.meta.speaker
  pptx.subject = edition.report.meta.meeting
  pptx.company = edition.report.presentation?.office ?? ''
  images.forEach((image, i) => {
    const slide = pptx.addSlide()
    slide.addImage({
      data: `image/png;base64,${Buffer.from(image).toString('base64')}`,
      x: 0,
      y: 0,
      w: 10,
      h: 5.625,
      altText: deck.slides[i]?.title ?? '',
    })
    const notes = deck.notes[i]
    if (notes) slide.addNotes(notes)
  })
  // the pictures (PNG) stay stored, the XML parts are deflated natively (pptx/native-deflate.ts)
  const out = await pptx.write({ outputType: 'nodebuffer', compression: false })
  return deflateStoredZip(out as Uint8Array)
}

/** deck.pptx in edition.outDir (uses the pictures slides-png took, if it ran first). */
export async function writeDeckPptx(
  deck: RenderedDeck,
  edition: Edition,
  ctx: BuildContext,
): Promise<{ path: string; pages: number }> {
  return writePptxFile(deck, edition, await buildPptx(deck, edition, await slideImages(deck, ctx)))
}
