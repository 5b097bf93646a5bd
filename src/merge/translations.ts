// A language edition must be complete: every text the reader sees is translated, and every word the
// templates add exists in the edition's locale. Anything missing is an error, never Chinese shown
// silently in an English deck.

import { join } from 'node:path'
import { truncate } from '../data/wording.js'
import type { Problem, SourceLocation } from '../errors.js'
import { type LocaleStrings, loadLocale, localeFiles, missingKeys } from '../i18n/locale.js'
import { displayPath } from '../utils/paths.js'
import type { DataPath } from './overlay.js'

/** Han characters, CJK punctuation and full-width forms: what an English text must not contain. */
const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u

/** Fields that hold codes, ids, numbers or dates, not text for readers. */
const NOT_TEXT = new Set([
  '$schema',
  'id',
  'locale',
  'unit',
  'scale',
  'comparator',
  'kind',
  'highlights',
  'delivered',
  'published',
  'theme',
  'accent',
  'logo',
])

/** Top-level parts that are notes about the Chinese text, never shown. */
const NOT_SHOWN = new Set(['nonMetricNumbers'])

export interface TranslatableEdition {
  locale: string
  report: unknown
  source: { locate(path: DataPath): SourceLocation }
}

/** The path as overlays name items: by id where the item has one (sections[<id>].lead). */
function formatPath(path: DataPath, root: unknown): string {
  let out = ''
  let value: unknown = root
  for (const s of path) {
    const next: unknown = (value as Record<string | number, unknown> | undefined)?.[s]
    if (typeof s === 'number') {
      const id = (next as { id?: unknown } | undefined)?.id
      out += typeof id === 'string' ? `[${id}]` : `[${s}]`
    } else out += out ? `.${s}` : s
    value = next
  }
  return out
}

/**
 * Every text field of an edition in a locale other than zh-CN that still holds Chinese after the
 * merge, with the file:line the text came from (usually the base report.yaml).
 */
export function missingTranslations(edition: TranslatableEdition): Problem[] {
  if (edition.locale === 'zh-CN') return []
  const problems: Problem[] = []
  const walk = (value: unknown, path: (string | number)[]) => {
    const last = path[path.length - 1]
    if (typeof last === 'string' && NOT_TEXT.has(last)) return
    if (path.length === 1 && NOT_SHOWN.has(String(last))) return
    if (typeof value === 'string') {
      if (CJK.test(value)) {
        problems.push({
          location: edition.source.locate(path),
          path: formatPath(path, edition.report),
          message: `translation missing: "${truncate(value, 30)}" is still in Chinese`,
        })
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => {
        walk(v, [...path, i])
      })
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k])
    }
  }
  walk(edition.report, [])
  return problems
}

/** The reference locale: every other locale file must have all of its keys. */
export const REFERENCE_LOCALE = 'zh-CN'

/**
 * Loads the strings of a locale and checks them against zh-CN. Returns the strings and one problem
 * per missing key (an empty list when complete).
 */
export async function loadCheckedLocale(
  projectRoot: string,
  locale: string,
  reportDir?: string,
): Promise<{ strings: LocaleStrings; problems: Problem[]; file: string }> {
  const strings = await loadLocale(projectRoot, locale, reportDir)
  const shared = localeFiles(strings).find((f) => f.origin !== 'report')
  const file = displayPath(shared?.path ?? join(projectRoot, 'templates', 'locales', `${locale}.yaml`))
  if (locale === REFERENCE_LOCALE) return { strings, problems: [], file }
  const reference = await loadLocale(projectRoot, REFERENCE_LOCALE, reportDir)
  const problems = missingKeys(strings, reference).map((key) => ({
    location: { file },
    path: key,
    message: `missing key "${key}" (zh-CN has "${truncate(reference[key] ?? '', 40)}")`,
  }))
  return { strings, problems, file }
}
