// The finishing steps themselves, written once for both ways a PDF is finished (pdf-post.ts): as an
// incremental update of the objects read through the xref table, or in a document pdf-lib parsed
// and writes again. Each step changes dictionaries and hands every indirect object it changed or
// made to `replace`, which is what the incremental update writes.
import {
  PDFBool,
  type PDFContext,
  type PDFDict,
  PDFHexString,
  PDFName,
  type PDFObject,
  PDFRawStream,
  PDFRef,
  PDFString,
} from 'pdf-lib'
import { ConvertError } from '../errors.js'
import { dictAt, type PageLeaf, type PdfObjects, pageLeaves } from './pdf-objects.js'
import { outlineItems } from './pdf-outline.js'
import { unifiedToUnicode } from './pdf-radicals.js'

/** 1 mm in PDF points. */
export const MM = 72 / 25.4

/** What the finishing steps need of a document, whichever way it was loaded. */
export interface PdfEdit {
  objects: PdfObjects
  /** where new objects are made */
  context: PDFContext
  /** the catalog's reference (it is changed: /Lang, viewer preferences) */
  rootRef: PDFRef
  /** the document information dictionary (made empty by the caller if the file had none) */
  info: { ref: PDFRef; dict: PDFDict }
  /** candidate ToUnicode streams: only those holding radical look-alikes are replaced */
  toUnicode: readonly PDFRef[]
  /** records an indirect object as changed (same object) or replaced (another one) */
  replace(ref: PDFRef, object: PDFObject): void
}

export interface FinishSteps {
  title: string
  author?: string
  subject?: string
  keywords?: string[]
  language: string
  date: Date
  trimSize?: { width: number; height: number }
  /** bleed in points */
  bleed: number
  /** room for crop marks outside the bleed, in points (0: none) */
  slug: number
  outlineTitles?: ReadonlyMap<number, string>
}

/** Runs every finishing step; returns the pages (in order) with their new boxes. */
export function applyFinish(edit: PdfEdit, steps: FinishSteps): PageLeaf[] {
  setMetadata(edit, steps)
  const pages = pageLeaves(edit.objects)
  for (const page of pages) setPageBoxes(edit, page, steps)
  for (const ref of edit.toUnicode) {
    const stream = edit.objects.lookup(ref)
    const fixed = stream instanceof PDFRawStream ? unifiedToUnicode(stream, edit.context) : undefined
    if (fixed) edit.replace(ref, fixed)
  }
  if (steps.outlineTitles?.size) setOutlineTitles(edit, steps.outlineTitles)
  return pages
}

/** Title, author, subject, keywords, creator, dates (as pdf-lib's setters write them) and /Lang. */
function setMetadata(edit: PdfEdit, steps: FinishSteps): void {
  const info = edit.info.dict
  const text = (key: string, value: string | undefined) => {
    if (value) info.set(PDFName.of(key), PDFHexString.fromText(value))
  }
  text('Title', steps.title)
  text('Author', steps.author)
  text('Subject', steps.subject)
  text('Keywords', steps.keywords?.join(' '))
  text('Creator', 'huibao')
  text('Producer', 'huibao (Chromium, pdf-lib)')
  info.set(PDFName.of('CreationDate'), PDFString.fromDate(steps.date))
  info.set(PDFName.of('ModDate'), PDFString.fromDate(steps.date))
  edit.replace(edit.info.ref, info)

  const catalog = edit.objects.catalog
  catalog.set(PDFName.of('Lang'), PDFString.of(steps.language))
  // viewers show the title, not the file name, in their title bar
  const prefs = catalog.get(PDFName.of('ViewerPreferences'))
  const prefsDict = dictAt(edit.objects, catalog, 'ViewerPreferences') ?? edit.context.obj({})
  prefsDict.set(PDFName.of('DisplayDocTitle'), PDFBool.True)
  if (prefs instanceof PDFRef) edit.replace(prefs, prefsDict)
  else catalog.set(PDFName.of('ViewerPreferences'), prefsDict)
  edit.replace(edit.rootRef, catalog)
}

/**
 * Exact page boxes: A4 is 595.28 x 841.89 pt and Chromium rounds it to 594.96 x 841.92, so the
 * boxes are set to the trim size (plus bleed) asked for. With crop marks the sheet grows by the slug
 * on every side and the bleed box stays where it was (a negative origin: nothing drawn, linked or
 * bookmarked has to move).
 */
function setPageBoxes(edit: PdfEdit, page: PageLeaf, steps: FinishSteps): void {
  const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = page.mediaBox ?? []
  const media = { width: x2 - x1, height: y2 - y1 }
  const { bleed, slug } = steps
  const trim = steps.trimSize ?? { width: media.width - 2 * bleed, height: media.height - 2 * bleed }
  const sheet = { width: trim.width + 2 * bleed, height: trim.height + 2 * bleed }
  // Chromium's page sizes are whole CSS pixels; anything further off is a layout mistake.
  if (Math.abs(media.width - sheet.width) > 2 || Math.abs(media.height - sheet.height) > 2) {
    throw new ConvertError(
      `a page is ${media.width.toFixed(2)} x ${media.height.toFixed(2)} pt, expected ${sheet.width.toFixed(2)} x ${sheet.height.toFixed(2)} pt`,
    )
  }
  // Boxes start at the origin, as print workflows expect. Chromium's content is drawn from the top
  // (y flipped), so the sub-point rounding of its page size shows only at the bottom edge.
  const box = (key: string, x: number, y: number, width: number, height: number) =>
    page.dict.set(PDFName.of(key), edit.context.obj([x, y, x + width, y + height]))
  box('MediaBox', -slug, -slug, sheet.width + 2 * slug, sheet.height + 2 * slug)
  box('CropBox', -slug, -slug, sheet.width + 2 * slug, sheet.height + 2 * slug)
  box('BleedBox', 0, 0, sheet.width, sheet.height)
  box('TrimBox', bleed, bleed, trim.width, trim.height)
  box('ArtBox', bleed, bleed, trim.width, trim.height)
  edit.replace(page.ref, page.dict)
}

/** Rewrites bookmark titles, counted in the document order readOutline uses. */
function setOutlineTitles(edit: PdfEdit, titles: ReadonlyMap<number, string>): void {
  outlineItems(edit.objects).forEach((item, index) => {
    const title = titles.get(index)
    if (title === undefined) return
    item.dict.set(PDFName.of('Title'), PDFHexString.fromText(title))
    if (item.ref) edit.replace(item.ref, item.dict)
  })
}
