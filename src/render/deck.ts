// Stage: the slide deck. Edition -> Handlebars (templates/deck) -> Marp Markdown -> Marp HTML + CSS.
//
//   1. theme     themes/<name>/deck.css, a Marp theme; Edition.theme.accent sets --district
//   2. collect   render the templates once to learn which charts the slides use
//   3. charts    renderCharts() draws them (in Chromium, with the bundled fonts)
//   4. render    render the templates again with the charts in place -> Marp Markdown
//   5. marp      Marp -> HTML (one <section> per slide) + CSS; speaker notes from HTML comments
//   6. measure   load the slides in Chromium and fail on any slide whose content overflows it
//
// The result (RenderedDeck) is what every deck output wraps: deck.html, deck.pdf, PNGs, PPTX.
import { readdir, stat } from 'node:fs/promises'
import { extname, join } from 'node:path'
import Handlebars from 'handlebars'
import {
  type ChartOptions,
  type ChartUse,
  chartHelpers,
  chartUseKey,
  type RenderedChart,
  renderCharts,
} from '../charts/index.js'
import { chartCatalog, chartOf } from '../charts/lookup.js'
import type { BuildContext, Edition } from '../context.js'
import type { Locale } from '../data/format.js'
import { indexMetrics } from '../data/metrics.js'
import type { Keyword, Section } from '../data/types.js'
import { ConfigError, TemplateRenderError } from '../errors.js'
import { templateFamilyDir, themeDir } from '../resources.js'
import { safeReadFile, safeReadText } from '../utils/safe-read.js'
import { type DeckHelperState, deckHelpers, decodeNote, encodeNote, type SlideMeta } from './deck-helpers.js'
import {
  escapeHtml,
  escapeMarkdown,
  type HelperDelegate,
  type HelperOptions,
  loadTemplateSet,
  renderTemplateSet,
} from './handlebars.js'
import { htmlText } from './html-text.js'
import { issuerView } from './issuer.js'
import { marpWithThemes } from './marp-instance.js'
import { checkOverflow } from './overflow.js'
import { insertPhraseBreaks } from './phrase-breaks.js'
import { curlyQuotes } from './typography.js'

export type { RenderedChart } from '../charts/index.js'
export type { SlideMeta } from './deck-helpers.js'
export { htmlText } from './html-text.js'

/**
 * A rendered slide deck: everything the deck outputs need. Slides, notes and the <section>
 * elements of `html` correspond one to one and in the same order.
 */
export interface RenderedDeck {
  /**
   * The Marp Markdown the templates produced (front matter, `---` between slides, notes as HTML
   * comments). Charts and the logo appear in it as empty `<div class="huibao-embed-N">`
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
   * (title, agenda, targets, section, chart, keyword, metric-grid, projects, closing), lang, and
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

/** Theme folders that have a deck.css: the project's, and the report's own (reportDir/themes/). */
export async function availableThemes(projectRoot: string, reportDir?: string): Promise<string[]> {
  const out = new Set<string>()
  for (const root of [join(projectRoot, 'themes'), ...(reportDir ? [join(reportDir, 'themes')] : [])]) {
    const dirs = await readdir(root, { withFileTypes: true }).catch(() => [])
    for (const d of dirs) {
      if (!d.isDirectory()) continue
      const has = await stat(join(root, d.name, 'deck.css')).then(
        (st) => st.isFile(),
        () => false,
      )
      if (has) out.add(d.name)
    }
  }
  return [...out].sort()
}

interface LoadedThemes {
  /** Marp theme name of the chosen theme */
  name: string
  /** every deck theme's CSS (themes may @import one another), the chosen one last */
  css: string[]
}

async function loadThemes(edition: Edition, projectRoot: string): Promise<LoadedThemes> {
  const names = await availableThemes(projectRoot, edition.reportDir)
  const chosen = edition.theme.name
  if (!names.includes(chosen)) {
    throw new ConfigError(
      `unknown theme "${chosen}"; available themes: ${names.join(', ') || '(none found in themes/)'}`,
      { hint: 'set presentation.theme in report.yaml to one of the folder names in themes/' },
    )
  }
  const css: string[] = []
  let name = ''
  for (const n of names) {
    let text = await safeReadText(join(themeDir(n, edition.reportDir, projectRoot), 'deck.css'), {
      roots: [projectRoot, ...(edition.reportDir ? [edition.reportDir] : [])],
      what: 'theme file',
    })
    const marpName = /@theme\s+([\w-]+)/.exec(text)?.[1]
    if (!marpName) {
      throw new ConfigError(`themes/${n}/deck.css has no /* @theme <name> */ comment`)
    }
    if (n === chosen) {
      name = marpName
      const accent = edition.theme.accent
      if (accent !== undefined) {
        if (!/^#[0-9a-fA-F]{3,8}$/.test(accent)) {
          throw new ConfigError(`accent colour "${accent}" is not a #rrggbb colour`)
        }
        // the congress red and gold stay; an edition's colour is a second accent (--district)
        text += `\nsection { --district: ${accent}; }\n`
      }
    }
    css.push(text)
  }
  return { name, css }
}

async function logoDataUri(path: string | undefined, roots: string[]): Promise<string | undefined> {
  if (!path) return undefined
  const types: Record<string, string> = {
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.jpg': 'image/jpeg',
    '.jpeg': 'image/jpeg',
    '.webp': 'image/webp',
  }
  const type = types[extname(path).toLowerCase()]
  if (!type) throw new ConfigError(`logo ${path}: use an SVG, PNG, JPEG or WebP image`)
  const data = await safeReadFile(path, { roots, what: 'logo' })
  return `data:${type};base64,${data.toString('base64')}`
}

/** Renders the edition's slide deck. Throws TemplateRenderError, ConfigError or OverflowError. */
export async function renderDeck(
  edition: Edition,
  ctx: BuildContext,
  options: RenderDeckOptions = {},
): Promise<RenderedDeck> {
  const { projectRoot } = ctx
  const report = edition.report
  const locale = edition.locale as Locale

  // 1. theme
  const themes = await loadThemes(edition, projectRoot)

  // 2.-4. templates: a collect pass for the charts, then the real pass
  const set = await loadTemplateSet(templateFamilyDir('deck', projectRoot), 'deck.md.hbs', edition.reportDir)
  const metrics = indexMetrics(report)
  const catalog = await chartCatalog(projectRoot, edition.reportDir)
  const logo = await logoDataUri(edition.logo, [edition.reportDir, projectRoot])
  const pass = (mode: 'collect' | 'render', uses: ChartUse[], drawn?: Map<string, RenderedChart>) => {
    const state: DeckHelperState = { slides: [], locations: [] }
    const embeds: string[] = []
    const embed = (html: string) => {
      embeds.push(html)
      return `<div class="huibao-embed-${embeds.length - 1}"></div>`
    }
    const charts = chartHelpers(mode, uses, drawn, projectRoot)
    const helpers: Record<string, HelperDelegate> = {
      ...deckHelpers({ locale, metrics, projectRoot, state }),
      /**
       * {{chart "headline-targets" width=… height=… highlight=…}}: the chart's figure (inline SVG).
       * The SVG bypasses Markdown: the slide gets a placeholder that is filled in after Marp.
       */
      chart(name: unknown, options: HelperOptions) {
        const figure = charts.chart?.(name, options)
        return mode === 'collect' ? '' : new Handlebars.SafeString(embed(String(figure)))
      },
      /**
       * {{chartNotes "name" width=… height=… title=…}} (the same arguments as {{chart}}): a speaker
       * note with the chart's description, which reads out every figure it shows.
       */
      chartNotes(name: unknown, options: HelperOptions) {
        if (mode === 'collect') return ''
        const hash = (options.hash ?? {}) as Record<string, unknown>
        const chartOptions: ChartOptions = {}
        if (hash.width !== undefined) chartOptions.width = Number(hash.width)
        if (hash.height !== undefined) chartOptions.height = Number(hash.height)
        if (hash.title !== undefined) chartOptions.title = String(hash.title)
        if (hash.highlight !== undefined) chartOptions.highlight = String(hash.highlight)
        if (hash.section !== undefined) chartOptions.section = String(hash.section)
        const chart = drawn?.get(chartUseKey({ name: String(name), options: chartOptions }))
        return chart ? new Handlebars.SafeString(`\n<!--\n${encodeNote(chart.description)}\n-->\n`) : ''
      },
      /** {{#with (chartFor section)}}: the chart shown with a section or keyword (src/charts/lookup.ts) */
      chartFor: (item: Section | Keyword) => chartOf(item, catalog),
    }
    const context = {
      report,
      meta: report.meta,
      locale,
      theme: themes.name,
      // A district's footer names the district too ("新郑市 · 郑州市第十五届…"); the city's meeting
      // name already says 郑州市.
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
    return { markdown, state, embeds }
  }
  const uses: ChartUse[] = []
  pass('collect', uses)
  const drawn = await renderCharts(uses, edition, ctx)
  const { markdown, state, embeds } = pass('render', [], drawn)
  const charts: RenderedChart[] = []
  for (const use of uses) {
    const chart = drawn.get(chartUseKey(use))
    if (chart && !charts.includes(chart)) charts.push(chart)
  }

  // 5. marp
  const marp = marpWithThemes(themes.css)
  const rendered = marp.render(markdown)
  const typeset = locale === 'en' ? curlyQuotes(rendered.html) : rendered.html
  const html = insertPhraseBreaks(typeset).replace(
    /<div class="huibao-embed-(\d+)"\s*><\/div>/g,
    (whole, n: string) => embeds[Number(n)] ?? whole,
  )
  const sectionCount = (html.match(/<section\b/g) ?? []).length
  if (sectionCount !== state.slides.length || rendered.comments.length !== sectionCount) {
    throw new TemplateRenderError(
      `the deck templates made ${sectionCount} slides but called {{slide}} ${state.slides.length} times; every slide must start with {{slide "<kind>"}} and contain no other ---`,
      { location: { file: 'templates/deck/deck.md.hbs' } },
    )
  }
  const notes = rendered.comments.map((list) => list.map(decodeNote).join('\n\n'))
  const title = [report.meta.title, report.presentation?.edition].filter(Boolean).join(' · ')
  const deck: RenderedDeck = {
    markdown,
    embeds,
    html,
    css: rendered.css,
    theme: themes.name,
    lang: locale,
    title,
    notes,
    slides: state.slides,
    charts,
    text: `${htmlText(html)}\n${notes.join('\n')}\n${title}`,
  }

  // 6. measure
  if (options.checkOverflow !== false) await checkOverflow(deck, ctx)
  return deck
}
