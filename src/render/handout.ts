// The print handouts as HTML for Chromium to print: the A4 booklet (handout.pdf) and the presenter's
// reading copy (reading-copy.pdf). Templates live in templates/handout/; the style sheet is put
// together in handout-css.ts and the report's view for the templates in handout-view.ts, so this
// module is the sequence: templates, view, CSS, charts (two passes), typesetting, headings.
import { type ChartUse, type RenderedChart, renderCharts } from '../charts/index.js'
import { chartCatalog, TARGETS_CHART } from '../charts/lookup.js'
import type { BuildContext, Edition } from '../context.js'
import { cssFontStack, FONT_FAMILIES, fontFaceCss, fontStack } from '../fonts/faces.js'
import { logoDataUri } from '../html/data-uri.js'
import { decodeEntities } from '../html/text.js'
import type { Locale } from '../i18n/figures.js'
import { translateFor } from '../i18n/locale.js'
import { templateFamilyDir } from '../resources.js'
import { chartHelpers } from './chart-helpers.js'
import { colophonView } from './colophon.js'
import { type HelperDelegate, loadTemplateSet, renderTemplateSet } from './handlebars.js'
import { PARAGRAPH_NUMBERS_CSS, pageCss, readLayoutCss, readTheme, tokenCss } from './handout-css.js'
import { handoutHelpers, pageCounterContent } from './handout-helpers.js'
import { blockLength, blockView, sectionView } from './handout-view.js'
import { issuerView } from './issuer.js'
import { monoCss, monochromeSvgs } from './mono.js'
import { insertPhraseBreaks } from './phrase-breaks.js'
import { sectionMinutes, sentenceSpans } from './reading-copy.js'
import { typesetEnglish } from './typography.js'

export type HandoutKind = 'handout' | 'reading-copy'

export interface RenderedHandout {
  html: string
  /** the charts drawn for this handout, by chartUseKey (pass them back in for a later pass) */
  charts: Map<string, RenderedChart>
  /**
   * Every text the page margins show (running headers, page numbers): the printer loads their
   * glyphs before printing, since margin boxes alone do not make the browser fetch a web font.
   */
  marginText: string
  /** the font families of the margin boxes, in order (Noto Sans first in English editions) */
  marginFamilies: string[]
  /** headings that become bookmarks, in document order: data-ref id, text without spaces (to match
   * what a PDF gives back) and the title as written (for the bookmark) */
  headings: { id: string; level: number; text: string; title: string }[]
}

export interface RenderHandoutOptions {
  /** page of each heading id (from the measured first pass); empty or absent in the first pass */
  pages?: ReadonlyMap<string, number>
  /** print at A4 plus this bleed (mm) on every side, with backgrounds running into it */
  bleedMm?: number
  /** black and white: greys for the theme's and the charts' colours (see mono.ts) */
  mono?: boolean
  /** reading copy: number the paragraphs in the margin */
  paragraphNumbers?: boolean
  /** charts drawn by an earlier pass over the same edition (by chartUseKey) */
  charts?: Map<string, RenderedChart>
}

export async function renderHandout(
  edition: Edition,
  ctx: BuildContext,
  kind: HandoutKind,
  options: RenderHandoutOptions = {},
): Promise<RenderedHandout> {
  const { projectRoot } = ctx
  const locale = edition.locale as Locale
  const report = edition.report
  const dir = templateFamilyDir('handout', projectRoot)
  const set = await loadTemplateSet(dir, `${kind}.html.hbs`, edition.reportDir)
  const theme = await readTheme(projectRoot, edition)
  const layoutCss = await readLayoutCss(dir, kind)
  const s = (key: string, vars?: Record<string, unknown>) => translateFor(edition, key, vars)

  // The booklet shows the charts; the reading copy is for speaking and has none.
  const catalog = kind === 'handout' ? await chartCatalog(projectRoot, edition.reportDir) : undefined
  const minutes =
    kind === 'reading-copy' && report.meta.talkMinutes
      ? sectionMinutes(
          report.sections,
          report.meta.talkMinutes,
          blockLength(report.intro) + blockLength(report.targets),
        )
      : []
  const sections = report.sections.map((sec, i) => ({
    ...sectionView(sec, edition, catalog),
    minutes: minutes[i] ? s('print.minutes', { n: minutes[i] }) : undefined,
  }))
  const title = report.meta.title
  const editionName = report.presentation?.edition
  // folios in the official style: — 2 —
  // {page} and {pages} stay as they are: pageCounterContent turns them into CSS page counters.
  const folio = s('print.folio', { page: '{page}', pages: '{pages}' })
  const pageNumbers = pageCounterContent(folio)
  const runningTitle = editionName && !title.startsWith(editionName) ? `${editionName} · ${title}` : title
  const bleed = options.bleedMm ?? 0

  // Margin boxes: a running title on the left, the current section on the right, page x of y below.
  const marginFamilies = fontStack(FONT_FAMILIES.sans.family, locale)
  const marginFont = `font-family:${cssFontStack(FONT_FAMILIES.sans.family, locale)};font-size:8.5pt;color:var(--muted)`
  const marginText = [runningTitle, folio, '0123456789', ...sections.map((sec) => sec.runningHead)].join('')

  const css = [
    await fontFaceCss(),
    tokenCss(theme.tokens),
    ...layoutCss,
    theme.css,
    pageCss({ kind, bleedMm: bleed, runningTitle, pageNumbers, marginFont, sections }),
    options.mono ? monoCss() : '',
    options.paragraphNumbers ? PARAGRAPH_NUMBERS_CSS : '',
  ].join('\n')
  const logo = edition.logo ? await logoDataUri(edition.logo, [edition.reportDir, projectRoot]) : undefined
  const context = {
    lang: edition.locale,
    kind,
    css,
    title,
    meta: report.meta,
    editionName,
    office: report.presentation?.office,
    ...issuerView(edition),
    colophon: colophonView(edition, s),
    logo,
    bleed: bleed > 0,
    intro: blockView(report.intro, 'intro', { spoken: kind === 'reading-copy' }),
    targets: blockView(report.targets, 'targets', { spoken: kind === 'reading-copy' }),
    sections,
    targetCharts: catalog?.has(TARGETS_CHART) && report.targets.metrics?.length ? [TARGETS_CHART] : [],
  }
  const helpers = handoutHelpers({ locale, pages: options.pages ?? new Map() })
  const pass = (charts: Record<string, HelperDelegate>) =>
    renderTemplateSet(set, { edition, projectRoot, extraHelpers: { ...helpers, ...charts } }, context)
  // Charts render in two passes: collect which charts the templates use, draw them, then place them.
  let charts = options.charts
  if (!charts) {
    const uses: ChartUse[] = []
    pass(chartHelpers('collect', uses, undefined, projectRoot))
    charts = await renderCharts(uses, edition, ctx)
  }
  const made = pass(chartHelpers('render', [], charts, projectRoot))
  const typeset = locale === 'en' ? typesetEnglish(made, { acrossElements: true }) : made
  const printed = insertPhraseBreaks(kind === 'reading-copy' ? sentenceSpans(typeset) : typeset)
  const html = options.mono ? monochromeSvgs(printed) : printed
  return { html, charts, marginText, marginFamilies, headings: bookmarkHeadings(html) }
}

/** Headings with a data-ref, in document order: the PDF's bookmarks and the contents' page numbers. */
function bookmarkHeadings(html: string): RenderedHandout['headings'] {
  return [...html.matchAll(/<h([1-3])[^>]*data-ref="([^"]+)"[^>]*>([\s\S]*?)<\/h\1>/g)].map((m) => {
    const text = decodeEntities((m[3] ?? '').replace(/<[^>]*>/g, ''))
    return {
      level: Number(m[1]),
      id: m[2] ?? '',
      text: text.replace(/\s+/g, ''),
      title: text.replace(/\s+/g, ' ').trim(),
    }
  })
}
