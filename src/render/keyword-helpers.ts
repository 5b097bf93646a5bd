// Handlebars helpers for keyword slides (templates/deck/deck.md.hbs, partials/keywords.hbs): which
// keywords of a section share a slide, what each one's column shows, and the shared slide's title
// and notes. Every string that goes into the Markdown is escaped (escapeMarkdown).
import Handlebars from 'handlebars'
import type { Keyword, Section } from '../data/types.js'
import { escapeMarkdown, type HelperDelegate } from './handlebars.js'
import { keywordSlides, keywordSlideText } from './keyword-slides.js'
import { placeTable } from './place-table.js'

export interface KeywordHelperOptions {
  locale: string
  /** whether a keyword gets a chart slide of its own (src/charts/lookup.ts) */
  hasChart: (k: Keyword) => boolean
  /** the separator of keyword titles in a shared slide's title */
  separator?: string
}

const list = (value: unknown): Keyword[] => (Array.isArray(value) ? (value as Keyword[]) : [])

export function keywordHelpers(options: KeywordHelperOptions): Record<string, HelperDelegate> {
  const safe = (s: string) => new Handlebars.SafeString(escapeMarkdown(s))
  const separator = options.separator ?? ' · '
  return {
    /**
     * {{#each (keywordSlides section report.sections) as |group|}}: one group a slide; a group of one
     * is a keyword's own slide. A city keyword that the edition's own sections already quote is left out.
     */
    keywordSlides: (section: Section, sections: unknown) =>
      keywordSlides(section, {
        hasChart: options.hasChart,
        locale: options.locale,
        sections: Array.isArray(sections) ? (sections as Section[]) : [],
      }),
    /** {{#with (keywordText keyword) as |text|}}: text.essence, text.points (escaped), text.shown (metrics) */
    keywordText(keyword: Keyword) {
      const text = keywordSlideText(keyword)
      return { essence: safe(text.essence), points: text.points.map(safe), shown: text.shown }
    },
    /**
     * {{#with (placeTable keyword) as |table|}}: a keyword's list of places (keyword.places) as a
     * table: table.lead, table.columns, table.rows (place, part), escaped; nothing when its text names
     * fewer than two of them.
     */
    placeTable(keyword: Keyword) {
      const table = placeTable(keyword)
      if (!table) return undefined
      return {
        lead: safe(table.lead),
        columns: table.columns.map(safe),
        rows: table.rows.map((r) => ({ place: safe(r.place), part: safe(r.part) })),
      }
    },
    /** {{keywordTitles keywords}}: the titles of a shared slide's keywords, as one line (plain text) */
    keywordTitles: (keywords: unknown) =>
      list(keywords)
        .map((k) => k.title)
        .join(separator),
    /** {{keywordIds keywords}}: their ids, for the slide's metadata */
    keywordIds: (keywords: unknown) => list(keywords).map((k) => k.id),
    /** {{notes (keywordNotes keywords)}}: each keyword's title, then its full text */
    keywordNotes: (keywords: unknown) => list(keywords).flatMap((k) => [k.title, ...k.paragraphs]),
  }
}
