// Turns Vega's SVG into a print-quality, self-contained, accessible figure: <title> and <desc> first,
// role="img" and aria-label on the root, the theme's fonts, ids unique to the chart (many charts share
// one HTML document) and numbered in document order (the same input gives the same bytes), and no
// reference to anything outside the SVG.
import { escapeHtml } from '../html/escape.js'

export interface FinishOptions {
  /** prefix for the ids inside the SVG, unique per chart use */
  idPrefix: string
  title: string
  description: string
  /** the accessible name: title and description */
  ariaLabel: string
  /** CSS font-family list for all text */
  fontFamily: string
}

const esc = escapeHtml

export function finishSvg(svg: string, options: FinishOptions): string {
  const open = /^\s*<svg\b([^>]*)>/.exec(svg)
  if (!open) throw new Error('Vega returned no SVG')
  const attrs = open[1] ?? ''
  const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(attrs)?.[1]
  const width = attr('width')
  const height = attr('height')
  const viewBox = attr('viewBox') ?? `0 0 ${width} ${height}`
  let body = svg.slice(open[0].length).replace(/<\/svg>\s*$/, '')

  // Vega's own ARIA (a label per bar, roles per group) repeats what the <desc> says, in a worse form.
  body = body.replace(/\s(?:role|aria-[a-z]+)="[^"]*"/g, '')

  // Ids in order of first appearance: clip paths and gradients.
  const ids = new Map<string, string>()
  for (const m of body.matchAll(/\sid="([^"]+)"/g)) {
    const id = m[1] as string
    if (!ids.has(id)) ids.set(id, `${options.idPrefix}-${ids.size + 1}`)
  }
  const rename = (id: string) => ids.get(id) ?? id
  body = body
    .replace(/\sid="([^"]+)"/g, (_, id: string) => ` id="${rename(id)}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${rename(id)})`)
    .replace(/(\s(?:xlink:)?href)="#([^"]+)"/g, (_, a: string, id: string) => `${a}="#${rename(id)}"`)

  const external = /\s(?:xlink:)?href="(?!#)([^"]*)"|url\((?!#)([^)]*)\)|@import/.exec(body)
  if (external) throw new Error(`the SVG refers to something outside it: ${external[0].trim()}`)

  // Geometry to 1/100 px: smaller files, and no float noise (459.33333333333337) in the output.
  body = body.replace(
    /(\s(?:d|transform|x|y|x1|x2|y1|y2|width|height|points)=")([^"]*)"/g,
    (_, a: string, v: string) =>
      `${a}${v.replace(/-?\d+\.\d{3,}/g, (n) => String(Math.round(Number(n) * 100) / 100))}"`,
  )

  const font = esc(options.fontFamily)
  body = body.replace(/\sfont-family="[^"]*"/g, ` font-family="${font}"`)

  const titleId = `${options.idPrefix}-title`
  const descId = `${options.idPrefix}-desc`
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="huibao-chart" width="${width}" height="${height}" viewBox="${viewBox}"` +
    ` role="img" aria-label="${esc(options.ariaLabel)}"` +
    ` font-family="${font}">` +
    `<title id="${titleId}">${esc(options.title)}</title><desc id="${descId}">${esc(options.description)}</desc>` +
    `${body.replace(/\n/g, '')}</svg>`
  )
}
