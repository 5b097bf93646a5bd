// Reading single objects of a PDF through its cross-reference table, without parsing the rest.
// Finishing a PDF Chromium printed needs a few dozen of its thousands of objects (trailer, catalog,
// page tree, outline items, ToUnicode CMaps); pdf-lib's PDFDocument.load parses all of them (0.2 to
// 0.8 s of CPU for a deck). Each object here is parsed by pdf-lib's own object parser at the offset
// the table gives, so the objects are the same pdf-lib values the rest of the code works with.
//
// Only a classic xref table (what Chromium's Skia writes) is read; a cross-reference stream, a hybrid
// file or a table that does not match the file makes `readXref` return undefined, and the caller
// parses the whole file with pdf-lib instead.
import { PDFContext, PDFDict, PDFName, PDFNumber, type PDFObject, PDFObjectParser, PDFRef } from 'pdf-lib'

/** Where an object starts in the file: a byte offset and the generation the table records. */
interface XrefEntry {
  offset: number
  generation: number
}

/** Lazily parsed objects of one PDF file. */
export class XrefObjects {
  private readonly cache = new Map<number, PDFObject>()

  constructor(
    readonly bytes: Uint8Array,
    /** a pdf-lib context to parse into (never written out as a whole) */
    readonly context: PDFContext,
    /** the newest trailer (its /Prev chain has been followed into `entries`) */
    readonly trailer: PDFDict,
    /** where the newest xref section starts: the /Prev of an update appended to this file */
    readonly startxref: number,
    private readonly entries: ReadonlyMap<number, XrefEntry>,
  ) {}

  /** The first free object number: past every entry of the tables and the trailer's /Size. */
  get size(): number {
    let max = 0
    for (const n of this.entries.keys()) if (n > max) max = n
    const size = this.trailer.get(PDFName.of('Size'))
    return Math.max(max + 1, size instanceof PDFNumber ? size.asNumber() : 0)
  }

  /** Whether the tables have an entry for the object. */
  has(ref: PDFRef): boolean {
    return this.entries.get(ref.objectNumber)?.generation === ref.generationNumber
  }

  /** The object a reference names (parsed once); a direct object is returned as it is. */
  lookup(object: PDFObject | undefined): PDFObject | undefined {
    if (!(object instanceof PDFRef)) return object
    const cached = this.cache.get(object.objectNumber)
    if (cached) return cached
    // A reference without an entry would be null (§7.3.10), but in a file a browser just wrote it
    // means the table is incomplete: the whole-file parse finds the object where it is.
    const entry = this.entries.get(object.objectNumber)
    if (!entry || entry.generation !== object.generationNumber) {
      throw new XrefError(`object ${object.toString()} is not in the xref table`)
    }
    const parsed = this.parseAt(entry.offset, object)
    this.cache.set(object.objectNumber, parsed)
    return parsed
  }

  /** lookup, when the object must be a dictionary (a stream's dictionary does not count). */
  lookupDict(object: PDFObject | undefined): PDFDict | undefined {
    const found = this.lookup(object)
    return found instanceof PDFDict ? found : undefined
  }

  private parseAt(offset: number, ref: PDFRef): PDFObject {
    // "12 0 obj": checked, so that a table whose offsets are off fails here and not in a viewer
    const head = latin1(this.bytes, offset, offset + 32)
    const match = /^\s*(\d+)\s+(\d+)\s+obj\b/.exec(head)
    if (!match || Number(match[1]) !== ref.objectNumber || Number(match[2]) !== ref.generationNumber) {
      throw new XrefError(`object ${ref.toString()} is not at offset ${offset}`)
    }
    const body = this.bytes.subarray(offset + match[0].length)
    try {
      return PDFObjectParser.forBytes(body, this.context).parseObject()
    } catch (cause) {
      // pdf-lib's whole-file parser recovers from more than its object parser does alone
      throw new XrefError(`object ${ref.toString()} cannot be parsed`, { cause })
    }
  }
}

/** The file is not laid out as the xref table says: read it with a full parse instead. */
export class XrefError extends Error {}

/**
 * The objects of a PDF whose cross-reference data is classic xref tables (following /Prev), or
 * undefined when it is anything else.
 */
export function readXref(bytes: Uint8Array): XrefObjects | undefined {
  const startxref = lastStartxref(bytes)
  if (startxref === undefined) return undefined
  const entries = new Map<number, XrefEntry>()
  let newest: PDFDict | undefined
  const context = PDFContext.create()
  const visited = new Set<number>()
  for (let at: number | undefined = startxref; at !== undefined; ) {
    if (visited.has(at)) return undefined
    visited.add(at)
    const section = readSection(bytes, at, context)
    if (!section) return undefined
    // a newer section's entry wins over the older ones it updates
    for (const [n, entry] of section.entries) if (!entries.has(n)) entries.set(n, entry)
    newest ??= section.trailer
    // a hybrid file also keeps objects in a cross-reference stream that this does not read
    if (section.trailer.has(PDFName.of('XRefStm'))) return undefined
    const prev = section.trailer.get(PDFName.of('Prev'))
    if (prev !== undefined && !(prev instanceof PDFNumber)) return undefined
    at = prev?.asNumber()
  }
  if (!newest || !(newest.get(PDFName.of('Root')) instanceof PDFRef)) return undefined
  return new XrefObjects(bytes, context, newest, startxref, entries)
}

/** The offset after the last "startxref" (within the file's last 1 KiB, where it must be). */
function lastStartxref(bytes: Uint8Array): number | undefined {
  const tail = latin1(bytes, Math.max(0, bytes.length - 1024), bytes.length)
  const match = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)
  const offset = match ? Number(match[1]) : Number.NaN
  return Number.isInteger(offset) && offset < bytes.length ? offset : undefined
}

/** One "xref ... trailer << >>" section at `offset`, or undefined if it is not one. */
function readSection(
  bytes: Uint8Array,
  offset: number,
  context: PDFContext,
): { entries: Map<number, XrefEntry>; trailer: PDFDict } | undefined {
  if (latin1(bytes, offset, offset + 4) !== 'xref') return undefined
  const entries = new Map<number, XrefEntry>()
  let at = skipSpace(bytes, offset + 4)
  // subsections: a "first count" line, then `count` entries of exactly 20 bytes each (§7.5.4):
  // "0000012345 00000 n" and a two-byte end of line. Read by position, not by pattern: a deck's
  // table has thousands of entries.
  while (at < bytes.length && bytes[at] !== 0x74 /* t of "trailer" */) {
    const first = readInt(bytes, at)
    const count = first && readInt(bytes, skipSpace(bytes, first.end, false))
    if (!first || !count) return undefined
    at = skipSpace(bytes, count.end)
    for (let i = 0; i < count.value; i++, at += 20) {
      const type = bytes[at + 17]
      if (bytes[at + 10] !== 0x20 || bytes[at + 16] !== 0x20 || (type !== 0x6e && type !== 0x66))
        return undefined
      if (type === 0x6e /* n: in use */) {
        const entry = { offset: digits(bytes, at, 10), generation: digits(bytes, at + 11, 5) }
        if (Number.isNaN(entry.offset) || Number.isNaN(entry.generation)) return undefined
        entries.set(first.value + i, entry)
      }
    }
    at = skipSpace(bytes, at)
  }
  if (latin1(bytes, at, at + 7) !== 'trailer') return undefined
  const trailer = PDFObjectParser.forBytes(bytes.subarray(at + 7), context).parseObject()
  return trailer instanceof PDFDict ? { entries, trailer } : undefined
}

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x0c || byte === 0x00
}

function skipSpace(bytes: Uint8Array, at: number, newlines = true): number {
  let i = at
  while (i < bytes.length && isSpace(bytes[i]) && (newlines || (bytes[i] !== 0x0a && bytes[i] !== 0x0d))) i++
  return i
}

function readInt(bytes: Uint8Array, at: number): { value: number; end: number } | undefined {
  let end = at
  while (end < bytes.length && (bytes[end] as number) >= 0x30 && (bytes[end] as number) <= 0x39) end++
  return end > at ? { value: digits(bytes, at, end - at), end } : undefined
}

/** The decimal number in `length` ASCII digits at `at` (NaN if one is not a digit). */
function digits(bytes: Uint8Array, at: number, length: number): number {
  let value = 0
  for (let i = at; i < at + length; i++) {
    const d = (bytes[i] ?? 0) - 0x30
    if (d < 0 || d > 9) return Number.NaN
    value = value * 10 + d
  }
  return value
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1', start, end)
}
