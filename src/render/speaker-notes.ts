// Speaker notes: {{notes}} and {{chartNotes}} hand their text to the deck's helper state, one list
// per slide, beside the Markdown rather than inside it. Marp reads every HTML comment as a possible
// directive (a YAML parse each), which for a deck's worth of long notes took about a third of Marp's
// render on every save in `huibao dev`; and a note kept apart can never end a comment early or read
// as a directive. An HTML comment a template writes itself is still a note, as in Marp.
import type { Locale } from '../i18n/figures.js'

/**
 * Adds a note to the slide the templates are on (the first slide when none has begun yet); returns
 * where it went, so that a note can be filled in later (a chart's description, once it is drawn).
 */
export function addNote(
  notes: string[][],
  slideCount: number,
  text: string,
): { slide: number; note: number } {
  const slide = Math.max(slideCount - 1, 0)
  notes[slide] = [...(notes[slide] ?? []), text]
  return { slide, note: (notes[slide]?.length ?? 1) - 1 }
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
