// Print-shop finishing for the PDFs Chromium writes: document metadata (title, author, subject,
// keywords, creator, language), exact page boxes (A4 is 595.28 x 841.89 pt; Chromium rounds it to
// 594.96 x 841.92) with optional bleed (TrimBox/BleedBox), and readable text: ToUnicode entries
// that point at CJK radical look-alikes (U+2E80-U+2FDF, e.g. ⾥ for 里) are mapped back to the
// unified ideograph, so that search and copy find the word the reader sees. The outline (bookmarks)
// and the structure tree (tagged PDF) are left as Chromium made them (pdf-outline.ts reads the outline).
import { deflateSync, inflateSync } from 'node:zlib'
import {
  ParseSpeeds,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
} from 'pdf-lib'
import { ConvertError } from '../errors.js'
import { drawCropMarks, padPages, SLUG_MM } from './print-marks.js'

/** 1 mm in PDF points. */
export const MM = 72 / 25.4
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

/**
 * Parses a PDF the browser wrote. Parsing is most of what finishing a PDF costs (about 0.4 s for a
 * 60-page deck), so a caller that also reads the outline or counts pages parses once and passes the
 * document on (readOutline, finishPdfDocument).
 */
export async function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest })
  } catch (cause) {
    throw new ConvertError('the browser wrote a PDF that cannot be read', { cause })
  }
}

export async function finalizePdf(bytes: Uint8Array, options: FinalizeOptions): Promise<Uint8Array> {
  return (await finishPdfDocument(await loadPdf(bytes), options)).bytes
}

/** finalizePdf on a parsed document (changed in place): the finished bytes and the page count. */
export async function finishPdfDocument(
  doc: PDFDocument,
  options: FinalizeOptions,
): Promise<{ bytes: Uint8Array; pages: number }> {
  doc.setTitle(options.title, { showInWindowTitleBar: true })
  if (options.author) doc.setAuthor(options.author)
  if (options.subject) doc.setSubject(options.subject)
  if (options.keywords?.length) doc.setKeywords(options.keywords)
  doc.setCreator('huibao')
  doc.setProducer('huibao (Chromium, pdf-lib)')
  const date = options.date ?? new Date()
  doc.setCreationDate(date)
  doc.setModificationDate(date)
  doc.setLanguage(options.language)

  const bleed = (options.bleedMm ?? 0) * MM
  if (options.padTo) padPages(doc, options.padTo)
  const slug = options.cropMarks ? SLUG_MM * MM : 0
  for (const page of doc.getPages()) {
    const media = page.getMediaBox()
    const trim = options.trimSize ?? {
      width: media.width - 2 * bleed,
      height: media.height - 2 * bleed,
    }
    const sheet = { width: trim.width + 2 * bleed, height: trim.height + 2 * bleed }
    // Chromium's page sizes are whole CSS pixels; anything further off is a layout mistake.
    if (Math.abs(media.width - sheet.width) > 2 || Math.abs(media.height - sheet.height) > 2) {
      throw new ConvertError(
        `a page is ${media.width.toFixed(2)} x ${media.height.toFixed(2)} pt, expected ${sheet.width.toFixed(2)} x ${sheet.height.toFixed(2)} pt`,
      )
    }
    // Boxes start at the origin, as print workflows expect. Chromium's content is drawn from the top
    // (y flipped), so the sub-point rounding of its page size shows only at the bottom edge.
    // With crop marks the sheet grows by the slug on every side, the bleed box stays where it was
    // (a negative origin: nothing drawn, linked or bookmarked has to move).
    page.setMediaBox(-slug, -slug, sheet.width + 2 * slug, sheet.height + 2 * slug)
    page.setCropBox(-slug, -slug, sheet.width + 2 * slug, sheet.height + 2 * slug)
    page.setBleedBox(0, 0, sheet.width, sheet.height)
    page.setTrimBox(bleed, bleed, trim.width, trim.height)
    page.setArtBox(bleed, bleed, trim.width, trim.height)
    if (slug) drawCropMarks(page, { x: bleed, y: bleed, width: trim.width, height: trim.height }, bleed)
  }
  fixRadicalLookAlikes(doc)
  if (options.outlineTitles?.size) setOutlineTitles(doc, options.outlineTitles)
  const bytes = await doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY })
  return { bytes, pages: doc.getPageCount() }
}

/** Rewrites bookmark titles, counted in the document order readOutline uses. */
function setOutlineTitles(doc: PDFDocument, titles: ReadonlyMap<number, string>): void {
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)
  let index = 0
  const seen = new Set<PDFDict>()
  const walk = (first: PDFDict | undefined) => {
    let item = first
    while (item && !seen.has(item)) {
      seen.add(item)
      const title = titles.get(index++)
      if (title !== undefined) item.set(PDFName.of('Title'), PDFHexString.fromText(title))
      walk(item.lookupMaybe(PDFName.of('First'), PDFDict))
      item = item.lookupMaybe(PDFName.of('Next'), PDFDict)
    }
  }
  if (outlines) walk(outlines.lookupMaybe(PDFName.of('First'), PDFDict))
}

/** U+2E80-U+2FDF: CJK radicals and Kangxi radicals, which share glyphs with unified ideographs. */
export const RADICAL_RANGE = /[\u2E80-\u2FDF]/u

/**
 * Rewrites ToUnicode CMaps whose targets are radical look-alikes to the unified ideograph the glyph
 * also stands for (NFKC maps ⾥ U+2F65 to 里 U+91CC). A font's cmap may list both code points for one
 * glyph, and Chromium then sometimes records the radical as the glyph's text.
 */
function fixRadicalLookAlikes(doc: PDFDocument): void {
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict)) continue
    if (object.lookup(PDFName.of('Type')) !== PDFName.of('Font')) continue
    const ref = object.get(PDFName.of('ToUnicode'))
    const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : undefined
    if (!(ref instanceof PDFRef) || !(stream instanceof PDFRawStream)) continue
    const filter = stream.dict.lookup(PDFName.of('Filter'))
    const compressed = filter === PDFName.of('FlateDecode')
    if (filter && !compressed) continue
    const raw = Buffer.from(stream.contents)
    const fixed = unifyRadicals((compressed ? inflateSync(raw) : raw).toString('latin1'))
    if (fixed === undefined) continue
    const dict = stream.dict.clone(doc.context)
    const body = deflateSync(Buffer.from(fixed, 'latin1'))
    dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'))
    dict.set(PDFName.of('Length'), PDFNumber.of(body.length))
    doc.context.assign(ref, PDFRawStream.of(dict, body))
  }
}

function hexToText(hex: string): string {
  let s = ''
  for (let i = 0; i + 4 <= hex.length; i += 4)
    s += String.fromCharCode(Number.parseInt(hex.slice(i, i + 4), 16))
  return s
}

function textToHex(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) out += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')
  return out
}

/**
 * A ToUnicode CMap with radical targets replaced by their NFKC (unified) forms, rewritten as plain
 * bfchar entries; undefined when the CMap has no radical targets (it is then left alone).
 */
export function unifyRadicals(cmap: string): string | undefined {
  const entries: [string, string][] = []
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      entries.push([m[1] ?? '', hexToText(m[2] ?? '')])
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of (block[1] ?? '').matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g,
    )) {
      const lo = Number.parseInt(m[1] ?? '0', 16)
      const hi = Number.parseInt(m[2] ?? '0', 16)
      const width = (m[1] ?? '').length
      const target = m[3] ?? ''
      const list = target.startsWith('[')
        ? [...target.matchAll(/<([0-9A-Fa-f]+)>/g)].map((t) => t[1] ?? '')
        : undefined
      for (let code = lo; code <= hi; code++) {
        const src = code.toString(16).toUpperCase().padStart(width, '0')
        if (list) {
          const dst = list[code - lo]
          if (dst !== undefined) entries.push([src, hexToText(dst)])
        } else {
          const base = hexToText(target.slice(1, -1))
          const last = base.charCodeAt(base.length - 1) + (code - lo)
          entries.push([src, base.slice(0, -1) + String.fromCharCode(last)])
        }
      }
    }
  }
  if (!entries.some(([, text]) => RADICAL_RANGE.test(text))) return undefined
  const head = cmap.slice(0, cmap.indexOf('endcodespacerange') + 'endcodespacerange'.length)
  const lines: string[] = [head]
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100)
    lines.push(`${chunk.length} beginbfchar`)
    for (const [src, text] of chunk) {
      const unified = RADICAL_RANGE.test(text) ? text.normalize('NFKC') : text
      lines.push(`<${src}> <${textToHex(unified)}>`)
    }
    lines.push('endbfchar')
  }
  lines.push('endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end', '')
  return lines.join('\n')
}
