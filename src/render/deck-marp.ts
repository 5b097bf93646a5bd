// Step 5 of the deck: Marp Markdown -> HTML (one <section> per slide) + CSS, with speaker notes from
// the HTML comments. Here are the Marp settings production uses (exported, so that nothing builds
// its own), the typesetting applied to Marp's HTML, and the check that the templates made one
// slide per {{slide}} call.
import type { Marp } from '@marp-team/marp-core'
import { TemplateRenderError } from '../errors.js'
import type { Locale } from '../i18n/figures.js'
import { marpWithThemes } from './marp-instance.js'
import { insertPhraseBreaks } from './phrase-breaks.js'
import { decodeNote } from './speaker-notes.js'
import { typesetEnglish } from './typography.js'

/**
 * The Marp converter the deck uses (no inline SVG wrapper, no script, no math, no emoji), kept
 * between renders for the same themes (marp-instance.ts).
 */
export function deckMarp(themeCss: readonly string[]): Marp {
  return marpWithThemes([...themeCss])
}

export interface MarpDeck {
  html: string
  css: string
  /** speaker notes per slide as plain text */
  notes: string[]
}

export interface MarpDeckOptions {
  themeCss: readonly string[]
  locale: Locale
  /** what replaces each `<div class="huibao-embed-N">` placeholder (charts, the logo) */
  embeds: readonly string[]
  /** how many times the templates called {{slide}} */
  slideCount: number
}

/** Marp's HTML and CSS of the deck's Markdown, typeset, with the embeds in place. */
export function markdownToSlides(markdown: string, o: MarpDeckOptions): MarpDeck {
  const rendered = deckMarp(o.themeCss).render(markdown)
  const typeset = o.locale === 'en' ? typesetEnglish(rendered.html) : rendered.html
  const html = insertPhraseBreaks(typeset).replace(
    /<div class="huibao-embed-(\d+)"\s*><\/div>/g,
    (whole, n: string) => o.embeds[Number(n)] ?? whole,
  )
  const sectionCount = (html.match(/<section\b/g) ?? []).length
  if (sectionCount !== o.slideCount || rendered.comments.length !== sectionCount) {
    throw new TemplateRenderError(
      `the deck templates made ${sectionCount} slides but called {{slide}} ${o.slideCount} times; every slide must start with {{slide "<kind>"}} and contain no other ---`,
      { location: { file: 'templates/deck/deck.md.hbs' } },
    )
  }
  const notes = rendered.comments.map((list) => list.map(decodeNote).join('\n\n'))
  return { html, css: rendered.css, notes }
}
