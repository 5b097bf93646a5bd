// Scripts in the deck's HTML. Only marp-core's own browser helper (fitting headings, custom heading
// elements) may stay, and it moves out of the last slide to the end of the page, so that the
// presenter view's slide clones carry no script; any other script is refused, since the CSP would
// block it anyway.
import { Marp } from '@marp-team/marp-core'
import { type DefaultTreeAdapterTypes, parseFragment, defaultTreeAdapter as tree } from 'parse5'
import { type Confinement, clip } from './confinement.js'

type ParentNode = DefaultTreeAdapterTypes.ParentNode

interface FoundScript {
  src?: string
  body: string
}

/** Takes every <script> out of the tree (SVG's too), with its src and its text. */
function takeScripts(parent: ParentNode, found: FoundScript[] = []): FoundScript[] {
  for (const node of [...tree.getChildNodes(parent)]) {
    if (!tree.isElementNode(node)) continue
    if (node.tagName.toLowerCase() === 'script') {
      const src = node.attrs.find((a) => a.name.toLowerCase() === 'src' || a.name.toLowerCase() === 'href')
      const body = tree
        .getChildNodes(node)
        .map((c) => (tree.isTextNode(c) ? c.value : ''))
        .join('')
      found.push({ src: src?.value, body })
      tree.detachNode(node)
    } else takeScripts(node, found)
  }
  return found
}

let marpScript: string | undefined
/** The browser helper marp-core puts into its HTML when its `script` option is on (the default). */
export function marpBrowserScript(): string {
  marpScript ??= takeScripts(parseFragment(new Marp().render('x').html))[0]?.body ?? ''
  return marpScript
}

/**
 * Removes the scripts from the deck's tree; returns whether marp-core's helper was among them (to be
 * put back at the end of the page). Any other script is refused.
 */
export function removeScripts(fragment: ParentNode, confinement: Confinement): boolean {
  let keepMarpScript = false
  for (const script of takeScripts(fragment)) {
    if (script.src !== undefined)
      confinement.refuse(`a <script src="${script.src}"> in the deck (scripts cannot load)`)
    else if (script.body !== '' && script.body === marpBrowserScript()) keepMarpScript = true
    else
      confinement.refuse(`an inline <script> in the deck that is not marp-core's own: ${clip(script.body)}`)
  }
  return keepMarpScript
}
