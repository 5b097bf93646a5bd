// One YAML file -> a plain value, keeping the document so that any data path maps back to
// file:line:column (locate.ts). Every YAML syntax error is reported at once, text that is not plain
// Unicode text is refused (hygiene.ts), and alias bombs stop early. Three ways in, fastest first: the
// disk cache of a file read before (yaml-cache.ts), the quick read of plain YAML whose places are
// parsed only when a message needs one (quick-yaml.ts), and the full parser, which answers for
// everything else and says what is wrong where.
import path from 'node:path'
import { type Document, isAlias, isNode, LineCounter, parseDocument, visit, type YAMLError } from 'yaml'
import { DataParseError, type Problem, type SourceLocation } from '../errors.js'
import type { Logger } from '../log/logger.js'
import { displayPath } from '../utils/paths.js'
import { checkTextHygiene } from './hygiene.js'
import { type Locate, lazyLocate, makeLocate } from './locate.js'
import { indexPlaces, locateFromIndex } from './place-index.js'
import { quickYamlValue } from './quick-yaml.js'
import { readText } from './read-text.js'
import { yamlValueCache } from './yaml-cache.js'

/** Most alias expansions (*name) allowed in one file; more means an alias bomb, not a report. */
export const MAX_ALIAS_COUNT = 100

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

/** The YAML parser's message in the words of someone editing a report. */
function syntaxMessage(error: YAMLError): string {
  const first = error.message.split('\n')[0] ?? error.message
  if (error.code === 'MULTIPLE_DOCS') {
    return 'the file holds more than one YAML document (a second "---"); a report is one document'
  }
  if (/call stack/i.test(first)) return 'the data is nested too deeply to read'
  return first
}

/**
 * The first alias (*name) whose anchor (&name) is not set before it, with its offset. One walk
 * through the document, noting anchors as they come (an alias's own resolve() walks it again).
 */
function unresolvedAlias(doc: Document): { name: string; offset?: number } | undefined {
  const anchors = new Set<string>()
  let found: { name: string; offset?: number } | undefined
  visit(doc, (_, node) => {
    if (isAlias(node)) {
      if (anchors.has(node.source)) return undefined
      found = { name: node.source, offset: node.range?.[0] }
      return visit.BREAK
    }
    if (isNode(node) && node.anchor) anchors.add(node.anchor)
    return undefined
  })
  return found
}

function parse(text: string, lineCounter: LineCounter): Document {
  return parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
}

/** Reads and parses one YAML file. Throws DataParseError naming the file and line. */
export async function loadYaml(file: string, options: LoadOptions = {}): Promise<LoadedYaml> {
  const abs = path.resolve(file)
  const shown = displayPath(abs)
  // Old Mac line ends (CR alone) are line ends too; after this, every line ends in LF.
  const text = (await readText(abs, shown, options.roots)).replace(/\r\n?/g, '\n')
  const cache = await yamlValueCache(text)
  const cached = await cache.get()
  if (cached) {
    return {
      file: abs,
      displayFile: shown,
      value: cached.value,
      locate: cached.places ? locateFromIndex(cached.places, shown) : lazyLocate(text, shown),
    }
  }
  // Plain YAML that reads cleanly: its value now, its places when a message needs one.
  const quick = quickYamlValue(text)
  if (quick !== undefined) {
    await cache.set({ value: quick, places: 'later' })
    return { file: abs, displayFile: shown, value: quick, locate: lazyLocate(text, shown) }
  }
  const lineCounter = new LineCounter()
  let doc: Document
  try {
    doc = parse(text, lineCounter)
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
  // Every alias is written with a '*'; most reports have none, and walking the document costs.
  const unresolved = text.includes('*') ? unresolvedAlias(doc) : undefined
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
  if (doc.warnings.length === 0) await cache.set({ value, places: indexPlaces(doc, lineCounter) })
  return { file: abs, displayFile: shown, value, locate: makeLocate(doc, lineCounter, shown) }
}
