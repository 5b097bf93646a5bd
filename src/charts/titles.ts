// A chart's words: its title (a locale key, text, or text per locale) and subtitle, with the report's
// placeholders ({year}, {region}, {city}) filled in, so that no built-in string holds a year or a place.
import type { Edition } from '../context.js'
import { translateFor } from '../i18n/locale.js'
import type { ChartDefinition, JsonPath } from './definition.js'
import { chartError } from './definition.js'
import type { ChartOptions } from './uses.js'

/** A locale key: dotted lower-case words (chart.title.headline-targets); anything else is text. */
const LOCALE_KEY = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i

/** The placeholders a chart's words may use. */
export function chartVars(edition: Edition): Record<string, unknown> {
  const meta = edition.report.meta as typeof edition.report.meta & { region?: string }
  const region = meta.region ?? meta.city
  return { year: meta.year, region, city: region }
}

export function translateIn(def: ChartDefinition, path: JsonPath, edition: Edition, key: string): string {
  try {
    return translateFor(edition, key, chartVars(edition))
  } catch (cause) {
    throw chartError(def, path, (cause as Error).message, cause)
  }
}

/** Text that may be a locale key. */
function words(def: ChartDefinition, path: JsonPath, edition: Edition, text: string): string {
  return LOCALE_KEY.test(text) ? translateIn(def, path, edition, text) : text
}

export function resolveTitle(def: ChartDefinition, options: ChartOptions, edition: Edition): string {
  if (options.title !== undefined) return options.title
  const t = def.binding.title
  if (typeof t === 'string') return words(def, ['huibao', 'title'], edition, t)
  if (t && typeof t === 'object') {
    const text = t[edition.locale]
    if (text === undefined)
      throw chartError(def, ['huibao', 'title'], `has no title for the locale ${edition.locale}`)
    return text
  }
  const spec = def.spec.title
  if (typeof spec === 'string') return spec
  if (spec && typeof spec === 'object' && typeof (spec as { text?: unknown }).text === 'string')
    return (spec as { text: string }).text
  return ''
}

export function resolveSubtitle(def: ChartDefinition, edition: Edition): string {
  const key = def.binding.subtitle
  return key ? words(def, ['huibao', 'subtitle'], edition, key) : ''
}
