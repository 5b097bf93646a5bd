// Placeholders in locale strings are checked before anything renders: a string may use the
// placeholders huibao's zh-CN string of the same key uses (what the template gives, e.g. {n}) and
// the report's own values ({year}, {region}, {meeting} …). Anything else would print "{cuont}" on a
// slide, so it is an error at the string's file:line (the report's locales/ file or a shared one).

import type { Problem } from '../errors.js'
import { type LocaleStrings, loadLocale, localeOrigin, placeholdersOf } from './locale.js'
import { REPORT_PLACEHOLDERS } from './report-vars.js'

/** The strings' problems: every placeholder that no template or report value fills. */
export function placeholderProblems(strings: LocaleStrings, reference: LocaleStrings): Problem[] {
  const problems: Problem[] = []
  for (const [key, text] of Object.entries(strings)) {
    const allowed = new Set([...REPORT_PLACEHOLDERS, ...placeholdersOf(reference[key] ?? '')])
    for (const name of placeholdersOf(text)) {
      if (allowed.has(name)) continue
      problems.push({
        location: localeOrigin(strings, key),
        path: key,
        message: `unknown placeholder {${name}} in "${text}" (this string may use ${[...allowed].map((a) => `{${a}}`).join(', ')})`,
      })
    }
  }
  return problems
}

/** Loads the strings of a report's locale and checks their placeholders against huibao's zh-CN. */
export async function checkLocalePlaceholders(
  projectRoot: string,
  locale: string,
  reportDir?: string,
): Promise<Problem[]> {
  const strings = await loadLocale(projectRoot, locale, reportDir)
  const reference = await loadLocale(projectRoot, 'zh-CN')
  return placeholderProblems(strings, reference)
}
