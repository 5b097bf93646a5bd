// Every word a template adds (目录, 第 N 页, 关键词 …) comes from a locale file, never from the
// template itself, so that an edition in another language is complete or fails loudly. Strings are
// looked up in the report's locales/<locale>.yaml, then the project's and huibao's
// templates/locales/<locale>.yaml (src/resources.ts); a report overrides single keys. Strings take
// placeholders ({year}, {region}, {n} …): one that is not given is an error at the string's file:line.
import { isMap, isScalar, LineCounter, parseDocument, type YAMLMap } from 'yaml'
import type { Meta, Presentation } from '../data/types.js'
import { type SourceLocation, TemplateRenderError } from '../errors.js'
import { type ResolvedResource, resolveLayers } from '../resources.js'
import { displayPath } from '../utils/paths.js'
import { safeReadText } from '../utils/safe-read.js'
import { reportVars } from './report-vars.js'

export type LocaleStrings = Readonly<Record<string, string>>

interface LocaleInfo {
  /** Where each key was set (the file that won). */
  origins: Map<string, SourceLocation>
  /** Values every string may use ({year}, {region} …), bound for one edition. */
  vars: Record<string, unknown>
  /** The locale files read, highest precedence first. */
  files: ResolvedResource[]
}

// Keyed by the strings object itself, so that Edition.strings stays a plain record of strings.
const infos = new WeakMap<LocaleStrings, LocaleInfo>()

/** Where a locale string was set, for messages. */
export function localeOrigin(strings: LocaleStrings, key: string): SourceLocation | undefined {
  return infos.get(strings)?.origins.get(key)
}

/** The locale files behind these strings, highest precedence first. */
export function localeFiles(strings: LocaleStrings): ResolvedResource[] {
  return infos.get(strings)?.files ?? []
}

/** The same strings with the report's own placeholder values ({year}, {region} …) bound. */
export function bindReportVars(strings: LocaleStrings, vars: Record<string, unknown>): LocaleStrings {
  const copy = { ...strings }
  const info = infos.get(strings)
  infos.set(copy, { origins: info?.origins ?? new Map(), files: info?.files ?? [], vars })
  return copy
}

/** One locale file's strings with the place each was set, flattened to dotted keys. */
type ParsedLocale = [key: string, value: string, at: SourceLocation][]

// Parsed files by path and text: every edition of a build (and every save in `huibao dev`) reads
// the same locale files, and parsing them was a fifth of `huibao validate`. A changed file has
// another text, so it is parsed again.
const parsed = new Map<string, ParsedLocale>()

/** Reads one locale file: a nested map of strings, flattened to dotted keys, each with its line. */
async function readLocaleFile(
  file: string,
  into: Record<string, string>,
  origins: Map<string, SourceLocation>,
) {
  const text = await safeReadText(file, { what: 'locale file' })
  const key = `${file}\0${text}`
  let entries = parsed.get(key)
  if (!entries) {
    entries = parseLocale(text, displayPath(file))
    if (parsed.size >= 32) parsed.clear()
    parsed.set(key, entries)
  }
  for (const [dotted, value, at] of entries) {
    into[dotted] = value
    origins.set(dotted, at)
  }
}

function parseLocale(text: string, shown: string): ParsedLocale {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines })
  if (doc.errors.length > 0) {
    const e = doc.errors[0]
    const pos = e?.linePos?.[0]
    throw new TemplateRenderError(`locale file syntax error: ${e?.message.split('\n')[0]}`, {
      location: { file: shown, line: pos?.line, column: pos?.col },
    })
  }
  const out: ParsedLocale = []
  const walk = (node: unknown, prefix: string) => {
    if (!isMap(node)) return
    for (const pair of (node as YAMLMap).items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key)
      const dotted = prefix ? `${prefix}.${key}` : key
      if (isMap(pair.value)) walk(pair.value, dotted)
      else if (isScalar(pair.value) && pair.value.value !== null) {
        const at = lines.linePos(pair.value.range?.[0] ?? 0)
        out.push([dotted, String(pair.value.value), { file: shown, line: at.line, column: at.col }])
      }
    }
  }
  walk(doc.contents, '')
  return out
}

/**
 * The strings of a locale: the project's templates/locales/<locale>.yaml (a project with its own
 * templates/ has the whole file), else huibao's built-in one; then the report's
 * `<reportDir>/locales/<locale>.yaml`, which overrides single keys.
 */
export async function loadLocale(
  projectRoot: string,
  locale: string,
  reportDir?: string,
): Promise<LocaleStrings> {
  const layers = await resolveLayers('locale', locale, reportDir, projectRoot)
  const shared = layers.find((f) => f.origin !== 'report')
  const files = [...layers.filter((f) => f.origin === 'report'), ...(shared ? [shared] : [])]
  if (!shared) {
    throw new TemplateRenderError(
      `no strings for the locale ${locale}: templates/locales/${locale}.yaml does not exist`,
    )
  }
  const flat: Record<string, string> = {}
  const origins = new Map<string, SourceLocation>()
  for (const f of [...files].reverse()) await readLocaleFile(f.path, flat, origins)
  infos.set(flat, { origins, vars: {}, files })
  return flat
}

/** Every key in `reference` (the zh-CN strings) that `strings` lacks. */
export function missingKeys(strings: LocaleStrings, reference: LocaleStrings): string[] {
  return Object.keys(reference).filter((k) => !(k in strings))
}

/** The {names} a string uses. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string)
}

/**
 * Looks a string up and fills {name} placeholders from `vars` and the report's own values. A missing
 * key or a placeholder with no value is an error naming the locale file and line, never a blank.
 */
export function translate(strings: LocaleStrings, key: string, vars: Record<string, unknown> = {}): string {
  const template = strings[key]
  if (template === undefined) throw new TemplateRenderError(`missing locale string "${key}"`)
  const info = infos.get(strings)
  const all: Record<string, unknown> = { ...info?.vars, ...vars }
  return template.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = all[name]
    if (value === undefined || value === null) {
      const given = Object.keys(all).filter((k) => all[k] !== undefined && all[k] !== null)
      throw new TemplateRenderError(
        `locale string "${key}" uses {${name}}, which has no value here (placeholders: ${given.map((g) => `{${g}}`).join(', ')})`,
        { location: info?.origins.get(key) },
      )
    }
    return String(value)
  })
}

/** translate() with the edition's own values ({year}, {region}, {meeting} …) filled in. */
export function translateFor(
  edition: { strings: LocaleStrings; report: { meta: Meta; presentation?: Presentation } },
  key: string,
  vars: Record<string, unknown> = {},
): string {
  const { meta, presentation } = edition.report
  return translate(edition.strings, key, { ...reportVars(meta, presentation), ...vars })
}
