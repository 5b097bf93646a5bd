// The deck.html document itself, built as a tree with parse5's tree adapter and serialized by parse5,
// so that the title and attributes are escaped by the same rules a browser parses them with. The
// Content-Security-Policy is the first thing in <head>, before anything it governs: it allows only
// inline styles, data: fonts and images, and the exact inline scripts by their hash.
import { createHash } from 'node:crypto'
import { type DefaultTreeAdapterTypes, html as htmlSpec, serialize, defaultTreeAdapter as tree } from 'parse5'

type ParentNode = DefaultTreeAdapterTypes.ParentNode
type Element = DefaultTreeAdapterTypes.Element

const SLIDES_MARK = 'huibao: the slides'

export interface PageParts {
  lang: string
  title: string
  /** style sheets, in order (fonts, the deck's, the runtime's) */
  styles: string[]
  /** the slides (Marp's HTML, rewritten: slides.ts), as HTML put into <body> */
  body: string
  /** the runtime's data, as <script type="application/json" id="hb-data"> */
  data: unknown
  /** inline scripts, in order; the CSP allows exactly these texts */
  scripts: string[]
}

/** The policy: nothing loads from outside the file, and only the given scripts run. */
export function contentSecurityPolicy(scripts: string[]): string {
  const hashes = scripts.map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`)
  return [
    "default-src 'none'",
    'img-src data:',
    'font-src data:',
    "style-src 'unsafe-inline'",
    `script-src ${hashes.join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
}

function element(tag: string, attrs: Record<string, string> = {}, text?: string): Element {
  const node = tree.createElement(
    tag,
    htmlSpec.NS.HTML,
    Object.entries(attrs).map(([name, value]) => ({ name, value })),
  )
  if (text !== undefined) tree.insertText(node, text)
  return node
}

/** Appends the nodes with a line break after each, so that the file reads one element a line. */
function appendLines(parent: ParentNode, nodes: ParentNode[]): void {
  for (const node of nodes) {
    tree.appendChild(parent, node as Element)
    tree.insertText(parent, '\n')
  }
}

export function assemblePage(parts: PageParts): string {
  const document = tree.createDocument()
  tree.setDocumentType(document, 'html', '', '')
  tree.insertText(document, '\n')
  const html = element('html', { lang: parts.lang })
  tree.appendChild(document, html)
  tree.insertText(html, '\n')

  const head = element('head')
  tree.insertText(head, '\n')
  appendLines(head, [
    element('meta', { charset: 'utf-8' }),
    element('meta', {
      'http-equiv': 'Content-Security-Policy',
      content: contentSecurityPolicy(parts.scripts),
    }),
    element('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    element('meta', { name: 'referrer', content: 'no-referrer' }),
    element('title', {}, parts.title),
    ...parts.styles.map((css) => element('style', {}, css)),
  ])
  appendLines(html, [head])

  const body = element('body')
  tree.insertText(body, '\n')
  // the slides are HTML already (serialized by parse5 too): a marker stands in for them
  tree.appendChild(body, tree.createCommentNode(SLIDES_MARK))
  tree.insertText(body, '\n')
  appendLines(body, [
    // A data block is never executed, so the CSP does not apply; "<" is escaped so that no text in
    // it can close the element.
    element('script', { type: 'application/json', id: 'hb-data' }, jsonForHtml(parts.data)),
    ...parts.scripts.map((js) => element('script', {}, js)),
  ])
  appendLines(html, [body])
  const page = serialize(document)
  // after <body>: the head's text is escaped or style sheets, the marker is the comment in the body
  const at = page.indexOf(`<!--${SLIDES_MARK}-->`, page.indexOf('<body'))
  return `${page.slice(0, at)}${parts.body}${page.slice(at + SLIDES_MARK.length + 7)}\n`
}

/** JSON safe inside <script type="application/json">: no "<" (so no "</script>" or "<!--"). */
function jsonForHtml(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}
