// Marp's HTML made fit for deck.html (scripts out, loading attributes inlined or refused), one slide
// at a time. Parsing the whole deck's HTML took most of deck.html's time (a deck is 150 KB of
// markup, half of it chart SVG), yet between two saves in `huibao dev`, and between the editions of
// one build, most slides are the very same text. Each slide is parsed on its own, and the result of
// a slide that needed nothing from outside (no file read, nothing refused) is kept by its HTML: the
// same HTML always makes the same result. A slide that inlined a file is done again each time, so a
// changed image is never missed, and a refused resource is refused again in every build.
import { type DefaultTreeAdapterTypes, parseFragment, serialize } from 'parse5'
import { cutMarpSlides, joinMarpSlides } from '../../html/marp-slides.js'
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

/** The slides' HTML as deck.html holds it (refusals go to tools.confinement). */
export async function rewriteSlides(html: string, tools: SlideTools): Promise<string> {
  const cut = cutMarpSlides(html)
  if (!cut) return rewrite(html, tools)
  const out: string[] = []
  for (const slide of cut.slides) {
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
  return joinMarpSlides(cut, out)
}
