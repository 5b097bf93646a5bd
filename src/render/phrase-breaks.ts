// Line breaks by meaning for Chinese text. Browsers break CJK text between any two characters, so a
// line can end in "10号线一" and go on with "期", or leave "心。" alone on the last line. Here every
// Chinese run of the rendered HTML gets explicit break opportunities (<wbr>) only between phrases, and
// the stylesheets set `word-break: keep-all`, which forbids every other break inside CJK text.
//
// Where a phrase ends is decided by two segmenters together, because each alone misplaces some:
// BudouX (a phrase model, keeps 试点 and 6号线 whole but splits 确|保 and 新|一|代) and ICU's
// dictionary (Intl.Segmenter: keeps 确保 and 新一代 but splits 试|点 and 6|号|线). A break is allowed
// only where both allow one, never right after a digit (a number stays with its unit), and never so
// that a single character stands as a phrase of its own. Tests read the PDFs back with the same
// `phraseBoundaries` and fail on a line that ends anywhere else.
// The plain parser with the Simplified Chinese model, not loadDefaultSimplifiedChineseParser(): that one
// also processes HTML and so loads an HTML DOM (linkedom) that costs more to load than all the rest.
import { Parser, zhHansModel } from 'budoux'

const budouxParser = new Parser(zhHansModel)
const wordSegmenter = new Intl.Segmenter('zh', { granularity: 'word' })

const HAN = /[\u3400-\u9FFF\uF900-\uFAFF]/u
const CJK_PUNCT = /[\u3000-\u303F\uFF00-\uFF65\u2014\u2018-\u201F\u2026]/u

function boundariesOf(parts: Iterable<string>): Set<number> {
  const out = new Set<number>()
  let at = 0
  for (const part of parts) {
    at += part.length
    out.add(at)
  }
  return out
}

/**
 * Offsets in `text` (UTF-16) after which a line may break: phrase ends that both segmenters agree on,
 * not after a digit, not leaving a one-character phrase. Text without Han characters has none (its
 * breaks are the browser's: spaces and hyphens).
 */
export function phraseBoundaries(text: string): number[] {
  if (!HAN.test(text)) return []
  // a space is a break of its own: each run between spaces is segmented apart
  const out: number[] = []
  for (const run of text.matchAll(/\S+/gu)) {
    for (const at of runBoundaries(run[0])) out.push(run.index + at)
  }
  return out
}

/**
 * Boundaries by run of text. Segmenting is the costly part of rendering a deck, and a deck, its
 * handout and every later render in `huibao dev` segment the same paragraphs again; the answer
 * depends only on the text.
 */
const knownRuns = new Map<string, number[]>()

function runBoundaries(text: string): number[] {
  let known = knownRuns.get(text)
  if (!known) {
    known = segmentRun(text)
    if (knownRuns.size >= 50_000) knownRuns.clear()
    knownRuns.set(text, known)
  }
  return known
}

function segmentRun(text: string): number[] {
  if (!HAN.test(text)) return []
  const phrases = boundariesOf(budouxParser.parse(text))
  const words = boundariesOf([...wordSegmenter.segment(text)].map((s) => s.segment))
  const candidates = [...phrases].filter((at) => at > 0 && at < text.length && words.has(at))
  // a short quoted term (“一带一路”, “十四五”) is one phrase
  const quoted: [number, number][] = []
  for (const m of text.matchAll(/[“「『]([^”」』]{1,10})[”」』]/gu))
    quoted.push([m.index, m.index + m[0].length])
  const kept: number[] = []
  for (const at of candidates) {
    if (quoted.some(([from, to]) => at > from && at < to)) continue
    const before = text[at - 1] ?? ''
    const after = text[at] ?? ''
    if (/[0-9０-９.,%％]/u.test(before) && !/[，、。；]/u.test(after)) continue
    // an opening bracket or quote stays with what it opens
    if (/[“‘（《「『【〔(]/u.test(before)) continue
    kept.push(at)
  }
  // a phrase of one Han character (e.g. 园, 心) joins its neighbour: drop the break that isolates it
  const ends = [0, ...kept, text.length]
  const drop = new Set<number>()
  for (let i = 1; i < ends.length; i++) {
    const start = ends[i - 1] ?? 0
    const end = ends[i] ?? 0
    const phrase = text.slice(start, end).replace(CJK_PUNCT, '')
    if ([...phrase].length === 1 && HAN.test(phrase)) {
      // at the start of the text or after punctuation it leans forward, otherwise back
      if (i === 1 || CJK_PUNCT.test(text[start - 1] ?? '')) drop.add(end)
      else drop.add(start)
    }
  }
  return kept.filter((at) => !drop.has(at))
}

// Elements whose text is not running prose: never touched.
const OPAQUE = new Set(['script', 'style', 'svg', 'math', 'textarea', 'title', 'code', 'pre', 'template'])
// Inline elements: their text belongs to the surrounding paragraph (a figure's number and unit …).
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'em',
  'i',
  'mark',
  'q',
  's',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'u',
  'wbr',
])

const TOKEN = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w-]*)(?:[^>"']|"[^"]*"|'[^']*')*>/g

interface TextToken {
  raw: string
}

/** Decoded text of an HTML text token, with the raw offset of each decoded UTF-16 unit. */
function decode(raw: string): { text: string; offsets: number[] } {
  let text = ''
  const offsets: number[] = []
  const re = /&(#x[0-9a-f]+|#\d+|[a-z]+);/gi
  let last = 0
  const pushPlain = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      text += raw[i]
      offsets.push(i)
    }
  }
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    pushPlain(last, m.index)
    // an entity counts as one character that no break may enter
    const ch = m[1]?.startsWith('#') ? '\uFFFC' : (NAMED[m[1]?.toLowerCase() ?? ''] ?? '\uFFFC')
    for (let k = 0; k < ch.length; k++) {
      text += ch[k]
      offsets.push(m.index)
    }
    last = m.index + m[0].length
  }
  pushPlain(last, raw.length)
  return { text, offsets }
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }

/**
 * Breaks one run of text tokens (a paragraph's text across inline elements) at its phrase ends.
 */
function breakRun(run: TextToken[]): void {
  const decoded = run.map((t) => decode(t.raw))
  const full = decoded.map((d) => d.text).join('')
  const cuts = phraseBoundaries(full)
  if (cuts.length === 0) return
  // cuts per token, as raw offsets
  const perToken: number[][] = run.map(() => [])
  let base = 0
  let k = 0
  for (let i = 0; i < run.length; i++) {
    const d = decoded[i] as { text: string; offsets: number[] }
    const end = base + d.text.length
    while (k < cuts.length && (cuts[k] as number) <= end) {
      const local = (cuts[k] as number) - base
      // none where an element starts or ends: its box may be styled apart (a contents line's page
      // number), and the text on either side is then no longer one paragraph
      if (local > 0 && local < d.text.length) perToken[i]?.push(d.offsets[local] as number)
      k++
    }
    base = end
  }
  run.forEach((token, i) => {
    const at = [...new Set(perToken[i])].sort((a, b) => a - b)
    if (at.length === 0) return
    const pieces = [0, ...at, token.raw.length]
      .slice(1)
      .map((end, j) => token.raw.slice(j === 0 ? 0 : at[j - 1], end))
    token.raw = pieces.join('<wbr>')
  })
}

/**
 * The HTML with <wbr> at the phrase ends of every Chinese paragraph outside scripts, styles, SVG
 * and code. Inline elements do not end a paragraph; every other tag does.
 */
export function insertPhraseBreaks(html: string): string {
  if (!HAN.test(html)) return html
  const out: (string | TextToken)[] = []
  let run: TextToken[] = []
  const flush = () => {
    if (run.length) breakRun(run)
    run = []
  }
  for (const piece of walkHtml(html)) {
    if (piece.kind === 'text') {
      const text: TextToken = { raw: piece.raw }
      out.push(text)
      if (!piece.opaque) run.push(text)
      continue
    }
    out.push(piece.raw)
    // the start of a script, style, SVG … and every block-level tag end the paragraph
    if (piece.opensOpaque || (piece.name && !piece.opaque && !INLINE.has(piece.name))) flush()
  }
  flush()
  return out.map((t) => (typeof t === 'string' ? t : t.raw)).join('')
}

/**
 * The HTML with `fn` applied to every text between tags outside scripts, styles, SVG and code (the
 * raw text, entities as written). For typographic fixes of rendered text (typography.ts).
 */
export function mapProseText(html: string, fn: (raw: string) => string): string {
  let out = ''
  for (const piece of walkHtml(html)) {
    out += piece.kind === 'text' && !piece.opaque ? fn(piece.raw) : piece.raw
  }
  return out
}

type HtmlPiece =
  | { kind: 'text'; raw: string; opaque: boolean }
  /** a tag or comment; `name` is empty for a comment; `opaque`: inside a script, style, SVG … */
  | { kind: 'tag'; raw: string; name: string; opaque: boolean; opensOpaque: boolean }

/**
 * The HTML as texts and tags in document order, each text marked when it lies inside an element
 * whose text is not prose (OPAQUE), counting nested elements of the same name. Every character of
 * the input is in exactly one piece, so joining the pieces' raw text gives the input back.
 */
function* walkHtml(html: string): Generator<HtmlPiece> {
  let opaque: string | undefined
  let depth = 0
  let last = 0
  const re = new RegExp(TOKEN.source, 'g')
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m.index > last) yield { kind: 'text', raw: html.slice(last, m.index), opaque: Boolean(opaque) }
    last = m.index + m[0].length
    const closing = m[1] === '/'
    const selfClosing = m[0].endsWith('/>')
    const name = (m[2] ?? '').toLowerCase()
    const inside = Boolean(opaque)
    let opensOpaque = false
    if (name && opaque) {
      if (name === opaque) depth += closing ? -1 : selfClosing ? 0 : 1
      if (depth === 0) opaque = undefined
    } else if (name && OPAQUE.has(name) && !closing && !selfClosing) {
      opaque = name
      depth = 1
      opensOpaque = true
    }
    yield { kind: 'tag', raw: m[0], name, opaque: inside, opensOpaque }
  }
  if (last < html.length) yield { kind: 'text', raw: html.slice(last), opaque: Boolean(opaque) }
}
