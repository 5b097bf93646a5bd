// One view of a PDF's objects for the code that reads bookmarks and pages, whether the objects
// come one by one from the xref table (pdf-xref.ts, the fast path) or from a PDFDocument pdf-lib
// parsed as a whole (files with cross-reference streams, and the pages that get crop marks or
// padding). Every reference is resolved through `lookup`: a dictionary parsed from the xref table
// belongs to no complete pdf-lib context, so PDFDict.lookup must not be used on it.
import { PDFArray, PDFDict, type PDFDocument, PDFName, PDFNumber, type PDFObject, PDFRef } from 'pdf-lib'
import type { XrefObjects } from './pdf-xref.js'

export interface PdfObjects {
  /** the document catalog (/Root) */
  catalog: PDFDict
  /** the object a reference names; a direct object as it is */
  lookup(object: PDFObject | undefined): PDFObject | undefined
}

export function documentObjects(doc: PDFDocument): PdfObjects {
  return {
    catalog: doc.catalog,
    lookup: (object) => (object instanceof PDFRef ? doc.context.lookup(object) : object),
  }
}

export function xrefDocumentObjects(xref: XrefObjects): PdfObjects | undefined {
  const catalog = xref.lookupDict(xref.trailer.get(PDFName.of('Root')))
  return catalog && { catalog, lookup: (object) => xref.lookup(object) }
}

/** `dict[key]`, resolved, if it is a dictionary. */
export function dictAt(objects: PdfObjects, dict: PDFDict, key: string): PDFDict | undefined {
  const found = objects.lookup(dict.get(PDFName.of(key)))
  return found instanceof PDFDict ? found : undefined
}

/** One page of the page tree: its reference, its dictionary and its (maybe inherited) MediaBox. */
export interface PageLeaf {
  ref: PDFRef
  dict: PDFDict
  /** [x1 y1 x2 y2] in points */
  mediaBox: number[] | undefined
}

/** The pages in order, from the catalog's page tree (MediaBox is inheritable, §7.7.3.4). */
export function pageLeaves(objects: PdfObjects): PageLeaf[] {
  const leaves: PageLeaf[] = []
  const seen = new Set<number>()
  const walk = (ref: PDFObject | undefined, inherited: number[] | undefined) => {
    if (!(ref instanceof PDFRef) || seen.has(ref.objectNumber)) return
    seen.add(ref.objectNumber)
    const node = objects.lookup(ref)
    if (!(node instanceof PDFDict)) return
    const mediaBox = numbers(objects, node.get(PDFName.of('MediaBox'))) ?? inherited
    const kids = objects.lookup(node.get(PDFName.of('Kids')))
    if (node.get(PDFName.of('Type')) === PDFName.of('Pages') && kids instanceof PDFArray) {
      for (let i = 0; i < kids.size(); i++) walk(kids.get(i), mediaBox)
    } else {
      leaves.push({ ref, dict: node, mediaBox })
    }
  }
  walk(objects.catalog.get(PDFName.of('Pages')), undefined)
  return leaves
}

function numbers(objects: PdfObjects, value: PDFObject | undefined): number[] | undefined {
  const array = objects.lookup(value)
  if (!(array instanceof PDFArray)) return undefined
  const out: number[] = []
  for (let i = 0; i < array.size(); i++) {
    const n = objects.lookup(array.get(i))
    if (!(n instanceof PDFNumber)) return undefined
    out.push(n.asNumber())
  }
  return out
}
