// A PDF the browser printed, loaded for finishing: its objects are read one by one through the xref
// table when it has a classic one (pdf-xref.ts; what Chromium writes), and the whole file is parsed
// by pdf-lib only when that is not possible or when pages are added or drawn on (print-marks.ts).
import { ParseSpeeds, PDFDocument } from 'pdf-lib'
import { ConvertError } from '../errors.js'
import { documentObjects, type PdfObjects, xrefDocumentObjects } from './pdf-objects.js'
import { readXref, XrefError, type XrefObjects } from './pdf-xref.js'

export class LoadedPdf {
  private parsed: Promise<PDFDocument> | undefined

  constructor(
    readonly bytes: Uint8Array,
    /** the objects by the xref table; undefined when the file has none that can be read alone */
    readonly xref: XrefObjects | undefined,
  ) {}

  /** The whole document parsed by pdf-lib (once): 0.2 to 0.8 s of CPU for a 60-page deck. */
  document(): Promise<PDFDocument> {
    this.parsed ??= PDFDocument.load(this.bytes, {
      updateMetadata: false,
      parseSpeed: ParseSpeeds.Fastest,
    }).catch((cause: unknown) => {
      throw new ConvertError('the browser wrote a PDF that cannot be read', { cause })
    })
    return this.parsed
  }

  /**
   * `read` on the objects from the xref table, or on the fully parsed document when the file has
   * no usable table or turns out not to match it (an XrefError).
   */
  async read<T>(read: (objects: PdfObjects) => T): Promise<T> {
    if (this.xref) {
      try {
        const objects = xrefDocumentObjects(this.xref)
        if (objects) return read(objects)
      } catch (error) {
        if (!(error instanceof XrefError)) throw error
      }
    }
    return read(documentObjects(await this.document()))
  }
}

/** Loads a PDF the browser wrote; parsing waits until something asks for an object. */
export async function loadPdf(bytes: Uint8Array): Promise<LoadedPdf> {
  let xref: XrefObjects | undefined
  try {
    xref = readXref(bytes)
  } catch {
    // a trailer pdf-lib's object parser cannot read: the full parse will say what is wrong
    xref = undefined
  }
  return new LoadedPdf(bytes, xref)
}
