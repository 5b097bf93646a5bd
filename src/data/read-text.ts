// The bytes of a report file as UTF-8 text, refusing what cannot be a report before any parsing:
// too large, empty, UTF-16, binary (a NUL byte) or not valid UTF-8 (with a hint when it looks like
// GBK/GB18030, the usual encoding of Chinese text that is not UTF-8), each at its line and column.
import { DataParseError, type SourceLocation } from '../errors.js'
import { formatBytes, safeReadFile, UnsafeFileError } from '../utils/safe-read.js'

/** Largest report file accepted: a whole work report is well under 1 MB of text. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024

/** Offset of the first byte that is not valid UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i] as number
    if (b < 0x80) {
      i++
      continue
    }
    let need: number
    let lo = 0x80
    let hi = 0xbf
    if (b >= 0xc2 && b <= 0xdf) need = 1
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2
      if (b === 0xe0) lo = 0xa0
      if (b === 0xed) hi = 0x9f
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3
      if (b === 0xf0) lo = 0x90
      if (b === 0xf4) hi = 0x8f
    } else return i
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]
      if (c === undefined) return i
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i
    }
    i += need + 1
  }
  return -1
}

/** 1-based line and column (in characters) of a byte offset. */
function bytePosition(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++
      lineStart = i + 1
    }
  }
  const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset))
  return { line, column: [...before].length + 1 }
}

/** Whether the bytes read cleanly as GB18030/GBK, the usual encoding of Chinese text that is not UTF-8. */
function looksLikeGb18030(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('gb18030', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}

/** Reads a file as UTF-8 text, refusing what cannot be a report before any parsing. */
export async function readText(file: string, shown: string, roots?: readonly string[]): Promise<string> {
  const at = (line?: number, column?: number): SourceLocation => ({ file: shown, line, column })
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await safeReadFile(file, { maxBytes: MAX_FILE_BYTES, roots, what: 'the file' }))
  } catch (error) {
    if (!(error instanceof UnsafeFileError)) throw error
    if (error.size === undefined) {
      throw new DataParseError(`${error.reason}`, {
        location: at(),
        hint: 'give a report folder or a YAML file',
      })
    }
    throw new DataParseError(
      `file is too large to be a report: ${formatBytes(error.size)} (${error.size} bytes); the limit is ${formatBytes(MAX_FILE_BYTES)}`,
      { location: at(), hint: 'a report file holds text only; is this the right file?' },
    )
  }
  if (bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09)) {
    throw new DataParseError('file is empty', {
      location: at(1, 1),
      hint: 'a report starts with "id:", "locale:" and "meta:"; see schema/report.schema.json',
    })
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new DataParseError('file is UTF-16 text, not UTF-8', {
      location: at(1, 1),
      hint: 'save the file as UTF-8',
    })
  }
  const nul = bytes.indexOf(0)
  if (nul !== -1) {
    const pos = bytePosition(bytes, nul)
    throw new DataParseError(`file is binary, not YAML text (NUL byte at byte offset ${nul})`, {
      location: at(pos.line, pos.column),
      hint: 'a report is a UTF-8 text file; is this the right file?',
    })
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    const offset = firstInvalidUtf8(bytes)
    const pos = bytePosition(bytes, Math.max(offset, 0))
    const byte = bytes[offset]?.toString(16).toUpperCase().padStart(2, '0') ?? '?'
    throw new DataParseError(`file is not valid UTF-8: byte 0x${byte} at byte offset ${offset}`, {
      location: at(pos.line, pos.column),
      hint: looksLikeGb18030(bytes)
        ? 'the file looks like GBK/GB18030; save it as UTF-8'
        : 'save the file as UTF-8',
    })
  }
}
