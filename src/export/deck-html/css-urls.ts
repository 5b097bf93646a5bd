// CSS in deck.html may load nothing from outside the file: every url() becomes a data: URI (or is
// refused, through ResourceInliner) and an @import of anything but a data: URI is refused. Style
// sheets are parsed with postcss, values (also those of style="" and SVG attributes such as
// fill="url(#g)") with postcss-value-parser, so that a url() is found as CSS finds it, not by a regex.
import postcss, { type AtRule, type Declaration } from 'postcss'
import valueParser from 'postcss-value-parser'
import type { Confinement } from './confinement.js'
import type { ResourceInliner } from './resources.js'

export class CssUrlRewriter {
  constructor(
    private readonly resources: ResourceInliner,
    private readonly confinement: Confinement,
  ) {}

  /** A style sheet with its url()s inlined; `where` names it in messages. */
  async stylesheet(css: string, where: string): Promise<string> {
    let root: postcss.Root
    try {
      root = postcss.parse(css)
    } catch (error) {
      // what cannot be parsed cannot be checked: refused, with the parser's reason
      this.confinement.refuse(`${where} cannot be read as CSS: ${(error as Error).message}`)
      return css
    }
    const edits: Promise<void>[] = []
    root.walkAtRules((rule: AtRule) => {
      if (rule.name.toLowerCase() === 'import') this.checkImport(rule.params, where)
      else if (/url\(/i.test(rule.params))
        edits.push(
          this.value(rule.params, where).then((params) => {
            rule.params = params
          }),
        )
    })
    root.walkDecls((decl: Declaration) => {
      if (/url\(/i.test(decl.value))
        edits.push(
          this.value(decl.value, where).then((value) => {
            decl.value = value
          }),
        )
    })
    if (edits.length === 0) return css
    await Promise.all(edits)
    return root.toString()
  }

  /** A CSS value (or a list of declarations, as in style="") with its url()s inlined. */
  async value(value: string, where: string): Promise<string> {
    const parsed = valueParser(value)
    const urls: valueParser.FunctionNode[] = []
    parsed.walk((node) => {
      if (node.type === 'function' && node.value.toLowerCase() === 'url') urls.push(node)
    })
    let changed = false
    await Promise.all(
      urls.map(async (node) => {
        const target = node.nodes[0]?.value ?? ''
        const next = await this.resources.resource(target, `url() in ${where}`, true)
        if (next === target) return
        changed = true
        node.before = ''
        node.after = ''
        node.nodes = [{ type: 'string', value: next, quote: '"', sourceIndex: 0, sourceEndIndex: 0 }]
      }),
    )
    return changed ? valueParser.stringify(parsed.nodes) : value
  }

  /** @import loads another sheet: only a data: URI may stand. */
  private checkImport(params: string, where: string): void {
    const first = valueParser(params).nodes.find((n) => n.type !== 'space')
    const target =
      first?.type === 'function' && first.value.toLowerCase() === 'url'
        ? (first.nodes[0]?.value ?? '')
        : (first?.value ?? '')
    if (!target.startsWith('data:')) this.confinement.refuse(`@import of ${target} in ${where}`)
  }
}
