// Scripts in the deck's HTML. The deck's Marp (src/render/deck-marp.ts) adds none of its own, so a
// <script> in the slides came from a template, a theme or report text: it is refused (the CSP would
// block it anyway, silently) and taken out of the page. The only scripts of deck.html are the
// runtime's, put in by page.ts and allowed by their hash.
import { type DefaultTreeAdapterTypes, defaultTreeAdapter as tree } from 'parse5'
import { type Confinement, clip } from './confinement.js'

type ParentNode = DefaultTreeAdapterTypes.ParentNode

/** Takes every <script> out of the tree (SVG's too), refusing each with its src or its text. */
export function removeScripts(parent: ParentNode, confinement: Confinement): void {
  for (const node of [...tree.getChildNodes(parent)]) {
    if (!tree.isElementNode(node)) continue
    if (node.tagName.toLowerCase() !== 'script') {
      removeScripts(node, confinement)
      continue
    }
    const src = node.attrs.find((a) => ['src', 'href'].includes(a.name.toLowerCase()))
    const body = tree
      .getChildNodes(node)
      .map((c) => (tree.isTextNode(c) ? c.value : ''))
      .join('')
    if (src) confinement.refuse(`a <script src="${src.value}"> in the deck (scripts cannot load)`)
    else confinement.refuse(`an inline <script> in the deck: ${clip(body)}`)
    tree.detachNode(node)
  }
}
