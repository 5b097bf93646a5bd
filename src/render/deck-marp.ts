// Step 5 of the deck: Marp Markdown -> HTML (one <section> per slide) + CSS, with the speaker notes
// the templates gave each slide (and any HTML comment a template wrote, as Marp has it). Here are the Marp settings production uses (exported, so that nothing builds
// its own), the typesetting applied to Marp's HTML, and the check that the templates made one
// slide per {{slide}} call.
import type { Marp } from '@marp-team/marp-core'
import { TemplateRenderError } from '../errors.js'
import { cutMarpSlides, joinMarpSlides, keptBySlide } from '../html/marp-slides.js'
import type { Locale } from '../i18n/figures.js'
import { marpWithThemes } from './marp-instance.js'
import { insertPhraseBreaks } from './phrase-breaks.js'
import { typesetEnglish } from './typography.js'

/**
 * The Marp converter the deck uses (no inline SVG wrapper, no script, no math, no emoji), kept
 * between renders for the same themes (marp-instance.ts).
 */
export function deckMarp(themeCss: readonly string[], projectRoot?: string): Marp {
  return marpWithThemes([...themeCss], projectRoot)
}

export interface MarpDeck {
  html: string
  css: string
  /** speaker notes per slide as plain text */
  notes: string[]
}

export interface MarpDeckOptions {
  themeCss: readonly string[]
  /** the project whose cache keeps Marp's packed CSS between builds */
  projectRoot?: string
  locale: Locale
  /** what replaces each `<div class="huibao-embed-N">` placeholder (charts, the logo) */
  embeds: readonly string[]
  /** how many times the templates called {{slide}} */
  slideCount: number
  /** the notes {{notes}} and {{chartNotes}} gave each slide (0-based) */
  notes?: readonly (readonly string[] | undefined)[]
}

const typesetSlide = keptBySlide(2000)

/** Curly quotes in English, phrase breaks in Chinese: slide by slide, a slide's result kept by its HTML. */
function typeset(html: string, locale: Locale): string {
  const one = (slide: string) =>
    insertPhraseBreaks(locale === 'en' ? typesetEnglish(slide, { acrossElements: true }) : slide)
  const cut = cutMarpSlides(html)
  if (!cut) return one(html)
  return joinMarpSlides(
    cut,
    cut.slides.map((slide) => typesetSlide(locale, slide, one)),
  )
}

/** Marp's HTML and CSS of the deck's Markdown, typeset, with the embeds in place. */
export function markdownToSlides(markdown: string, o: MarpDeckOptions): MarpDeck {
  const rendered = deckMarp(o.themeCss, o.projectRoot).render(markdown)
  const html = typeset(rendered.html, o.locale).replace(
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
  const notes = rendered.comments.map((comments, i) => [...comments, ...(o.notes?.[i] ?? [])].join('\n\n'))
  return { html, css: rendered.css, notes }
}
