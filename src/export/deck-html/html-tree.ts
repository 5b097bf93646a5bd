// Marp's HTML parsed with parse5 (as a browser parses it), walked element by element: every attribute
// through which a document loads something is made to point inside the file (images become data:
// URIs), elements that load or embed other documents are dropped and refused, event handlers and
// javascript: links are refused (they would not run under the CSP anyway: say so rather than leave
// dead code), and <style> elements go through the CSS rewriter. Text is never touched.
import { type DefaultTreeAdapterTypes, defaultTreeAdapter as tree } from 'parse5'
import { type Confinement, clip } from './confinement.js'
import type { CssUrlRewriter } from './css-urls.js'
import type { ResourceInliner } from './resources.js'

type Element = DefaultTreeAdapterTypes.Element
type ParentNode = DefaultTreeAdapterTypes.ParentNode
type Template = DefaultTreeAdapterTypes.Template
type Attribute = Element['attrs'][number]

/** Attributes through which a document loads something. */
const LOADING_ATTRS = new Set(['src', 'href', 'srcset', 'poster', 'data', 'background', 'action'])
/** Elements whose href is a link the reader may follow, not something the page loads. */
const LINK_ELEMENTS = new Set(['a', 'area'])
/** Elements whose src/href may be an image file that we inline. */
const IMAGE_ELEMENTS = new Set(['img', 'image', 'input', 'feimage'])
/** Elements that load or embed another document or sheet: never in deck.html. */
const REFUSED_ELEMENTS = new Set(['base', 'link', 'iframe', 'object', 'embed'])

/** An attribute's name as written (xlink:href keeps its prefix). */
const attrName = (attr: Attribute) => (attr.prefix ? `${attr.prefix}:${attr.name}` : attr.name)

export class HtmlInliner {
  constructor(
    private readonly resources: ResourceInliner,
    private readonly css: CssUrlRewriter,
    private readonly confinement: Confinement,
  ) {}

  /** Rewrites every element below `parent` (children first collected, so that removal is safe). */
  async children(parent: ParentNode): Promise<void> {
    const work: Promise<void>[] = []
    for (const node of [...tree.getChildNodes(parent)]) {
      if (!tree.isElementNode(node)) continue
      const name = node.tagName.toLowerCase()
      if (REFUSED_ELEMENTS.has(name)) {
        this.confinement.refuse(`a <${name}> element in the deck: ${clip(openingTag(node))}`)
        tree.detachNode(node)
        continue
      }
      work.push(this.element(node, name))
      if (name === 'style') work.push(this.styleElement(node))
      // a <template>'s content is a fragment of its own, not its children
      work.push(this.children(name === 'template' ? tree.getTemplateContent(node as Template) : node))
    }
    await Promise.all(work)
  }

  private async element(node: Element, name: string): Promise<void> {
    const kept: Attribute[] = []
    const rewritten = await Promise.all(node.attrs.map((attr) => this.attribute(name, attr)))
    for (const attr of rewritten) if (attr) kept.push(attr)
    node.attrs = kept
  }

  /** The attribute as deck.html keeps it, or undefined to drop it. */
  private async attribute(name: string, attr: Attribute): Promise<Attribute | undefined> {
    const attrFull = attrName(attr).toLowerCase()
    const value = attr.value
    const where = `<${name} ${attrFull}>`
    if (attrFull.startsWith('on')) {
      this.confinement.refuse(`an event handler ${attrFull}="…" on <${name}>`)
      return undefined
    }
    let next = value
    if (LOADING_ATTRS.has(attr.name.toLowerCase())) {
      if (LINK_ELEMENTS.has(name) && attr.name.toLowerCase() === 'href') {
        if (/^\s*javascript:/i.test(value)) {
          this.confinement.refuse(`a javascript: link on <${name}>`)
          next = '#'
        }
      } else if (attrFull === 'srcset') {
        if (!value.split(',').every((c) => c.trim().startsWith('data:')))
          this.confinement.refuse(`srcset on <${name}> with files or URLs: ${clip(value)}`)
      } else next = await this.resources.resource(value, where, IMAGE_ELEMENTS.has(name))
    }
    if (/url\(/i.test(next)) next = await this.css.value(next, where)
    return next === value ? attr : { ...attr, value: next }
  }

  /** A <style> element's sheet (its one text child) with its url()s inlined. */
  private async styleElement(node: Element): Promise<void> {
    for (const child of tree.getChildNodes(node)) {
      if (tree.isTextNode(child)) child.value = await this.css.stylesheet(child.value, 'a <style> element')
    }
  }
}

/** The opening tag of an element, for a message. */
function openingTag(node: Element): string {
  const attrs = node.attrs.map((a) => ` ${attrName(a)}="${a.value}"`).join('')
  return `<${node.tagName}${attrs}>`
}
