// Dates as each locale writes them in running text: 2030年1月30日, 30 January 2030. One function for
// the deck, the handouts and the PowerPoint, so a date reads the same in all of them.
import type { Locale } from './figures.js'

/** A YYYY-MM-DD date (or a Date) as the locale writes it; anything else comes back as written. */
export function formatDate(value: unknown, locale: Locale): string {
  const iso = value instanceof Date ? value.toISOString() : String(value)
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number)
  if (!y || !m || !d) return String(value)
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)))
}
