// Speaker notes travel through Marp as HTML comments: {{notes}} writes them, Marp hands them back
// per slide, and the deck decodes them to plain text. The encoding keeps a note from ending its
// comment early or reading as a Marp directive; the two directions live together so they stay inverse.
import type { Locale } from '../i18n/figures.js'

/** Escapes text for an HTML comment that Marp keeps as a speaker note (see decodeNote). */
export function encodeNote(text: string): string {
  // `-->` must not end the comment early, and `key: value` lines must not read as Marp directives.
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/:/g, '&#58;')
}

/** The note's plain text back from encodeNote's form. */
export function decodeNote(text: string): string {
  return text.replace(/&#58;/g, ':').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
}

/** Plain text of a notes argument: strings, lists, projects (title + text) and metrics (sentence). */
export function flatText(value: unknown, locale: Locale): string[] {
  if (value === undefined || value === null || value === false) return []
  if (Array.isArray(value)) return value.flatMap((v) => flatText(v, locale))
  if (typeof value === 'object') {
    const o = value as { text?: unknown; sentence?: unknown; title?: unknown }
    if (typeof o.text === 'string') {
      const sep = locale === 'en' ? ': ' : '：'
      return [typeof o.title === 'string' ? `${o.title}${sep}${o.text}` : o.text]
    }
    if (typeof o.sentence === 'string') return [o.sentence]
    return []
  }
  return [String(value)]
}
