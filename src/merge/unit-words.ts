// A unit's words come from the report's locale, not from a guess: 户 counts households in one report
// (new gas users, "90,000 households") and firms or other entities in another, where the label
// already says what is counted. The locale files' `units:` table (the report's
// locales/<locale>.yaml over huibao's) gives each unit's words in that language; they are set on
// every metric as its unitText when an edition is assembled, so every output (text, charts, tables,
// PowerPoint) writes the figure the same way. A metric's own unitText in the data wins.
import { allMetrics } from '../data/metrics.js'
import type { Report } from '../data/types.js'
import type { LocaleStrings } from '../i18n/locale.js'

/** The locale's word for a unit, or undefined when the locale does not name it. */
export function unitWord(strings: LocaleStrings, unit: string): string | undefined {
  return strings[`units.${unit}`]
}

/** A copy of the report in which every metric without a unitText has the locale's word for its unit. */
export function applyUnitWords(report: Report, strings: LocaleStrings, locale: string): Report {
  if (locale === 'zh-CN') return report
  const named = allMetrics(report).some(
    (e) => e.metric.unitText === undefined && unitWord(strings, e.metric.unit) !== undefined,
  )
  if (!named) return report
  const copy = structuredClone(report)
  for (const { metric } of allMetrics(copy)) {
    const word = unitWord(strings, metric.unit)
    if (metric.unitText === undefined && word !== undefined) metric.unitText = word
  }
  return copy
}
