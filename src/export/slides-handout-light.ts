// The light print version of the deck's dark slides, for slides-handout.pdf. A slide set in a full
// field of colour (the cover, the section dividers, the closing slide) is fine on a screen, but on a
// photocopied handout it lays toner over a third of the sheet and its white type comes out grey.
// The theme says how such slides print: themes/<theme>/handout-slides.css restyles them (`section.X`
// rules), and only the slides whose kind those rules name are printed again with it; every other
// slide of the handout stays the very page of deck.pdf.
import { join } from 'node:path'
import postcss from 'postcss'
import type { BuildContext, Edition } from '../context.js'
import { embeddedFontCss } from '../fonts/faces.js'
import { type DeckLike, deckDocument, deckGlyphs, SLIDE_HEIGHT, SLIDE_WIDTH } from '../render/overflow.js'
import { themeDir, themeRoots } from '../themes/find.js'
import { isMissingFile, safeReadText } from '../utils/safe-read.js'

/** Slides printed again in their light version: their 0-based index in the deck and the new PDF. */
export interface LightSlides {
  indices: number[]
  pdf: Uint8Array
}

const SHEET = 'handout-slides.css'

/** The theme's handout-slides.css, or undefined when the theme has none (no slide to lighten). */
export async function lightSlideCss(edition: Edition, projectRoot: string): Promise<string | undefined> {
  const dir = themeDir(edition.theme.name, edition.reportDir, projectRoot)
  try {
    return await safeReadText(join(dir, SHEET), {
      roots: themeRoots(edition.reportDir, projectRoot),
      what: 'style sheet',
    })
  } catch (error) {
    if (isMissingFile(error)) return undefined
    throw error
  }
}

/**
 * The slide kinds a sheet restyles: the class of every selector that starts with `section.<kind>`.
 * Each rule is also scoped under the deck's slide container with a higher specificity than Marp's own
 * scoped theme rules (div.marpit > section…), so that it wins over the theme's dark styling.
 */
export function lightRules(css: string): { kinds: Set<string>; css: string } {
  const root = postcss.parse(css)
  const kinds = new Set<string>()
  root.walkRules((rule) => {
    if (rule.parent?.type === 'atrule' && /keyframes$/i.test((rule.parent as postcss.AtRule).name)) return
    rule.selectors = rule.selectors.map((selector) => {
      const kind = /^section\.([\w-]+)/.exec(selector.trim())
      if (kind?.[1]) kinds.add(kind[1])
      return `:root body div.marpit > ${selector.trim()}`
    })
  })
  return { kinds, css: root.toString() }
}

/** The 0-based indices of the deck's slides whose class names one of `kinds`. */
export function slidesOfKinds(html: string, kinds: ReadonlySet<string>): number[] {
  const out: number[] = []
  let index = 0
  for (const open of html.matchAll(/<section\b([^>]*)>/g)) {
    const classes = /\bclass="([^"]*)"/.exec(open[1] ?? '')?.[1]?.split(/\s+/) ?? []
    if (classes.some((c) => kinds.has(c))) out.push(index)
    index++
  }
  return out
}

/** The deck's <section> elements (Marp's HTML nests none), in order. */
function sections(html: string): string[] {
  return html.match(/<section\b[\s\S]*?<\/section>/g) ?? []
}

/**
 * Prints the slides the theme's handout-slides.css restyles, in that light version, one slide a page
 * in deck.pdf's page size; undefined when the theme lightens no slide of this deck.
 */
export async function printLightSlides(
  deck: DeckLike,
  edition: Edition,
  ctx: BuildContext,
): Promise<LightSlides | undefined> {
  const sheet = await lightSlideCss(edition, ctx.projectRoot)
  if (!sheet) return undefined
  const rules = lightRules(sheet)
  const indices = slidesOfKinds(deck.html, rules.kinds)
  if (indices.length === 0) return undefined
  const all = sections(deck.html)
  const html = `<div class="marpit">${indices.map((i) => all[i]).join('')}</div>`
  // The deck's own font subsets inline, the very ones deck.pdf's page loaded (cached by their text,
  // so this is a cache hit): the page requests no font file, and is laid out once, in its own fonts.
  // A character the sheet itself draws (a `content:` string) is added to the subset.
  const drawn = [...rules.css.matchAll(/\bcontent\s*:\s*([^;}]*)/g)].map((m) => m[1]).join('')
  const fonts = await embeddedFontCss(`${deckGlyphs(deck)}${drawn}`, {
    projectRoot: ctx.projectRoot,
    locale: deck.lang,
    format: 'truetype',
  })
  const document = await deckDocument({ ...deck, html }, { extraCss: rules.css, fonts })
  const pdf = await ctx.session.withPage(async (page) => {
    await ctx.session.load(page, document, { name: 'slides-handout-light.html' })
    await ctx.session.waitForReady(page)
    return page.pdf({
      width: `${SLIDE_WIDTH}px`,
      height: `${SLIDE_HEIGHT}px`,
      printBackground: true,
      preferCSSPageSize: false,
      timeout: 120_000,
    })
  })
  return { indices, pdf }
}
