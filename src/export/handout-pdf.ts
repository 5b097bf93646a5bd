// Prints the booklet (handout.pdf) and the reading copy (reading-copy.pdf) through the shared browser.
//
// Contents page numbers come from a measured second pass: the first print (outline: true) tells on
// which page every heading landed (the bookmarks' destinations), the numbers are filled in and the
// document printed again (the numbers written into the page already loaded: handout-contents.ts).
// The page-number boxes have a fixed width and tabular digits, so the numbers cannot move anything;
// the second print's bookmarks are checked against the numbers, and a third pass runs should they
// ever differ.

import { join } from 'node:path'
import type { Page } from 'puppeteer-core'
import type { BuildContext, Edition } from '../context.js'
import { ConvertError } from '../errors.js'
import { embeddedFontCss, fontFaceCss } from '../fonts/faces.js'
import { fontsFirst, uniqueChars } from '../fonts/fonts-first.js'
import { htmlText } from '../html/text.js'
import { type HandoutKind, type RenderedHandout, renderHandout } from '../render/handout.js'
import { documentMeta } from '../render/issuer.js'
import { writeAtomic } from '../utils/files.js'
import { canNumberInPlace, numberInPlace, unknownPageCount } from './handout-contents.js'
import { keepFile } from './intermediates.js'
import { readOutline } from './pdf-outline.js'
import { A4, finishPdfDocument, type LoadedPdf, loadPdf } from './pdf-post.js'

export interface HandoutPdfOptions {
  kind: HandoutKind
  /** print with 3 mm bleed (TrimBox = A4, BleedBox 3 mm larger on every side) and crop marks */
  bleed?: boolean
  /** black and white (see PrintOptions) */
  mono?: boolean
  /** blank pages up to a multiple of 4 before the back page (booklet only) */
  pad4?: boolean
  /** reading copy: paragraph numbers in the margin */
  paragraphNumbers?: boolean
}

export interface HandoutPdfResult {
  path: string
  pages: number
  ms: number
  /** how many times the document was printed (2 normally) */
  passes: number
}

export const BLEED_MM = 3
const MAX_PASSES = 3

export function handoutFileName(kind: HandoutKind): string {
  return kind === 'handout' ? 'handout.pdf' : 'reading-copy.pdf'
}

export async function writeHandoutPdf(
  edition: Edition,
  ctx: BuildContext,
  options: HandoutPdfOptions,
): Promise<HandoutPdfResult> {
  const started = performance.now()
  const bleedMm = options.bleed ? BLEED_MM : 0
  const name = handoutFileName(options.kind)
  // the bookmarks' titles, from the headings: outline index -> text
  const titles = new Map<number, string>()
  // the last pass's PDF, parsed once: for its bookmarks and then for finishing
  const { doc, passes } = await ctx.session.withPage(async (page) => {
    const renderOptions = {
      bleedMm,
      mono: options.mono,
      paragraphNumbers: options.paragraphNumbers,
    }
    // Pass 1: no page numbers yet; the print says where every heading landed.
    const rendered = await renderHandout(edition, ctx, options.kind, renderOptions)
    const { charts } = rendered
    await loadHandout(ctx, page, rendered, name, edition.locale)
    let pdf = await loadPdf(await printLoaded(page))
    let measured = await headingPages(pdf, rendered, titles)
    if (options.kind === 'reading-copy') return { doc: pdf, passes: 1 }
    // Later passes show the numbers, written into the loaded page where the templates allow
    // (handout-contents.ts); they are done when the numbers they show are the pages.
    const inPlace = await canNumberInPlace(page, unknownPageCount(rendered.html))
    const numbered = (pages: Map<string, number>) =>
      renderHandout(edition, ctx, options.kind, { ...renderOptions, pages, charts })
    for (let pass = 2; pass <= MAX_PASSES; pass++) {
      const pages = measured
      if (inPlace) {
        await numberInPlace(page, pages)
        // with --keep, the HTML as this pass printed it
        if (ctx.keep) await keepHtml(ctx, name, await numbered(pages))
      } else await loadHandout(ctx, page, await numbered(pages), name, edition.locale)
      pdf = await loadPdf(await printLoaded(page))
      titles.clear()
      measured = await headingPages(pdf, rendered, titles)
      if (sameNumbers(pages, measured)) return { doc: pdf, passes: pass }
    }
    throw new ConvertError(
      `the contents of ${name} did not settle after ${MAX_PASSES} passes: page numbers change the layout`,
    )
  })
  const report = edition.report
  const finished = await finishPdfDocument(doc, {
    title:
      options.kind === 'handout'
        ? report.meta.title
        : `${report.meta.title}（${edition.strings['handout.readingCopy'] ?? ''}）`,
    ...documentMeta(edition, true),
    keywords: report.sections.flatMap((s) => [s.title, ...s.keywords.map((k) => k.title)]),
    language: edition.locale,
    trimSize: A4,
    bleedMm,
    outlineTitles: titles,
    cropMarks: bleedMm > 0,
    padTo: options.pad4 && options.kind === 'handout' ? 4 : undefined,
  })
  const path = join(edition.outDir, name)
  await writeAtomic(path, finished.bytes)
  return { path, pages: finished.pages, ms: Math.round(performance.now() - started), passes }
}

/**
 * The handout's HTML with its fonts as subsets inline, laid out once they are loaded
 * (src/fonts/fonts-first.ts), in place of the served fonts: a page that fetched its fonts made
 * about 70 requests, each answered from Node, again in every pass (request interception turns
 * Chromium's cache off), and laid its text out twice. The subset holds every character of the
 * document's source and text and of the margins, whatever the pass, so both passes share one.
 */
async function withInlineFonts(
  rendered: RenderedHandout,
  ctx: BuildContext,
  locale: string,
): Promise<string> {
  const served = await fontFaceCss()
  const at = rendered.html.indexOf(served)
  if (at < 0) return rendered.html
  const glyphs = uniqueChars(rendered.html, htmlText(rendered.html), rendered.marginText, '0123456789')
  const fonts = await embeddedFontCss(glyphs, { projectRoot: ctx.projectRoot, locale, format: 'truetype' })
  return fontsFirst(`${rendered.html.slice(0, at)}${fonts}${rendered.html.slice(at + served.length)}`)
}

/** With --keep, the handout's HTML as printed (the last pass wins). */
async function keepHtml(ctx: BuildContext, name: string, rendered: RenderedHandout): Promise<void> {
  if (ctx.keep) await keepFile(ctx.keep, name.replace(/\.pdf$/, '.html'), rendered.html)
}

/** Loads the handout into `page`, fonts and all, ready to print. */
async function loadHandout(
  ctx: BuildContext,
  page: Page,
  rendered: RenderedHandout,
  name: string,
  locale: string,
): Promise<void> {
  await keepHtml(ctx, name, rendered)
  await ctx.session.load(page, await withInlineFonts(rendered, ctx, locale), {
    name: name.replace(/\.pdf$/, '.html'),
  })
  // Margin boxes alone do not make Chromium fetch a web font: load the glyphs they show first.
  await page.evaluate(
    async (text: string, families: string[]) => {
      await Promise.all(
        families.flatMap((family) => [
          document.fonts.load(`8.5pt '${family}'`, text),
          document.fonts.load(`bold 8.5pt '${family}'`, text),
        ]),
      )
    },
    rendered.marginText,
    rendered.marginFamilies,
  )
  await ctx.session.waitForReady(page)
}

/** The loaded handout printed, with bookmarks from its headings. */
function printLoaded(page: Page): Promise<Uint8Array> {
  return page.pdf({
    preferCSSPageSize: true,
    printBackground: true,
    outline: true,
    tagged: true,
    timeout: 180_000,
  })
}

/** The page (1-based) of every heading, from the bookmarks Chromium made of h1/h2/h3. */
async function headingPages(
  pdf: LoadedPdf,
  rendered: RenderedHandout,
  titles = new Map<number, string>(),
): Promise<Map<string, number>> {
  const outline = await readOutline(pdf)
  const pages = new Map<string, number>()
  // Chromium has also been seen to repeat one text run of a heading whose phrases are separated by
  // <wbr> ("2030年2030年发展…"): runs repeated back to back count once, and fixTitles (below)
  // writes the heading's own text into the bookmark.
  const normal = (s: string) => s.replace(/\s+/g, '').replace(/(.{2,}?)\1+/gu, '$1')
  let at = 0
  for (const heading of rendered.headings) {
    // Bookmarks come in document order; find this heading's from where the previous one was.
    // (Chromium has been seen to repeat a heading's text in its bookmark title: accept that too.)
    const index = outline.findIndex(
      (entry, i) =>
        i >= at &&
        normal(normal(entry.title).replaceAll(normal(heading.text), '')) === '' &&
        entry.title !== '',
    )
    const entry = outline[index]
    if (index < 0 || !entry || entry.pageIndex === undefined) {
      throw new ConvertError(`the printed handout has no bookmark for the heading "${heading.text}"`, {
        hint: 'headings must be plain text; check the handout templates',
      })
    }
    pages.set(heading.id, entry.pageIndex + 1)
    titles.set(index, heading.title)
    at = index + 1
  }
  return pages
}

function sameNumbers(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false
  for (const [k, v] of a) if (b.get(k) !== v) return false
  return true
}
