// Readable text in the PDFs: ToUnicode entries that point at CJK radical look-alikes
// (U+2E80-U+2FDF, e.g. ⾥ for 里) are mapped back to the unified ideograph, so that search and copy
// find the word the reader sees. A font's cmap may list both code points for one glyph, and
// Chromium then sometimes records the radical as the glyph's text.
import { deflateSync, inflateSync } from 'node:zlib'
import { type PDFContext, PDFName, PDFNumber, PDFRawStream, PDFRef } from 'pdf-lib'

/** U+2E80-U+2FDF: CJK radicals and Kangxi radicals, which share glyphs with unified ideographs. */
export const RADICAL_RANGE = /[\u2E80-\u2FDF]/u

/**
 * The ToUnicode stream with radical targets replaced by their unified forms, or undefined when it
 * has none (or is encoded in a way other than Flate or not at all: it is then left alone).
 */
export function unifiedToUnicode(stream: PDFRawStream, context: PDFContext): PDFRawStream | undefined {
  const filter = stream.dict.get(PDFName.of('Filter'))
  const compressed = filter === PDFName.of('FlateDecode')
  if (filter && !compressed) return undefined
  const raw = Buffer.from(stream.contents)
  const fixed = unifyRadicals((compressed ? inflateSync(raw) : raw).toString('latin1'))
  if (fixed === undefined) return undefined
  const dict = stream.dict.clone(context)
  const body = deflateSync(Buffer.from(fixed, 'latin1'))
  dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'))
  dict.set(PDFName.of('Length'), PDFNumber.of(body.length))
  return PDFRawStream.of(dict, body)
}

/**
 * The references after every "/ToUnicode" key in the file's bytes: the fonts' CMaps, found without
 * parsing the fonts (or the pages and resources that lead to them). A match inside some binary
 * stream is harmless: its target is used only if it is a stream whose text is a CMap with radicals.
 * Only for files without object streams (whose dictionaries are compressed), as Chromium writes.
 */
export function toUnicodeRefs(bytes: Uint8Array): PDFRef[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const refs = new Map<string, PDFRef>()
  for (let at = buffer.indexOf('/ToUnicode'); at >= 0; at = buffer.indexOf('/ToUnicode', at + 1)) {
    const after = buffer.toString('latin1', at + '/ToUnicode'.length, at + 40)
    const match = /^\s*(\d+)\s+(\d+)\s+R/.exec(after)
    if (match) refs.set(`${match[1]} ${match[2]}`, PDFRef.of(Number(match[1]), Number(match[2])))
  }
  return [...refs.values()]
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
