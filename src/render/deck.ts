// The slide deck: Edition -> Handlebars (templates/deck) -> Marp Markdown -> Marp HTML + CSS.
// The pipeline (src/pipeline.ts) runs it in its stages:
//   draftDeck()      1. theme: themes/<name>/deck.css, a Marp theme (deck-themes.ts)
//                    2. templates -> Marp Markdown, the charts the slides use (draft.chartUses)
//                       as placeholders, and the speaker notes beside it (speaker-notes.ts)
//   renderCharts()   3. the charts, drawn in Chromium with the bundled fonts (src/charts/)
//   draft.finish()   4. the charts into their placeholders and their descriptions into the notes
//                    5. Marp -> HTML (one <section> per slide) + CSS
//   checkOverflow()  6. every slide measured in Chromium; a slide whose content overflows fails
// The result (RenderedDeck) is what every deck output wraps: deck.html, deck.pdf, PNGs, PPTX.
import Handlebars from 'handlebars'
import {
  type ChartOptions,
  type ChartUse,
  chartUseKey,
  type RenderedChart,
  renderCharts,
} from '../charts/index.js'
import { chartCatalog, chartOf } from '../charts/lookup.js'
import type { BuildContext, Edition } from '../context.js'
import { indexMetrics } from '../data/metrics.js'
import type { Keyword, Section } from '../data/types.js'
import { ChartError } from '../errors.js'
import { logoDataUri } from '../html/data-uri.js'
import { escapeHtml } from '../html/escape.js'
import { htmlText } from '../html/text.js'
import type { Locale } from '../i18n/figures.js'
import { templateFamilyDir } from '../resources.js'
import { chartFigure, chartHelpers } from './chart-helpers.js'
import { type DeckHelperState, deckHelpers, type SlideMeta } from './deck-helpers.js'
import { markdownToSlides } from './deck-marp.js'
import { loadDeckThemes } from './deck-themes.js'
import {
  escapeMarkdown,
  type HelperDelegate,
  type HelperOptions,
  loadTemplateSet,
  renderTemplateSet,
} from './handlebars.js'
import { issuerView } from './issuer.js'
import { keywordHelpers } from './keyword-helpers.js'
import { checkOverflow } from './overflow.js'
import { addNote } from './speaker-notes.js'

export type { RenderedChart } from '../charts/index.js'
export type { SlideMeta } from './deck-helpers.js'

/**
 * A rendered slide deck: everything the deck outputs need. Slides, notes and the <section>
 * elements of `html` correspond one to one and in the same order.
 */
export interface RenderedDeck {
  /**
   * The Marp Markdown the templates produced (front matter, `---` between slides; the notes travel
   * beside it, see speaker-notes.ts). Charts and the logo appear in it as empty `<div class="huibao-embed-N">`
   * placeholders; `html` has them filled in.
   */
  markdown: string
  /** What replaces placeholder N of `markdown`: the chart's <figure> or the logo (one line of HTML). */
  embeds: string[]
  /**
   * Marp's HTML: `<div class="marpit">` holding one `<section>` per slide (1280x720 CSS px, no
   * inline SVG wrapper, no script). Charts are inline <svg>, the logo a data: URI. It loads nothing.
   * Report text in it is always escaped (shown literally); the only raw HTML comes from the
   * templates (Marp's html allowlist: div, span, p, br, small, strong, ol, ul, li with class) and
   * from the charts and logo put in after Marp. Each <section> has class = the slide kind
   * (title, agenda, targets, section, chart, keyword, keywords, metric-grid, projects, closing), lang, and
   * data-marpit-pagination.
   */
  html: string
  /**
   * Marp's CSS for `html`, including the theme and the edition's accent colour. It has no
   * @font-face rules: add fontFaceCss() (printing) or embeddedFontCss(deck.text) (self-contained).
   */
  css: string
  /** Marp theme name in use, e.g. huibao-formal */
  theme: string
  /** language of the deck (html lang) */
  lang: string
  /** document title for <title> and PDF metadata: the report title and edition name */
  title: string
  /** Speaker notes per slide as plain text (paragraphs separated by a blank line); '' if none. */
  notes: string[]
  /** What each slide shows; slides[i] is the (i+1)-th <section>. */
  slides: SlideMeta[]
  /** The charts placed in the slides, in order of first use. */
  charts: RenderedChart[]
  /** All text a viewer can see: slide text, chart text and notes (for font subsetting). */
  text: string
}

export interface RenderDeckOptions {
  /** Measure the slides in Chromium and throw OverflowError on overflow (default true). */
  checkOverflow?: boolean
}

/**
 * The deck before its charts: the theme and templates read, and the charts the slides use (from a
 * first pass of the templates). The pipeline draws those charts, then finishes the deck with them.
 */
export interface DeckDraft {
  /** the charts the slides show, each with its options, in order of use */
  chartUses: ChartUse[]
  /** puts the drawn charts and their descriptions in, then Marp: the deck (not yet measured) */
  finish(drawn: Map<string, RenderedChart>): RenderedDeck
}

/**
 * Renders the edition's slide deck: draft, charts, finish, and (unless told not to) the overflow
 * check. The pipeline runs these steps itself (src/pipeline.ts); this is for callers that want a
 * deck in one call (huibao dev, tests, the benchmark).
 */
export async function renderDeck(
  edition: Edition,
  ctx: BuildContext,
  options: RenderDeckOptions = {},
): Promise<RenderedDeck> {
  const draft = await draftDeck(edition, ctx)
  const deck = draft.finish(await renderCharts(draft.chartUses, edition, ctx))
  if (options.checkOverflow !== false) await checkOverflow(deck, ctx)
  return deck
}

/** Steps 1-2: theme and templates: the Markdown, with the charts it uses still to draw. */
export async function draftDeck(
  edition: Edition,
  ctx: Pick<BuildContext, 'projectRoot'>,
): Promise<DeckDraft> {
  const { projectRoot } = ctx
  const report = edition.report
  const locale = edition.locale as Locale

  // 1. theme
  const themes = await loadDeckThemes(edition, projectRoot)

  // 2.-4. templates: a collect pass for the charts, then the real pass
  const set = await loadTemplateSet(templateFamilyDir('deck', projectRoot), 'deck.md.hbs', edition.reportDir)
  const metrics = indexMetrics(report)
  const catalog = await chartCatalog(projectRoot, edition.reportDir)
  const logo = edition.logo ? await logoDataUri(edition.logo, [edition.reportDir, projectRoot]) : undefined
  // One pass of the templates: {{chart}} records its use and leaves a placeholder, {{chartNotes}} a
  // note to fill in; finish() puts the drawn charts and their descriptions in. (The templates used
  // to run twice, once to list the charts and once with them drawn; nothing else they write depends
  // on a drawn chart.)
  const state: DeckHelperState = { slides: [], locations: [], notes: [] }
  const embeds: string[] = []
  const embed = (html: string) => {
    embeds.push(html)
    return `<div class="huibao-embed-${embeds.length - 1}"></div>`
  }
  const uses: ChartUse[] = []
  const chartSlots: { embed: number; use: ChartUse }[] = []
  const noteSlots: { slide: number; note: number; key: string }[] = []
  const charts = chartHelpers('collect', uses, undefined, projectRoot)
  const helpers: Record<string, HelperDelegate> = {
    ...deckHelpers({ locale, metrics, projectRoot, state }),
    // which keywords share a slide (a keyword with a chart slide of its own keeps its own slide)
    ...keywordHelpers({ locale, hasChart: (k) => chartOf(k, catalog) !== undefined }),
    /**
     * {{chart "headline-targets" width=… height=… highlight=…}}: the chart's figure (inline SVG).
     * The SVG bypasses Markdown: the slide gets a placeholder that is filled in after Marp.
     */
    chart(name: unknown, options: HelperOptions) {
      charts.chart?.(name, options)
      const use = uses.at(-1) as ChartUse
      chartSlots.push({ embed: embeds.length, use })
      return new Handlebars.SafeString(embed(''))
    },
    /**
     * {{chartNotes "name" width=… height=… title=…}} (the same arguments as {{chart}}): a speaker
     * note with the chart's description, which reads out every figure it shows.
     */
    chartNotes(name: unknown, options: HelperOptions) {
      // the use's key normalizes the options as {{chart}}'s does (chartUseKey)
      const key = chartUseKey({ name: String(name), options: (options.hash ?? {}) as ChartOptions })
      noteSlots.push({ ...addNote(state.notes, state.slides.length, ''), key })
      return ''
    },
    /** {{#with (chartFor section)}}: the chart shown with a section or keyword (src/charts/lookup.ts) */
    chartFor: (item: Section | Keyword) => chartOf(item, catalog),
  }
  const context = {
    report,
    meta: report.meta,
    locale,
    theme: themes.name,
    // A district's footer names the district too ("<edition> · <meeting>"), unless the meeting's
    // name already holds the edition's name.
    footer: escapeMarkdown(
      report.presentation?.edition && !report.meta.meeting.includes(report.presentation.edition)
        ? `${report.presentation.edition} · ${report.meta.meeting}`
        : report.meta.meeting,
    ),
    editionName: report.presentation?.edition,
    office: report.presentation?.office,
    // who issued the report (the city government, in a district's edition too) and whose edition
    ...issuerView(edition),
    // the logo is a wordmark that names the edition: its alt text is the edition's name
    logo: logo
      ? embed(`<img class="logo" src="${logo}" alt="${escapeHtml(report.presentation?.edition ?? '')}">`)
      : undefined,
  }
  const markdown = renderTemplateSet(set, { edition, projectRoot, extraHelpers: helpers }, context)
  return {
    chartUses: uses,
    finish(drawn) {
      // 4. the drawn charts into their placeholders, their descriptions into the notes
      const filled = [...embeds]
      for (const slot of chartSlots) {
        const chart = drawn.get(chartUseKey(slot.use))
        if (!chart) {
          throw new ChartError(`chart "${slot.use.name}" was not drawn: run renderCharts() first`, {
            location: slot.use.location,
          })
        }
        filled[slot.embed] = chartFigure(chart)
      }
      const notes = state.notes.map((list) => [...list])
      for (const slot of noteSlots) {
        const list = notes[slot.slide]
        if (list) list[slot.note] = drawn.get(slot.key)?.description ?? ''
      }
      const charts: RenderedChart[] = []
      for (const use of uses) {
        const chart = drawn.get(chartUseKey(use))
        if (chart && !charts.includes(chart)) charts.push(chart)
      }
      // 5. marp
      const rendered = markdownToSlides(markdown, {
        themeCss: themes.css,
        projectRoot,
        locale,
        embeds: filled,
        slideCount: state.slides.length,
        notes: notes.map((list) => list.filter(Boolean)),
      })
      const { html, css } = rendered
      const title = [report.meta.title, report.presentation?.edition].filter(Boolean).join(' · ')
      return {
        markdown,
        embeds: filled,
        html,
        css,
        theme: themes.name,
        lang: locale,
        title,
        notes: rendered.notes,
        slides: state.slides,
        charts,
        text: `${htmlText(html)}\n${rendered.notes.join('\n')}\n${title}`,
      }
    },
  }
}
