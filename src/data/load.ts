// Reading report YAML: bytes -> text -> YAML document -> plain value, keeping the document so that
// any data path (["sections", 2, "keywords", 0, "title"]) maps back to file:line:column.
// Bad input never gets a stack trace or a hang: oversized, binary, non-UTF-8 and empty files are
// refused before parsing, every YAML syntax error is reported at once, and alias bombs stop early.
import { stat } from 'node:fs/promises'
import path from 'node:path'
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type YAMLError,
} from 'yaml'
import { DataParseError, type Problem, type SourceLocation } from '../errors.js'
import type { Logger } from '../log/logger.js'
import { formatBytes, safeReadFile, UnsafeFileError } from '../utils/safe-read.js'
import { checkTextHygiene } from './hygiene.js'
import type { Report } from './types.js'
import { validateReport } from './validate.js'

/** Largest report file accepted: a whole work report is well under 1 MB of text. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024
/** Most alias expansions (*name) allowed in one file; more means an alias bomb, not a report. */
export const MAX_ALIAS_COUNT = 100
/** The file loadReport() reads inside a report folder. */
export const REPORT_FILE = 'report.yaml'

export type DataPath = readonly (string | number)[]

export interface LocateOptions {
  /** Point at the key of the last path segment instead of its value (for unknown fields). */
  key?: boolean
}

/** Maps a data path to the place of its YAML node, or of the nearest parent that exists. */
export type Locate = (path: DataPath, options?: LocateOptions) => SourceLocation

export interface LoadOptions {
  /** Receives YAML warnings (unknown tags and the like). */
  logger?: Logger
  /** Folders the file must really lie in (an overlay: the report's or the project's); see safe-read.ts. */
  roots?: readonly string[]
}

export interface LoadedYaml {
  /** Absolute path of the file. */
  file: string
  /** The file as messages name it: relative to the working directory when inside it. */
  displayFile: string
  value: unknown
  locate: Locate
}

export interface LoadedReport {
  /** Absolute path of the report folder (the folder holding the YAML file). */
  dir: string
  /** Absolute path of the YAML file. */
  file: string
  /** The file as messages name it. */
  displayFile: string
  report: Report
  locate: Locate
}

/** A path as messages show it: relative to the working directory when inside it, else absolute. */
export function displayPath(file: string): string {
  const abs = path.resolve(file)
  const rel = path.relative(process.cwd(), abs)
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs
}

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
async function readText(file: string, shown: string, roots?: readonly string[]): Promise<string> {
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

/** The YAML parser's message in the words of someone editing a report. */
function syntaxMessage(error: YAMLError): string {
  const first = error.message.split('\n')[0] ?? error.message
  if (error.code === 'MULTIPLE_DOCS') {
    return 'the file holds more than one YAML document (a second "---"); a report is one document'
  }
  if (/call stack/i.test(first)) return 'the data is nested too deeply to read'
  return first
}

function makeLocate(doc: Document, lineCounter: LineCounter, shown: string): Locate {
  const at = (offset: number | undefined): SourceLocation => {
    if (offset === undefined) return { file: shown }
    const { line, col } = lineCounter.linePos(offset)
    return { file: shown, line, column: col }
  }
  return (dataPath, options = {}) => {
    let node: unknown = doc.contents
    let offset = (doc.contents?.range?.[0] as number | undefined) ?? 0
    for (const [i, segment] of dataPath.entries()) {
      const last = i === dataPath.length - 1
      if (isAlias(node)) node = node.resolve(doc)
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment))
        if (!pair) break
        const keyOffset = isScalar(pair.key) ? pair.key.range?.[0] : undefined
        const value = pair.value as { range?: [number, number, number] } | null
        if ((last && options.key) || !value?.range) return at(keyOffset ?? offset)
        node = value
        offset = value.range[0]
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as { range?: [number, number, number] } | undefined
        if (!item?.range) break
        node = item
        offset = item.range[0]
      } else break
    }
    return at(offset)
  }
}

/** The first alias (*name) whose anchor (&name) is not set before it, with its offset. */
function unresolvedAlias(doc: Document): { name: string; offset?: number } | undefined {
  let found: { name: string; offset?: number } | undefined
  visit(doc, {
    Alias(_, node) {
      if (node.resolve(doc) === undefined) {
        found = { name: node.source, offset: node.range?.[0] }
        return visit.BREAK
      }
      return undefined
    },
  })
  return found
}

/** Reads and parses one YAML file. Throws DataParseError naming the file and line. */
export async function loadYaml(file: string, options: LoadOptions = {}): Promise<LoadedYaml> {
  const abs = path.resolve(file)
  const shown = displayPath(abs)
  // Old Mac line ends (CR alone) are line ends too; after this, every line ends in LF.
  const text = (await readText(abs, shown, options.roots)).replace(/\r\n?/g, '\n')
  const lineCounter = new LineCounter()
  let doc: Document
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  } catch (cause) {
    throw new DataParseError(`cannot parse the YAML: ${(cause as Error).message}`, {
      location: { file: shown },
      cause,
    })
  }
  const where = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset)
    return { file: shown, line, column: col }
  }
  if (doc.errors.length > 0) {
    const problems: Problem[] = doc.errors.map((e) => ({
      location: where(e.pos[0]),
      message: syntaxMessage(e),
    }))
    const n = problems.length
    throw new DataParseError(`${shown}: ${n} YAML syntax error${n === 1 ? '' : 's'}`, { problems })
  }
  for (const w of doc.warnings) {
    options.logger?.warn(`${shown}:${where(w.pos[0]).line}: ${w.message.split('\n')[0]}`)
  }
  if (doc.contents === null) {
    throw new DataParseError('file has no data, only comments or blank lines', {
      location: { file: shown, line: 1, column: 1 },
    })
  }
  const hygiene = checkTextHygiene(doc, text, lineCounter, shown)
  if (hygiene.length > 0) {
    const n = hygiene.length
    throw new DataParseError(`${shown}: ${n} problem${n === 1 ? '' : 's'} with the text`, {
      problems: hygiene,
      hint: 'report text is plain Unicode text: no control characters (other than tab and newline), and each field within its length limit',
    })
  }
  const unresolved = unresolvedAlias(doc)
  if (unresolved) {
    throw new DataParseError(
      `undefined YAML alias *${unresolved.name}: no anchor &${unresolved.name} is set before it`,
      { location: unresolved.offset === undefined ? { file: shown } : where(unresolved.offset) },
    )
  }
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (cause) {
    const bomb = /excessive alias count/i.test((cause as Error).message)
    let firstAlias: SourceLocation = { file: shown }
    visit(doc, {
      Alias(_, node) {
        if (node.range) firstAlias = where(node.range[0])
        return visit.BREAK
      },
    })
    throw new DataParseError(
      bomb
        ? `file expands YAML aliases (*name) more than ${MAX_ALIAS_COUNT} times; refusing to read it (this is how alias bombs exhaust memory)`
        : `cannot read the YAML: ${(cause as Error).message}`,
      {
        location: bomb ? firstAlias : { file: shown },
        hint: bomb ? 'write the repeated data out, or use fewer aliases' : undefined,
        cause: bomb ? undefined : cause,
      },
    )
  }
  return { file: abs, displayFile: shown, value, locate: makeLocate(doc, lineCounter, shown) }
}

/** The YAML file for a report path: the path itself if it is a file, else <dir>/report.yaml. */
export async function resolveReportFile(reportPath: string): Promise<string> {
  const abs = path.resolve(reportPath)
  let isDir: boolean
  try {
    isDir = (await stat(abs)).isDirectory()
  } catch {
    throw new DataParseError(`cannot find ${displayPath(abs)}: no such file or folder`, {
      hint: 'give a report folder such as data/<report>, or its report.yaml',
    })
  }
  if (!isDir) return abs
  const file = path.join(abs, REPORT_FILE)
  try {
    await stat(file)
  } catch {
    throw new DataParseError(`${displayPath(abs)} has no ${REPORT_FILE}`, {
      hint: 'a report folder holds report.yaml (and optionally editions/)',
    })
  }
  return file
}

/**
 * Loads and validates a report: `reportPath` is a report folder (reads <dir>/report.yaml) or a YAML
 * file. Throws DataParseError (unreadable YAML) or DataValidationError (every problem at once).
 */
export async function loadReport(reportPath: string, options: LoadOptions = {}): Promise<LoadedReport> {
  const file = await resolveReportFile(reportPath)
  const loaded = await loadYaml(file, options)
  const report = validateReport(loaded.value, { file: loaded.displayFile, locate: loaded.locate })
  return {
    dir: path.dirname(loaded.file),
    file: loaded.file,
    displayFile: loaded.displayFile,
    report,
    locate: loaded.locate,
  }
}
