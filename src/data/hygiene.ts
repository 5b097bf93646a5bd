// Text hygiene at load: what a report's text may not hold, checked on the YAML document before any
// later stage sees a value, so that every refusal points at the data (file:line:column), never at a
// template or an output that choked on it later.
//   - control characters other than tab and newline (NUL, ESC, DEL, C1 controls): they break the XML
//     of deck.pptx, reach PDF metadata and terminals; lone surrogates (not text at all, and the cause
//     of "URI malformed" deep in a build); Unicode non-characters (U+FDD0…U+FDEF, U+xFFFE/U+xFFFF);
//   - a length limit per kind of field: a title is a line, a paragraph is a paragraph. A 100 000-
//     character title is refused here instead of overflowing a slide (and printing it in an error).
import { type Document, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml'
import type { Problem, SourceLocation } from '../errors.js'

/** Limits per field kind, in characters (code points). The example's longest values are far below. */
export const TEXT_LIMITS = {
  /** ids, codes and names of things: id, base, locale, theme, unit, scale, kind… */
  code: 200,
  /** one line shown as a heading or a label: title, label, name, office, speaker… */
  line: 1_000,
  /** running text: paragraphs, lead, sentence, text */
  text: 20_000,
  /** a map key (a field name or an id used as a key) */
  key: 200,
} as const
export type TextKind = keyof typeof TEXT_LIMITS

const CODE_FIELDS = new Set([
  'id',
  'ref',
  'base',
  'locale',
  'theme',
  'accent',
  'unit',
  'scale',
  'comparator',
  'kind',
  'level',
  'logo',
  'image',
])
const LINE_FIELDS = new Set([
  'title',
  'subtitle',
  'label',
  'name',
  'edition',
  'office',
  'issuer',
  'speaker',
  'role',
  'city',
  'region',
  'meeting',
  'source',
  'published',
  'delivered',
  'note',
  'reason',
  'keywords',
  'highlights',
  'sections',
  'order',
])

/** The kind of a field from its key (the key of the list for list items). */
export function textKind(key: string | undefined): TextKind {
  if (key === undefined) return 'text'
  if (CODE_FIELDS.has(key)) return 'code'
  if (LINE_FIELDS.has(key)) return 'line'
  return 'text'
}

const NAMES: Record<number, string> = {
  0: 'NUL',
  7: 'BEL',
  8: 'BACKSPACE',
  11: 'VERTICAL TAB',
  12: 'FORM FEED',
  13: 'CARRIAGE RETURN',
  27: 'ESC',
  127: 'DEL',
  133: 'NEXT LINE',
}

const NONCHARACTERS = Array.from({ length: 17 }, (_, plane) => {
  const base = (plane * 0x10000 + 0xfffe).toString(16)
  const last = (plane * 0x10000 + 0xffff).toString(16)
  return `\\u{${base}}\\u{${last}}`
}).join('')
/** One forbidden code point: C0 controls but tab and newline, DEL, C1, lone surrogates, non-characters. */
export const FORBIDDEN = new RegExp(
  `[\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\uD800-\\uDFFF\\uFDD0-\\uFDEF${NONCHARACTERS}]`,
  'u',
)

/** "U+001B (ESC, a control character)" and the like. */
export function describeCodePoint(cp: number): string {
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`
  if (cp >= 0xd800 && cp <= 0xdfff) return `${hex} (a lone surrogate, not a character)`
  if ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe) return `${hex} (a Unicode non-character)`
  const name = NAMES[cp]
  return `${hex} (${name ? `${name}, ` : ''}a control character)`
}

/** Index (in UTF-16 units) and code point of the first forbidden character of `text`, if any. */
export function findForbidden(text: string): { index: number; codePoint: number } | undefined {
  const m = FORBIDDEN.exec(text)
  if (!m) return undefined
  return { index: m.index, codePoint: m[0].codePointAt(0) as number }
}

/** The text cut to `max` characters for a message, with what was left out said. */
export function clipForMessage(text: string, max = 80): string {
  const chars = [...text]
  if (chars.length <= max) return text
  return `${chars.slice(0, max - 1).join('')}… (${chars.length} characters)`
}

const MAX_PROBLEMS = 50
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * Every forbidden character and every over-long value of a parsed YAML file, at its file:line:column.
 * `text` is the source the document was parsed from (to place characters written literally).
 */
export function checkTextHygiene(
  doc: Document,
  text: string,
  lineCounter: LineCounter,
  file: string,
): Problem[] {
  const problems: Problem[] = []
  const at = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset)
    return { file, line, column: col }
  }
  // Written literally anywhere in the file (also in comments): the exact place.
  const global = new RegExp(FORBIDDEN.source, 'gu')
  for (const m of text.matchAll(global)) {
    if (problems.length >= MAX_PROBLEMS) return problems
    const cp = m[0].codePointAt(0) as number
    problems.push({
      location: at(m.index ?? 0),
      message: `${describeCodePoint(cp)} is not allowed in report text`,
    })
  }
  const literal = problems.length > 0
  // Values: escapes ("\e", "\u0000", "\uD800") make characters the raw text does not show; and lengths.
  const stack: { node: unknown; path: (string | number)[]; key?: string }[] = [
    { node: doc.contents, path: [] },
  ]
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const { node, path, key } = stack.pop() as (typeof stack)[number]
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue
        const k = isScalar(pair.key) ? String(pair.key.value) : undefined
        if (k !== undefined && isScalar(pair.key)) {
          checkString(k, pair.key as Node, [...path, k], 'key')
        }
        stack.push({ node: pair.value, path: [...path, k ?? '?'], key: k })
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        stack.push({ node: item, path: [...path, i], key })
      })
    } else if (isScalar(node) && typeof node.value === 'string') {
      checkString(node.value, node as Node, path, textKind(key))
    }
  }
  return problems

  function checkString(value: string, node: Node, path: (string | number)[], kind: TextKind): void {
    const start = node.range?.[0] ?? 0
    const where = formatPath(path)
    // A key that would reach an object's prototype is dropped silently when read: refuse it.
    if (kind === 'key' && FORBIDDEN_KEYS.has(value)) {
      problems.push({ location: at(start), path: where, message: `"${value}" is not allowed as a key` })
      return
    }
    if (!literal) {
      const bad = findForbidden(value)
      if (bad) {
        problems.push({
          location: at(start),
          path: where,
          message: `${describeCodePoint(bad.codePoint)} is not allowed in report text (written as an escape)`,
        })
        return
      }
    }
    const limit = TEXT_LIMITS[kind]
    if (value.length > limit) {
      const length = [...value].length
      if (length > limit) {
        problems.push({
          location: at(start),
          path: where,
          message: `${kind === 'key' ? 'the key' : 'the text'} is ${length} characters long; the limit for ${KIND_WORDS[kind]} is ${limit}: “${clipForMessage(value, 40)}”`,
        })
      }
    }
  }
}

const KIND_WORDS: Record<TextKind, string> = {
  code: 'an id or code',
  line: 'a title or label',
  text: 'running text',
  key: 'a key',
}

function formatPath(path: readonly (string | number)[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('')
}
