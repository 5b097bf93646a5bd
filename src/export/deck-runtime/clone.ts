// Copies of slides for the presenter's panes. A copy must not steal what belongs to the deck itself:
// the slide anchors (#3) keep pointing at the deck, and every id inside a copy is made unique.
import type { DeckState } from './state.js'

let copies = 0

/** A copy of slide i for a presenter pane. */
export function cloneSlide(state: DeckState, i: number): Element {
  const slide = state.slides[i]
  if (!slide) throw new Error(`no slide ${i + 1}`)
  const copy = slide.cloneNode(true) as HTMLElement
  copy.classList.remove('hb-slide', 'hb-active')
  // the counter and notes are what a screen reader needs here
  copy.setAttribute('aria-hidden', 'true')
  // Ids stay unique in the document: the slide anchors (#3) must keep pointing at the deck itself.
  copy.removeAttribute('id')
  copy.style.removeProperty('--hb-fit')
  uniqueIds(copy)
  return copy
}

/**
 * A chart's inline SVG refers to its own parts by id (clip paths, gradients: url(#clip3)). In a copy
 * those ids would repeat, and a reference resolves to the first element with the id: the one in the
 * hidden deck, which draws nothing, so the copy lost its bars. Every id inside a copy gets a suffix
 * of its own, and every reference to it follows.
 */
function uniqueIds(copy: Element): void {
  const suffix = `-hb${++copies}`
  const renamed = new Map<string, string>()
  for (const node of copy.querySelectorAll('[id]')) {
    renamed.set(node.id, node.id + suffix)
    node.id += suffix
  }
  if (renamed.size === 0) return
  const follow = (value: string) =>
    value
      .replace(/url\(\s*(['"]?)#([^'")\s]+)\1\s*\)/g, (whole, q: string, id: string) =>
        renamed.has(id) ? `url(${q}#${renamed.get(id)}${q})` : whole,
      )
      .replace(/^#(.+)$/, (whole, id: string) => (renamed.has(id) ? `#${renamed.get(id)}` : whole))
  for (const node of copy.querySelectorAll('*')) {
    for (const attr of [...node.attributes]) {
      if (attr.value.includes('#')) {
        const value = follow(attr.value)
        // through the Attr itself: keeps the namespace of xlink:href
        if (value !== attr.value) attr.value = value
      }
    }
  }
}
