// Reading a printed PDF's bookmarks back (Chromium makes them from h1-h6 with outline: true): the
// handouts learn from them on which page each heading landed (src/export/handout-pdf.ts).
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib'
import { loadPdf } from './pdf-post.js'

/** One bookmark: its title, nesting level (0 = top) and the 0-based page it points to. */
export interface OutlineEntry {
  title: string
  level: number
  pageIndex: number | undefined
}

/** The PDF's bookmarks in document order (Chromium makes them from h1-h6 with outline: true). */
export async function readOutline(pdf: Uint8Array | PDFDocument): Promise<OutlineEntry[]> {
  const doc = pdf instanceof PDFDocument ? pdf : await loadPdf(pdf)
  const pageIndex = new Map<string, number>()
  doc.getPages().forEach((p, i) => {
    pageIndex.set(p.ref.toString(), i)
  })
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)
  const entries: OutlineEntry[] = []
  const seen = new Set<PDFDict>()
  const walk = (first: PDFDict | undefined, level: number) => {
    let item = first
    while (item && !seen.has(item)) {
      seen.add(item)
      const title = item.lookup(PDFName.of('Title'))
      entries.push({
        title: title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '',
        level,
        pageIndex: destinationPage(doc, item, pageIndex),
      })
      walk(item.lookupMaybe(PDFName.of('First'), PDFDict), level + 1)
      item = item.lookupMaybe(PDFName.of('Next'), PDFDict)
    }
  }
  if (outlines) walk(outlines.lookupMaybe(PDFName.of('First'), PDFDict), 0)
  return entries
}

function destinationPage(doc: PDFDocument, item: PDFDict, pages: Map<string, number>): number | undefined {
  let dest: unknown = item.lookup(PDFName.of('Dest'))
  if (!dest) {
    const action = item.lookupMaybe(PDFName.of('A'), PDFDict)
    dest = action?.lookup(PDFName.of('D'))
  }
  if (dest instanceof PDFName || dest instanceof PDFString || dest instanceof PDFHexString) {
    dest = namedDestination(doc, dest instanceof PDFName ? dest.asString().slice(1) : dest.decodeText())
  }
  if (dest instanceof PDFDict) dest = dest.lookup(PDFName.of('D'))
  if (dest instanceof PDFArray) {
    const target = dest.get(0)
    if (target instanceof PDFRef) return pages.get(target.toString())
    if (target instanceof PDFNumber) return target.asNumber()
  }
  return undefined
}

function namedDestination(doc: PDFDocument, name: string): unknown {
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict)
  const direct = dests?.lookup(PDFName.of(name))
  if (direct) return direct
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)
  const tree = names?.lookupMaybe(PDFName.of('Dests'), PDFDict)
  const search = (node: PDFDict | undefined): unknown => {
    if (!node) return undefined
    const leaf = node.lookupMaybe(PDFName.of('Names'), PDFArray)
    if (leaf) {
      for (let i = 0; i + 1 < leaf.size(); i += 2) {
        const key = leaf.lookup(i)
        const text = key instanceof PDFString || key instanceof PDFHexString ? key.decodeText() : undefined
        if (text === name) return leaf.lookup(i + 1)
      }
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray)
    for (let i = 0; kids && i < kids.size(); i++) {
      const found = search(kids.lookupMaybe(i, PDFDict))
      if (found) return found
    }
    return undefined
  }
  return search(tree)
}
