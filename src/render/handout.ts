// The print handouts as HTML for Chromium to print: the A4 booklet (handout.pdf) and the presenter's
// reading copy (reading-copy.pdf). Templates live in templates/handout/, layout CSS beside them
// (print.css for both, plus booklet.css or reading-copy.css), colours and fonts in
// themes/<theme>/handout.css over the theme's tokens. Running headers use CSS named pages, one per
// section (page: sec-innovation with its own @page sec-innovation { @top-right { content: "…" } }), and page numbers
// the @page margin boxes' counter(page) / counter(pages), which Chromium prints since version 131.
import { extname, join } from 'node:path'
import { type ChartUse, chartHelpers, type RenderedChart, renderCharts } from '../charts/index.js'
import { type ChartFile, chartCatalog, chartOf, TARGETS_CHART } from '../charts/lookup.js'
import type { BuildContext, Edition } from '../context.js'
import type { Block, Keyword, Metric, Section } from '../data/types.js'
import { TemplateRenderError } from '../errors.js'
import { cssFontStack, FONT_FAMILIES, fontFaceCss, fontStack } from '../fonts/faces.js'
import type { Locale } from '../i18n/figures.js'
import { translateFor } from '../i18n/locale.js'
import { templateFamilyDir, themeDir } from '../resources.js'
import { isMissingFile, safeReadFile, safeReadText } from '../utils/safe-read.js'
import { colophonView } from './colophon.js'
import { chineseNumber, type HelperDelegate, loadTemplateSet, renderTemplateSet } from './handlebars.js'
import { cssString, handoutHelpers, pageCounterContent } from './handout-helpers.js'
import { issuerView } from './issuer.js'
import { monoCss, monochromeSvgs } from './mono.js'
import { insertPhraseBreaks } from './phrase-breaks.js'
import { sectionMinutes, sentenceSpans } from './reading-copy.js'
import { curlyQuotes } from './typography.js'

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

interface ThemeTokens {
  colors: Record<string, string>
  fonts: Record<string, string>
}

/** A style sheet that may be left out: its text, or '' when there is no such file. */
function readOptional(file: string, root: string): Promise<string> {
  return safeReadText(file, { roots: [root], what: 'style sheet' }).catch((error: unknown) => {
    if (isMissingFile(error)) return ''
    throw error
  })
}

async function readTheme(
  projectRoot: string,
  edition: Edition,
): Promise<{ tokens: ThemeTokens; css: string }> {
  const dir = themeDir(edition.theme.name, edition.reportDir, projectRoot)
  const json = await safeReadText(join(dir, 'theme.json'), {
    roots: [projectRoot],
    what: 'theme file',
  }).catch((error: unknown) => {
    if (!isMissingFile(error)) throw error
    throw new TemplateRenderError(
      `theme "${edition.theme.name}" does not exist: no ${join(dir, 'theme.json')}`,
    )
  })
  const tokens = JSON.parse(json) as ThemeTokens
  // the congress red and gold stay; an edition's colour is a second accent (--district)
  if (edition.theme.accent) tokens.colors = { ...tokens.colors, district: edition.theme.accent }
  const css = await readOptional(join(dir, 'handout.css'), projectRoot)
  return { tokens, css }
}

const SAFE_VALUE = /^[#\w\s,.'"()%-]+$/

function tokenCss(tokens: ThemeTokens): string {
  const vars: string[] = []
  for (const [k, v] of Object.entries(tokens.colors)) if (SAFE_VALUE.test(v)) vars.push(`--${k}:${v}`)
  for (const [k, v] of Object.entries(tokens.fonts))
    if (SAFE_VALUE.test(v)) vars.push(`--font-${k}:'${v.replace(/'/g, '')}'`)
  return `:root{${vars.join(';')}}`
}

/** The id a heading carries (data-ref) and the contents link to: section-innovation, keyword-… */
export function headingId(kind: 'section' | 'keyword' | 'block', id: string): string {
  return `${kind}-${id}`
}

function blockView(block: Block, id: string) {
  return {
    id: headingId('block', id),
    title: block.title,
    paragraphs: block.paragraphs,
    metrics: block.metrics ?? [],
  }
}

/** The chart shown with a section or keyword (src/charts/lookup.ts), as a list for {{#each}}. */
function chartsFor(item: Section | Keyword, catalog: Map<string, ChartFile> | undefined): string[] {
  if (!catalog) return []
  const name = chartOf(item, catalog)
  return name ? [name] : []
}

/**
 * How a section is named: one of the report's key tasks by the report's own number (一 … 八, kept
 * wherever the edition puts it), a section the edition adds (local) by the edition's name and the
 * locale's "本地特色", without a number.
 */
function sectionLabels(section: Section, edition: Edition) {
  const locale = edition.locale as Locale
  const s = (key: string, vars?: Record<string, unknown>) => translateFor(edition, key, vars)
  if (section.local || section.number === undefined) {
    const name = edition.report.presentation?.edition
    return {
      numberText: '',
      tag: s('common.local'),
      kicker: name ? s('common.localOf', { edition: name }) : s('common.local'),
      runningHead: section.title,
    }
  }
  const n = section.number
  const numberText = locale === 'zh-CN' ? chineseNumber(n) : String(n)
  return {
    numberText,
    tag: '',
    kicker: s('common.section', { n: numberText }),
    runningHead: locale === 'zh-CN' ? `${numberText}、${section.title}` : `${n}. ${section.title}`,
  }
}

function sectionView(section: Section, edition: Edition, catalog: Map<string, ChartFile> | undefined) {
  return {
    id: headingId('section', section.id),
    // a named page per section (its running header); ids are slugs, so valid CSS names
    pageName: `sec-${section.id}`,
    number: section.number,
    local: section.local === true,
    ...sectionLabels(section, edition),
    title: section.title,
    lead: section.lead,
    charts: chartsFor(section, catalog),
    sectionId: section.id,
    keywords: section.keywords.map((k) => ({
      id: headingId('keyword', k.id),
      charts: chartsFor(k, catalog),
      title: k.title,
      paragraphs: k.paragraphs,
      metrics: [...(k.metrics ?? []), ...(k.projects ?? []).flatMap((p) => p.metrics ?? [])] as Metric[],
      projects: (k.projects ?? []).map((p, i) => ({
        n: i + 1,
        title: p.title,
        text: p.text,
        metrics: p.metrics ?? [],
      })),
    })),
  }
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
  const layoutCss = await Promise.all(
    ['print.css', `${kind}.css`].map((f) => readOptional(join(dir, f), dir)),
  )
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
  const m = kind === 'handout' ? { top: 22, bottom: 20, side: 20 } : { top: 22, bottom: 22, side: 22 }
  const pageCss = [
    `:root{--bleed:${bleed}mm}`,
    `@page{size:${210 + 2 * bleed}mm ${297 + 2 * bleed}mm;margin:${m.top + bleed}mm ${m.side + bleed}mm ${m.bottom + bleed}mm}`,
    `@page{@bottom-center{content:${pageNumbers};${marginFont}}}`,
    `@page front{@top-left{content:${cssString(runningTitle)};${marginFont}}}`,
    '@page cover{margin:0;@bottom-center{content:none}@top-left{content:none}@top-right{content:none}}',
    ...sections.map(
      (sec) =>
        `.${sec.pageName}{page:${sec.pageName}}@page ${sec.pageName}{@top-left{content:${cssString(runningTitle)};${marginFont}}@top-right{content:${cssString(
          sec.runningHead,
        )};${marginFont}}}`,
    ),
  ].join('\n')
  const marginText = [runningTitle, folio, '0123456789', ...sections.map((sec) => sec.runningHead)].join('')

  const css = [
    await fontFaceCss(),
    tokenCss(theme.tokens),
    ...layoutCss,
    theme.css,
    pageCss,
    options.mono ? monoCss() : '',
    options.paragraphNumbers ? PARAGRAPH_NUMBERS_CSS : '',
  ].join('\n')
  const logo = edition.logo
    ? await logoDataUri(edition.logo, [edition.reportDir, ctx.projectRoot])
    : undefined
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
    intro: blockView(report.intro, 'intro'),
    targets: blockView(report.targets, 'targets'),
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
  const typeset = locale === 'en' ? curlyQuotes(made) : made
  const printed = insertPhraseBreaks(kind === 'reading-copy' ? sentenceSpans(typeset) : typeset)
  const html = options.mono ? monochromeSvgs(printed) : printed
  const headings = [...html.matchAll(/<h([1-3])[^>]*data-ref="([^"]+)"[^>]*>([\s\S]*?)<\/h\1>/g)].map(
    (m) => ({
      level: Number(m[1]),
      id: m[2] ?? '',
      text: decodeEntities((m[3] ?? '').replace(/<[^>]*>/g, '')).replace(/\s+/g, ''),
      title: decodeEntities((m[3] ?? '').replace(/<[^>]*>/g, ''))
        .replace(/\s+/g, ' ')
        .trim(),
    }),
  )
  return { html, charts, marginText, marginFamilies, headings }
}

function blockLength(block: Block): number {
  return [block.title, ...block.paragraphs].join('').length
}

/** Paragraph numbers in a column left of the text (Chromium clips what is drawn in the page margin). */
const PARAGRAPH_NUMBERS_CSS = `main{counter-reset:para}
main p:not(.kicker):not(.end){counter-increment:para;position:relative;padding-left:11mm}
main p:not(.kicker):not(.end)::before{content:counter(para);position:absolute;left:0;width:7mm;text-align:right;text-indent:0;font:700 10pt 'Noto Sans SC',sans-serif;color:var(--muted);line-height:inherit}`

function decodeEntities(text: string): string {
  return text.replace(/&(#x?[0-9a-fA-F]+|amp|lt|gt|quot);/g, (_, e: string) => {
    if (e === 'amp') return '&'
    if (e === 'lt') return '<'
    if (e === 'gt') return '>'
    if (e === 'quot') return '"'
    return String.fromCodePoint(e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
  })
}

const IMAGE_TYPES: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
}

/** The logo inline as a data: URI (the page loads nothing from outside the project). */
async function logoDataUri(path: string, roots: string[]): Promise<string> {
  const type = IMAGE_TYPES[extname(path).toLowerCase()]
  if (!type) throw new TemplateRenderError(`the logo ${path} is not an SVG, PNG, JPEG or WebP image`)
  const bytes = await safeReadFile(path, { roots, what: 'logo' })
  return `data:${type};base64,${bytes.toString('base64')}`
}
