// A quick read of plain YAML. The parser that keeps every node's position (the `yaml` package) takes
// about four times as long as js-yaml on a report, and positions are needed only when a message names
// a place. Reports are almost always plain YAML: maps, lists, text and numbers. For those, js-yaml
// (YAML 1.2 core schema, the same as the `yaml` package's) gives the value, and the positions are
// parsed only when something asks for one (load-yaml.ts). Anything outside that plain subset, and
// anything js-yaml or the text checks refuse, goes to the full parser, whose answer and messages stay
// the reference: this is a shortcut for clean files, never a second opinion on broken ones.
import { CORE_SCHEMA, load } from 'js-yaml'
import { FORBIDDEN, TEXT_LIMITS, textKind } from './hygiene.js'

/**
 * Syntax whose reading could differ between the two parsers or that the full parser checks itself:
 * anchors, aliases and tags (& * !), merge keys (<<), directives (%YAML), complex keys (? ),
 * several documents (a second ---), binary and underscored numbers. Conservative: a match anywhere,
 * in text or comments too, only means the full parser reads the file.
 */
const NOT_PLAIN = /[&*!]|<<|^%|^[ \t-]*\?(?:[ \t]|$)|\b0b[01]|\d_\d/m
/** One "---" at most, and no "..." (a document end): one document, as a report is. */
const DOCUMENT_MARKERS = /^(?:---|\.\.\.)(?:[ \t]|$)/gm
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** Whether every key and text passes the hygiene checks (hygiene.ts) without a doubt. */
function clean(value: unknown, key: string | undefined): boolean {
  if (typeof value === 'string') return !FORBIDDEN.test(value) && value.length <= TEXT_LIMITS[textKind(key)]
  if (value === null || typeof value !== 'object') return typeof value !== 'number' || Number.isFinite(value)
  if (Array.isArray(value)) return value.every((item) => clean(item, key))
  if (Object.getPrototypeOf(value) !== Object.prototype) return false
  return Object.entries(value).every(
    ([k, v]) => !FORBIDDEN_KEYS.has(k) && !FORBIDDEN.test(k) && k.length <= TEXT_LIMITS.key && clean(v, k),
  )
}

/**
 * The value of `text` when it is plain YAML that reads cleanly, else undefined (the full parser
 * then reads it and says what is wrong, where).
 */
export function quickYamlValue(text: string): unknown {
  if (NOT_PLAIN.test(text) || FORBIDDEN.test(text)) return undefined
  const markers = text.match(DOCUMENT_MARKERS) ?? []
  if (markers.length > 1 || markers.some((m) => m.startsWith('.'))) return undefined
  let value: unknown
  try {
    // duplicate keys are an error here as in the full parser (uniqueKeys)
    value = load(text, { schema: CORE_SCHEMA, maxAliases: 0 })
  } catch {
    return undefined
  }
  if (value === null || value === undefined || !clean(value, undefined)) return undefined
  return value
}
