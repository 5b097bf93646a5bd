// Marp's HTML made fit for deck.html (scripts out, loading attributes inlined or refused), one slide
// at a time. Parsing the whole deck's HTML took most of deck.html's time (a deck is 150 KB of
// markup, half of it chart SVG), yet between two saves in `huibao dev`, and between the editions of
// one build, most slides are the very same text. Each slide is parsed on its own, and the result of
// a slide that needed nothing from outside (no file read, nothing refused) is kept by its HTML: the
// same HTML always makes the same result. A slide that inlined a file is done again each time, so a
// changed image is never missed, and a refused resource is refused again in every build.
import { type DefaultTreeAdapterTypes, parseFragment, serialize } from 'parse5'
import type { Confinement } from './confinement.js'
import type { CssUrlRewriter } from './css-urls.js'
import { HtmlInliner } from './html-tree.js'
import type { ResourceInliner } from './resources.js'
import { removeScripts } from './scripts.js'

type DocumentFragment = DefaultTreeAdapterTypes.DocumentFragment

export interface SlideTools {
  resources: ResourceInliner
  css: CssUrlRewriter
  confinement: Confinement
  /** the folders files may be inlined from: part of what a kept slide depends on */
  roots: readonly string[]
}

const DECK_START = '<div class="marpit">'
const DECK_END = '</div>'
/** Slides kept by their HTML; a deck has tens, a build of many editions some hundreds. */
const MAX_KEPT = 2000
const kept = new Map<string, string>()

/** Parses and rewrites one piece of Marp's HTML; the fragment serialized again. */
async function rewrite(html: string, tools: SlideTools): Promise<string> {
  const fragment: DocumentFragment = parseFragment(html)
  removeScripts(fragment, tools.confinement)
  await new HtmlInliner(tools.resources, tools.css, tools.confinement).children(fragment)
  return serialize(fragment)
}

/**
 * Marp's `<div class="marpit"><section>…</section>…</div>` cut into its slides, or undefined when the
 * HTML has another shape (then it is rewritten whole). Text in slides is escaped, so "<section" only
 * starts a slide, and only whitespace may stand between two.
 */
function cutSlides(html: string): { slides: string[]; gaps: string[] } | undefined {
  if (!html.startsWith(DECK_START) || !html.endsWith(DECK_END)) return undefined
  const body = html.slice(DECK_START.length, -DECK_END.length)
  const starts = [...body.matchAll(/<section\b/g)].map((m) => m.index)
  const first = starts[0]
  if (first === undefined || body.slice(0, first).trim() !== '') return undefined
  // the whitespace before each slide and after the last, kept as it was
  const gaps = [body.slice(0, first)]
  const slides: string[] = []
  for (const [i, start] of starts.entries()) {
    const next = starts[i + 1] ?? body.length
    const end = body.lastIndexOf('</section>', next) + '</section>'.length
    if (end <= start || body.slice(end, next).trim() !== '') return undefined
    slides.push(body.slice(start, end))
    gaps.push(body.slice(end, next))
  }
  return { slides, gaps }
}

/** The slides' HTML as deck.html holds it (refusals go to tools.confinement). */
export async function rewriteSlides(html: string, tools: SlideTools): Promise<string> {
  const cut = cutSlides(html)
  if (!cut) return rewrite(html, tools)
  const out: string[] = [DECK_START]
  for (const [i, slide] of cut.slides.entries()) {
    out.push(cut.gaps[i] ?? '')
    const key = `${tools.roots.join('\0')}\0${slide}`
    let done = kept.get(key)
    if (done === undefined) {
      const refused = tools.confinement.problems.length
      const inlined = tools.resources.lookups
      done = await rewrite(slide, tools)
      if (tools.confinement.problems.length === refused && tools.resources.lookups === inlined) {
        if (kept.size >= MAX_KEPT) kept.clear()
        kept.set(key, done)
      }
    }
    out.push(done)
  }
  out.push(cut.gaps.at(-1) ?? '', DECK_END)
  return out.join('')
}
