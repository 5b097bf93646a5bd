// deck.pdf (one 16:9 page per slide, bookmarks from the slide headings, tagged, fonts embedded as
// CID TrueType) and deck-notes.pdf (each slide scaled on an A4 page with its speaker notes below).
import { join } from 'node:path'
import type { Page } from 'puppeteer-core'
import type { BuildContext, Edition } from '../context.js'
import { ConvertError } from '../errors.js'
import { cssFontStack, embeddedFontCss, fontFaceCss } from '../fonts/faces.js'
import { fontsFirst } from '../fonts/fonts-first.js'
import { escapeHtml } from '../html/escape.js'
import type { RenderedDeck } from '../render/deck.js'
import { documentMeta } from '../render/issuer.js'
import { assertNoOverflow, deckGlyphs, loadDeckPage, SLIDE_HEIGHT, SLIDE_WIDTH } from '../render/overflow.js'
import { writeAtomic } from '../utils/files.js'
import { A4, finishPdfDocument, loadPdf } from './pdf-post.js'

export interface PdfMetadata {
  title: string
  lang: string
  author?: string
  subject?: string
}

export function deckMetadata(deck: RenderedDeck, edition: Edition): PdfMetadata {
  return {
    title: deck.title,
    lang: deck.lang,
    ...documentMeta(edition),
  }
}

/** Metadata, language and the radical look-alike fix, shared with the handouts (pdf-post.ts). */
export async function finishPdf(
  pdf: Uint8Array,
  meta: PdfMetadata,
  trimSize?: typeof A4,
): Promise<Uint8Array> {
  return (await finishPdfPages(pdf, meta, trimSize)).bytes
}

/** finishPdf, also counting the pages (from the one parse it makes). */
function finishPdfPages(
  pdf: Uint8Array,
  meta: PdfMetadata,
  trimSize?: typeof A4,
): Promise<{ bytes: Uint8Array; pages: number }> {
  return loadPdf(pdf).then((doc) =>
    finishPdfDocument(doc, {
      title: meta.title,
      language: meta.lang,
      author: meta.author,
      subject: meta.subject,
      trimSize,
    }),
  )
}

/** Prints the loaded deck page: one 1280x720 page per slide, bookmarks from headings. */
export async function printDeckPdf(page: Page, deck: RenderedDeck, edition: Edition): Promise<Uint8Array> {
  const pdf = await page
    .pdf({
      width: `${SLIDE_WIDTH}px`,
      height: `${SLIDE_HEIGHT}px`,
      printBackground: true,
      tagged: true,
      outline: true,
      preferCSSPageSize: false,
      timeout: 180_000,
    })
    .catch((cause: unknown) => {
      throw new ConvertError('Chromium could not print deck.pdf', { cause })
    })
  return finishPdf(pdf, deckMetadata(deck, edition))
}

/** A file an export wrote: its path and how many pages (or slides) it has. */
export interface WrittenFile {
  path: string
  pages: number
}

/** deck.pdf in edition.outDir: one 1280x720 page per slide. */
export async function writeDeckPdf(
  deck: RenderedDeck,
  edition: Edition,
  ctx: BuildContext,
  options: { checkOverflow?: boolean } = {},
): Promise<WrittenFile> {
  const path = join(edition.outDir, 'deck.pdf')
  const pdf = await ctx.session.withPage(async (page) => {
    await loadDeckPage(page, deck, ctx)
    // The page is loaded at slide size with the bundled fonts: the very page the overflow check
    // needs, so a build that prints the deck measures it here instead of loading it twice.
    if (options.checkOverflow) await assertNoOverflow(page, deck)
    return printDeckPdf(page, deck, edition)
  })
  await writeAtomic(path, pdf)
  return { path, pages: deck.slides.length }
}

/** The <section> elements of Marp's HTML, in order. */
export function splitSections(html: string): string[] {
  return html.match(/<section\b[\s\S]*?<\/section>/g) ?? []
}

/** Scale of a slide on the A4 notes page: 1280px -> 640px. */
const NOTES_SCALE = 0.5

/**
 * HTML of deck-notes.pdf: per slide an A4 page with the slide (vector, scaled) and its notes. `fonts`:
 * @font-face rules of subsets (embeddedFontCss), laid out once they are loaded; else the served fonts.
 */
export async function notesDocument(deck: RenderedDeck, fonts?: string): Promise<string> {
  const first = fonts !== undefined
  const sections = splitSections(deck.html)
  const w = SLIDE_WIDTH * NOTES_SCALE
  const h = SLIDE_HEIGHT * NOTES_SCALE
  const sheets = sections.map((section, i) => {
    const meta = deck.slides[i]
    const caption = [String(i + 1), meta?.sectionTitle, meta?.keywordTitle ?? meta?.title]
      .filter((v, j, all) => v && all.indexOf(v) === j)
      .map((v) => escapeHtml(String(v)))
      .join(' · ')
    const paragraphs = (deck.notes[i] ?? '')
      .split(/\n{2,}/)
      .filter((p) => p.trim())
      .map((p) => `<p>${escapeHtml(p)}</p>`)
      .join('')
    return `<article class="sheet"><div class="caption">${caption}</div><div class="frame"><div class="marpit">${section}</div></div><div class="notes">${paragraphs}</div></article>`
  })
  const html = `<!doctype html>
<html lang="${escapeHtml(deck.lang)}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(deck.title)}</title>
<style>${fonts ?? (await fontFaceCss())}</style>
<style>${deck.css}</style>
<style>
@page { size: A4; margin: 16mm 18mm 18mm; }
html, body { margin: 0; padding: 0; background: #fff; }
.sheet { break-after: page; font-family: ${cssFontStack('Noto Serif SC', deck.lang, 'serif')}; color: #1f1a17; }
.sheet:last-child { break-after: auto; }
.caption { font: 700 10pt/1.4 ${cssFontStack('Noto Sans SC', deck.lang)}; color: #6b625b; letter-spacing: .05em; margin-bottom: 3mm; }
.frame { width: ${w}px; height: ${h}px; overflow: hidden; outline: 0.5pt solid #b8ad9e; margin-bottom: 7mm; break-inside: avoid; }
.frame > div.marpit { width: ${SLIDE_WIDTH}px; height: ${SLIDE_HEIGHT}px; transform: scale(${NOTES_SCALE}); transform-origin: 0 0; }
.frame > div.marpit > section { overflow: hidden; break-before: auto !important; page-break-before: auto !important; }
.notes { font-size: 11.5pt; line-height: 1.75; text-align: justify; line-break: strict; }
.notes p { margin: 0 0 0.6em; text-indent: 2em; orphans: 2; widows: 2; }
.notes:lang(en) { text-align: left; line-break: auto; }
.notes p:lang(en) { text-indent: 0; }
</style>
</head>
<body>${sheets.join('\n')}</body>
</html>`
  return first ? fontsFirst(html) : html
}

/** deck-notes.pdf in edition.outDir: each slide with its notes on A4, for the presenter's paper copy. */
export async function writeDeckNotesPdf(
  deck: RenderedDeck,
  edition: Edition,
  ctx: BuildContext,
): Promise<WrittenFile> {
  const path = join(edition.outDir, 'deck-notes.pdf')
  // Subsets of what the sheets show, inline: the page requests no font file (about a hundred of the
  // served ones) and is laid out once, in its own fonts.
  const fonts = await embeddedFontCss(`${deckGlyphs(deck)}${deck.notes.join('')}`, {
    projectRoot: ctx.projectRoot,
    locale: deck.lang,
    format: 'truetype',
  })
  const html = await notesDocument(deck, fonts)
  const pdf = await ctx.session.withPage(async (page) => {
    await ctx.session.load(page, html, { name: 'deck-notes.html' })
    await ctx.session.waitForReady(page)
    return page
      .pdf({ format: 'A4', printBackground: true, tagged: true, preferCSSPageSize: true, timeout: 180_000 })
      .catch((cause: unknown) => {
        throw new ConvertError('Chromium could not print deck-notes.pdf', { cause })
      })
  })
  // Chromium's A4 is whole CSS pixels (594.96 x 841.92 pt); the page boxes are set to A4 exactly.
  const finished = await finishPdfPages(pdf, deckMetadata(deck, edition), A4)
  await writeAtomic(path, finished.bytes)
  return { path, pages: finished.pages }
}
