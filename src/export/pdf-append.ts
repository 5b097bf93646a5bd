// An incremental update (ISO 32000-1 §7.5.6): the original file's bytes stay as they are and the
// changed or new objects follow them, with an xref section for just those objects and a trailer
// whose /Prev points at the original table. Readers take the newest definition of each object.
// Writing a few dozen objects this way costs a few milliseconds where rewriting a whole PDF with
// pdf-lib costs hundreds (every object parsed, then serialized again).
import { PDFDict, PDFName, PDFNumber, type PDFObject, type PDFRef } from 'pdf-lib'
import type { XrefObjects } from './pdf-xref.js'

/** The objects to (re)define, by reference; `trailer` entries replace the original trailer's. */
export interface PdfUpdate {
  objects: ReadonlyMap<PDFRef, PDFObject>
  trailer?: ReadonlyMap<string, PDFObject>
}

/** The original bytes followed by the update's objects, xref section and trailer. */
export function appendUpdate(source: XrefObjects, update: PdfUpdate): Uint8Array {
  const chunks: Uint8Array[] = [source.bytes]
  let length = source.bytes.length
  const push = (chunk: Uint8Array) => {
    chunks.push(chunk)
    length += chunk.length
  }
  // the update starts on a line of its own (Chromium's file ends with "%%EOF\n" already)
  if (source.bytes[source.bytes.length - 1] !== 0x0a) push(ascii('\n'))

  const offsets = new Map<number, { offset: number; generation: number }>()
  const refs = [...update.objects.keys()].sort((a, b) => a.objectNumber - b.objectNumber)
  for (const ref of refs) {
    const object = update.objects.get(ref) as PDFObject
    offsets.set(ref.objectNumber, { offset: length, generation: ref.generationNumber })
    push(ascii(`${ref.objectNumber} ${ref.generationNumber} obj\n`))
    push(serialize(object))
    push(ascii('\nendobj\n'))
  }

  const xrefOffset = length
  push(ascii(xrefSection(offsets)))

  // The new trailer repeats the original's entries (§7.5.6: "except the Prev entry") and adds /Prev.
  const trailer = PDFDict.withContext(source.context)
  for (const [key, value] of source.trailer.entries()) trailer.set(key, value)
  for (const [key, value] of update.trailer ?? []) trailer.set(PDFName.of(key), value)
  const size = Math.max(source.size, ...refs.map((r) => r.objectNumber + 1))
  trailer.set(PDFName.of('Size'), PDFNumber.of(size))
  trailer.set(PDFName.of('Prev'), PDFNumber.of(source.startxref))
  trailer.delete(PDFName.of('XRefStm'))
  push(ascii('trailer\n'))
  push(serialize(trailer))
  push(ascii(`\nstartxref\n${xrefOffset}\n%%EOF\n`))

  return Buffer.concat(chunks, length)
}

/**
 * "xref", then one subsection per run of consecutive object numbers; every entry is exactly 20
 * bytes ("0000012345 00000 n" and a two-byte end of line), as §7.5.4 requires.
 */
function xrefSection(offsets: ReadonlyMap<number, { offset: number; generation: number }>): string {
  const numbers = [...offsets.keys()].sort((a, b) => a - b)
  const lines = ['xref']
  for (let i = 0; i < numbers.length; ) {
    let j = i
    while (j + 1 < numbers.length && numbers[j + 1] === (numbers[j] as number) + 1) j++
    lines.push(`${numbers[i]} ${j - i + 1}`)
    for (let k = i; k <= j; k++) {
      const entry = offsets.get(numbers[k] as number) as { offset: number; generation: number }
      lines.push(`${String(entry.offset).padStart(10, '0')} ${String(entry.generation).padStart(5, '0')} n\r`)
    }
    i = j + 1
  }
  return `${lines.join('\n')}\n`
}

/** A pdf-lib object's bytes as pdf-lib writes them (streams keep their binary contents). */
function serialize(object: PDFObject): Uint8Array {
  const bytes = new Uint8Array(object.sizeInBytes())
  object.copyBytesInto(bytes, 0)
  return bytes
}

function ascii(text: string): Uint8Array {
  return Buffer.from(text, 'latin1')
}
