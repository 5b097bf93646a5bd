// Print-shop finishing for the PDFs Chromium writes: document metadata (title, author, subject,
// keywords, creator, language), exact page boxes (A4 is 595.28 x 841.89 pt; Chromium rounds it to
// 594.96 x 841.92) with optional bleed (TrimBox/BleedBox) and crop marks, readable text (ToUnicode
// entries for CJK radical look-alikes mapped back, pdf-radicals.ts) and the bookmarks' titles. The
// steps are in pdf-finish.ts; this module chooses how the result is written.
//
// Normally it is an incremental update (pdf-append.ts): Chromium's bytes stay as they are and only
// the changed objects are appended, read through the xref table (pdf-xref.ts). pdf-lib parsing and
// writing the whole file cost 0.2 to 0.8 s of CPU per PDF, several seconds for every edition. Pages
// that are added (pad4) or drawn on (crop marks), and files without a classic xref table, still go
// through pdf-lib's PDFDocument and a full rewrite.
import { PDFDict, type PDFDocument, PDFName, type PDFObject, PDFRef } from 'pdf-lib'
import { appendUpdate } from './pdf-append.js'
import { applyFinish, type FinishSteps, MM, type PdfEdit } from './pdf-finish.js'
import { type LoadedPdf, loadPdf } from './pdf-load.js'
import { documentObjects, xrefDocumentObjects } from './pdf-objects.js'
import { toUnicodeRefs } from './pdf-radicals.js'
import { XrefError, type XrefObjects } from './pdf-xref.js'
import { drawCropMarks, padPages, SLUG_MM } from './print-marks.js'

export { MM } from './pdf-finish.js'
export { type LoadedPdf, loadPdf } from './pdf-load.js'
export { RADICAL_RANGE, unifyRadicals } from './pdf-radicals.js'

/** ISO A4 in points, portrait. */
export const A4 = { width: 210 * MM, height: 297 * MM } as const

export interface FinalizeOptions {
  title: string
  author?: string
  subject?: string
  keywords?: string[]
  /** BCP 47 tag written to the catalog's /Lang: zh-CN, en */
  language: string
  /**
   * The finished (trimmed) page size in points. Every page gets exactly this size (plus bleed);
   * without it each page keeps its own size.
   */
  trimSize?: { width: number; height: number }
  /**
   * Bleed in mm on every side: the page was printed at trim + 2 * bleed with backgrounds running
   * to the edge; TrimBox marks the finished page inside it and BleedBox the whole sheet.
   */
  bleedMm?: number
  /** creation date to record (default: now) */
  date?: Date
  /** crop marks outside the bleed (the media box grows by SLUG_MM on every side, before the origin) */
  cropMarks?: boolean
  /** blank pages before the last one up to a multiple of this (4: saddle stitching) */
  padTo?: number
  /** bookmark titles to write, by index in document order (see readOutline) */
  outlineTitles?: ReadonlyMap<number, string>
}

export async function finalizePdf(bytes: Uint8Array, options: FinalizeOptions): Promise<Uint8Array> {
  return (await finishPdfDocument(await loadPdf(bytes), options)).bytes
}

/** finalizePdf on a loaded PDF (whose objects it changes): the finished bytes and the page count. */
export async function finishPdfDocument(
  pdf: LoadedPdf,
  options: FinalizeOptions,
): Promise<{ bytes: Uint8Array; pages: number }> {
  const steps: FinishSteps = {
    ...options,
    date: options.date ?? new Date(),
    bleed: (options.bleedMm ?? 0) * MM,
    slug: options.cropMarks ? SLUG_MM * MM : 0,
  }
  if (pdf.xref && !options.padTo && !options.cropMarks) {
    try {
      return finishIncrementally(pdf.xref, steps)
    } catch (error) {
      // the file is not what its xref table says: the full parse below reads it anyway
      if (!(error instanceof XrefError)) throw error
    }
  }
  return finishRewritten(await pdf.document(), options, steps)
}

/** The finishing steps on objects read through the xref table, appended as an incremental update. */
function finishIncrementally(xref: XrefObjects, steps: FinishSteps): { bytes: Uint8Array; pages: number } {
  const objects = xrefDocumentObjects(xref)
  const rootRef = xref.trailer.get(PDFName.of('Root'))
  if (!objects || !(rootRef instanceof PDFRef)) throw new XrefError('the trailer names no catalog')
  const changed = new Map<PDFRef, PDFObject>()
  const trailer = new Map<string, PDFObject>()
  const infoRef = xref.trailer.get(PDFName.of('Info'))
  let info = infoRef instanceof PDFRef ? { ref: infoRef, dict: xref.lookupDict(infoRef) } : undefined
  if (!info?.dict) {
    // no information dictionary yet: a new object after the highest one in use
    info = { ref: PDFRef.of(xref.size), dict: xref.context.obj({}) }
    trailer.set('Info', info.ref)
  }
  const edit: PdfEdit = {
    objects,
    context: xref.context,
    rootRef,
    info: { ref: info.ref, dict: info.dict as PDFDict },
    // (a chance match of the key inside binary data names no object, or no CMap: skipped)
    toUnicode: toUnicodeRefs(xref.bytes).filter((ref) => xref.has(ref)),
    replace: (ref, object) => changed.set(ref, object),
  }
  const pages = applyFinish(edit, steps)
  return { bytes: appendUpdate(xref, { objects: changed, trailer }), pages: pages.length }
}

/** The finishing steps in a document pdf-lib parsed as a whole, with pages added or marked. */
async function finishRewritten(
  doc: PDFDocument,
  options: FinalizeOptions,
  steps: FinishSteps,
): Promise<{ bytes: Uint8Array; pages: number }> {
  if (options.padTo) padPages(doc, options.padTo)
  const context = doc.context
  let infoRef = context.trailerInfo.Info
  let info = infoRef instanceof PDFRef ? context.lookup(infoRef) : undefined
  if (!(infoRef instanceof PDFRef) || !(info instanceof PDFDict)) {
    info = context.obj({})
    infoRef = context.register(info)
    context.trailerInfo.Info = infoRef
  }
  applyFinish(
    {
      objects: documentObjects(doc),
      context,
      rootRef: context.trailerInfo.Root as PDFRef,
      info: { ref: infoRef as PDFRef, dict: info as PDFDict },
      toUnicode: fontToUnicodeRefs(doc),
      replace: (ref, object) => context.assign(ref, object),
    },
    steps,
  )
  if (steps.slug) for (const page of doc.getPages()) drawCropMarks(page, page.getTrimBox(), steps.bleed)
  const bytes = await doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY })
  return { bytes, pages: doc.getPageCount() }
}

/** The ToUnicode streams of every font dictionary in a fully parsed document. */
function fontToUnicodeRefs(doc: PDFDocument): PDFRef[] {
  const refs: PDFRef[] = []
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue
    const ref = object.get(PDFName.of('ToUnicode'))
    if (ref instanceof PDFRef) refs.push(ref)
  }
  return refs
}
