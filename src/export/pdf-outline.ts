// Reading a printed PDF's bookmarks back (Chromium makes them from h1-h6 with outline: true): the
// handouts learn from them on which page each heading landed (src/export/handout-pdf.ts), and
// finishing rewrites their titles (pdf-post.ts). Only the outline, the page tree and named
// destinations are read (pdf-objects.ts), not the whole file.
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib'
import { type LoadedPdf, loadPdf } from './pdf-load.js'
import { dictAt, type PdfObjects, pageLeaves } from './pdf-objects.js'

/** One bookmark: its title, nesting level (0 = top) and the 0-based page it points to. */
export interface OutlineEntry {
  title: string
  level: number
  pageIndex: number | undefined
}

/** An outline item as stored: its reference (when indirect), dictionary and nesting level. */
export interface OutlineItem {
  ref: PDFRef | undefined
  dict: PDFDict
  level: number
}

/** The PDF's bookmarks in document order (Chromium makes them from h1-h6 with outline: true). */
export async function readOutline(pdf: Uint8Array | LoadedPdf): Promise<OutlineEntry[]> {
  const loaded = pdf instanceof Uint8Array ? await loadPdf(pdf) : pdf
  return loaded.read((objects) => {
    const pageIndex = new Map<number, number>()
    pageLeaves(objects).forEach((page, i) => {
      pageIndex.set(page.ref.objectNumber, i)
    })
    return outlineItems(objects).map((item) => {
      const title = objects.lookup(item.dict.get(PDFName.of('Title')))
      return {
        title: title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '',
        level: item.level,
        pageIndex: destinationPage(objects, item.dict, pageIndex),
      }
    })
  })
}

/** The outline items in document order (depth first), each once. */
export function outlineItems(objects: PdfObjects): OutlineItem[] {
  const items: OutlineItem[] = []
  const seen = new Set<PDFDict>()
  const walk = (first: PDFRef | undefined, level: number) => {
    let ref = first
    let item = objects.lookup(ref)
    while (item instanceof PDFDict && !seen.has(item)) {
      seen.add(item)
      items.push({ ref, dict: item, level })
      walk(refAt(item, 'First'), level + 1)
      ref = refAt(item, 'Next')
      item = objects.lookup(ref)
    }
  }
  const outlines = dictAt(objects, objects.catalog, 'Outlines')
  if (outlines) walk(refAt(outlines, 'First'), 0)
  return items
}

function refAt(dict: PDFDict, key: string): PDFRef | undefined {
  const value = dict.get(PDFName.of(key))
  return value instanceof PDFRef ? value : undefined
}

function destinationPage(objects: PdfObjects, item: PDFDict, pages: Map<number, number>): number | undefined {
  let dest: unknown = objects.lookup(item.get(PDFName.of('Dest')))
  if (!dest) {
    const action = dictAt(objects, item, 'A')
    dest = objects.lookup(action?.get(PDFName.of('D')))
  }
  if (dest instanceof PDFName || dest instanceof PDFString || dest instanceof PDFHexString) {
    dest = namedDestination(objects, dest instanceof PDFName ? dest.asString().slice(1) : dest.decodeText())
  }
  if (dest instanceof PDFDict) dest = objects.lookup(dest.get(PDFName.of('D')))
  if (dest instanceof PDFArray) {
    const target = dest.get(0)
    if (target instanceof PDFRef) return pages.get(target.objectNumber)
    if (target instanceof PDFNumber) return target.asNumber()
  }
  return undefined
}

function namedDestination(objects: PdfObjects, name: string): unknown {
  const dests = dictAt(objects, objects.catalog, 'Dests')
  const direct = objects.lookup(dests?.get(PDFName.of(name)))
  if (direct) return direct
  const names = dictAt(objects, objects.catalog, 'Names')
  const tree = names && dictAt(objects, names, 'Dests')
  const search = (node: PDFDict | undefined): unknown => {
    if (!node) return undefined
    const leaf = objects.lookup(node.get(PDFName.of('Names')))
    if (leaf instanceof PDFArray) {
      for (let i = 0; i + 1 < leaf.size(); i += 2) {
        const key = objects.lookup(leaf.get(i))
        const text = key instanceof PDFString || key instanceof PDFHexString ? key.decodeText() : undefined
        if (text === name) return objects.lookup(leaf.get(i + 1))
      }
    }
    const kids = objects.lookup(node.get(PDFName.of('Kids')))
    for (let i = 0; kids instanceof PDFArray && i < kids.size(); i++) {
      const kid = objects.lookup(kids.get(i))
      const found = search(kid instanceof PDFDict ? kid : undefined)
      if (found) return found
    }
    return undefined
  }
  return search(tree)
}
