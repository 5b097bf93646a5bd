// deck.html: the rendered deck as ONE self-contained file that presents from disk with no network.
//
// Everything is inline: Marp's HTML and CSS, the fonts (subset to the characters used, as data: URIs),
// images (project files become data: URIs), the chart SVGs, and the runtime (deck-runtime/: keyboard
// navigation, presenter view, print). A Content-Security-Policy meta allows only inline styles, data:
// fonts and images, and the exact inline scripts by hash, so even a mistake in a template or a
// hostile report text cannot make the file load anything. We also check at build time and fail with
// a ConfinementError naming the resource, because under the CSP it would only break silently on the
// presenter's laptop.
//
// The steps, each in its own module under deck-html/:
//   slides.ts      Marp's HTML parsed (parse5) a slide at a time, a slide's result kept by its HTML
//   scripts.ts     no script from the slides may stay
//   html-tree.ts   loading attributes inlined or refused
//   css-urls.ts    the CSS parsed (postcss); url()s inlined, @import refused
//   resources.ts   a reference -> a data: URI of a project file, or refused
//   runtime.ts     the runtime's script, style, strings and data
//   fonts.ts       the font subsets
//   page.ts        the document and its CSP, serialized by parse5
import { join } from 'node:path'
import type { BuildContext, Edition } from '../context.js'
import { htmlText, wideSpaces } from '../html/text.js'
import { writeAtomic } from '../utils/files.js'
import { Confinement } from './deck-html/confinement.js'
import { CssUrlRewriter } from './deck-html/css-urls.js'
import { deckFontCss } from './deck-html/fonts.js'
import { assemblePage } from './deck-html/page.js'
import { ResourceInliner } from './deck-html/resources.js'
import { RUNTIME_GLYPHS, runtimeData, runtimeFiles } from './deck-html/runtime.js'
import { rewriteSlides } from './deck-html/slides.js'

/**
 * What deck.html needs from the rendered deck (src/render/deck.ts's RenderedDeck has these fields
 * and more; any object with them will do).
 */
export interface DeckHtmlSource {
  /** Marp's HTML (src/render/deck-marp.ts's settings): <div class="marpit"> with one <section> per slide */
  html: string
  /** Marp's CSS, theme included */
  css: string
  /** speaker notes, plain text, one entry per slide */
  notes: string[]
  slides: { index: number; title?: string }[]
  /** all visible text of the deck (for font subsetting) */
  text: string
  /** <title>: the report title and edition name; the report's title if absent */
  title?: string
}

/** Writes edition.outDir/deck.html (temp file + rename, so readers never see half a file). */
export async function writeDeckHtml(
  deck: DeckHtmlSource,
  edition: Edition,
  ctx: BuildContext,
): Promise<string> {
  const html = await renderDeckHtml(deck, edition, ctx)
  const file = join(edition.outDir, 'deck.html')
  await writeAtomic(file, html)
  const bytes = Buffer.byteLength(html)
  ctx.logger.debug(`deck.html: ${(bytes / 1024 / 1024).toFixed(2)} MB, ${deck.slides.length} slides`)
  return file
}

/** The whole deck.html as a string. */
export async function renderDeckHtml(
  deck: DeckHtmlSource,
  edition: Edition,
  ctx: BuildContext,
): Promise<string> {
  const runtime = await runtimeFiles()
  const confinement = new Confinement()

  // 1.-2. The slides: no scripts (the runtime's are the only ones); images and url()s of project
  // files become data: URIs, anything remote is an error.
  const roots = [ctx.projectRoot, edition.reportDir]
  const resources = new ResourceInliner(roots, confinement)
  const css = new CssUrlRewriter(resources, confinement)
  const slides = await rewriteSlides(deck.html, { resources, css, confinement, roots })
  const deckCss = await css.stylesheet(deck.css, 'the deck CSS')
  confinement.check()

  // 3. The data the runtime reads: notes, titles, talk length, its strings.
  const data = runtimeData(deck, edition)

  // 4. Fonts: subset to every character that can appear, only the families the CSS asks for.
  const title = deck.title ?? edition.report.meta.title
  const text = [
    deck.text,
    htmlText(deck.html),
    wideSpaces(deck.html),
    deck.notes.join('\n'),
    Object.values(data.strings).join('\n'),
    title,
    RUNTIME_GLYPHS,
  ].join('\n')
  const fonts = await deckFontCss(text, deckCss + runtime.css, edition, ctx)

  // 5. Assemble.
  return assemblePage({
    lang: edition.locale,
    title,
    styles: [fonts, deckCss, runtime.css],
    body: slides,
    data,
    scripts: [runtime.js],
  })
}
