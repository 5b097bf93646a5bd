// Line breaking of chart labels, measured with the page's own fonts: the Vega expression functions
// huibaoWrap and huibaoTextWidth (src/charts/spec-tweaks.ts writes them into the specs).
//
// huibaoWrap(text, type, pref, cap, room): the lines to draw a label in (type: {font, fontSize,
// fontWeight, lineHeight}). One line if it fits in pref px; else the fewest lines (as many as fit in
// room px of height) of balanced length within pref; else the narrowest width up to cap that takes
// it in that many lines. Breaks at spaces, and between CJK characters except before closing and
// after opening punctuation. Always returns an array.
import type { VegaModule } from './vega.js'

export interface TextType {
  font: string
  fontSize: number
  fontWeight?: string | number
  lineHeight?: number
}

type Measure = (text: string) => number

const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/
const NO_START = /^[，。、；：！？）》」』”’%,.;:!?)\]]/
const NO_END = /[（《「『“‘([]$/
const PARTS =
  /\s+|[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]|[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]+/g

/** The pieces a line may break between. */
function tokens(text: string): string[] {
  const out: string[] = []
  for (const t of text.match(PARTS) ?? []) {
    const prev = out[out.length - 1]
    const glue =
      prev !== undefined &&
      (/^\s+$/.test(t) ||
        NO_START.test(t) ||
        NO_END.test(prev) ||
        (!CJK.test(t) && !/\s$/.test(prev) && !CJK.test(prev.slice(-1))))
    if (glue) out[out.length - 1] = prev + t
    else out.push(t)
  }
  return out
}

function greedy(toks: string[], w: number, measure: Measure): string[] {
  const lines: string[] = []
  let cur = ''
  for (const tok of toks) {
    const cand = cur + tok
    if (cur && measure(cand.trim()) > w) {
      lines.push(cur.trim())
      cur = tok
    } else cur = cand
  }
  if (cur.trim()) lines.push(cur.trim())
  return lines
}

const fits = (lines: string[], w: number, measure: Measure) => lines.every((l) => measure(l) <= w)

/** The narrowest width <= max that takes the text in n lines, or 0. */
function narrowest(toks: string[], n: number, max: number, measure: Measure): number {
  const first = greedy(toks, max, measure)
  if (first.length > n || !fits(first, max, measure)) return 0
  let lo = 0
  let hi = max
  for (let k = 0; k < 16 && hi - lo > 0.5; k++) {
    const mid = (lo + hi) / 2
    const lines = greedy(toks, mid, measure)
    if (lines.length <= n && fits(lines, mid, measure)) hi = mid
    else lo = mid
  }
  return hi
}

const textItem = (type: TextType) => ({
  font: type.font,
  fontSize: type.fontSize,
  fontWeight: type.fontWeight,
})

/** huibaoWrap and huibaoTextWidth for a page with Vega; cached, since Vega calls them per frame. */
export function wrapFunctions(vega: VegaModule) {
  const width = (type: TextType, text: string) => vega.textMetrics.width(textItem(type), text)
  const cache = new Map<string, string[]>()

  function wrap(raw: unknown, type: TextType, pref: number, cap: number, room: number): string[] {
    const text = raw == null ? '' : String(raw)
    const key = JSON.stringify([text, type, pref, cap, room])
    const known = cache.get(key)
    if (known) return known.slice()
    const measure: Measure = (t) => width(type, t)
    const lh = type.lineHeight || type.fontSize * 1.15
    const maxLines = Math.max(1, Math.floor((room - 1.4 * type.fontSize) / lh) + 1)
    let result = [text]
    if (measure(text) > pref) {
      const toks = tokens(text)
      let w = 0
      for (let n = 2; n <= maxLines && !w; n++) w = narrowest(toks, n, pref, measure)
      if (!w) w = narrowest(toks, maxLines, Math.max(pref, cap), measure)
      // more lines than the row holds: the layout check decides whether they fit after all
      for (let more = maxLines + 1; more <= maxLines + 2 && !w; more++)
        w = narrowest(toks, more, pref, measure)
      result = greedy(toks, w || Math.max(pref, cap), measure)
    }
    cache.set(key, result)
    return result.slice()
  }

  function textWidth(raw: unknown, type: TextType): number {
    return width(type, raw == null ? '' : String(raw))
  }

  return { wrap, textWidth }
}
