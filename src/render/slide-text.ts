// Short forms of report text for slides: the essence of a paragraph (its first sentence, cut to
// whole clauses), key points of a text, figures split for big-number typesetting, and lists split
// into balanced continuation slides. Pure functions of strings, shared by the deck's helpers and the
// native PowerPoint, so that both shorten a paragraph the same way.
import { phraseBoundaries } from './phrase-breaks.js'

/** Splits a formatted figure into the parts a callout typesets differently: 不少于 | 2 | 个. */
export function figureParts(text: string): { prefix: string; number: string; suffix: string } {
  const match = /^(.*?)(\d[\d,.]*(?:\s*(?:至|to)\s*\d[\d,.]*)?)(.*)$/.exec(text)
  if (!match) return { prefix: '', number: text, suffix: '' }
  return { prefix: match[1] ?? '', number: match[2] ?? '', suffix: match[3] ?? '' }
}

/** Sentences of a Chinese or English paragraph, each with its closing punctuation. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[。！？；;!?][”’」』）)]?)|(?<=\.[”’"')]?)\s+/u)
    .map((s) => s.trim())
    .filter(Boolean)
}

/** Width of a text in ems of a CJK character: Chinese counts 1, Latin letters and digits about 0.55. */
export function textWidth(text: string): number {
  let width = 0
  for (const c of text) width += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFF60\u3000-\u303F]/u.test(c) ? 1 : 0.55
  return width
}

/** Brackets and quotes: a clause never ends inside them ("the three checks" (early, often, in full)). */
const OPENERS = '（(“‘「『《〈【['
const CLOSERS = '）)”’」』》〉】]'

/**
 * Where the clauses of a sentence end: after ， ； ： in Chinese, after , ; : and a space in English;
 * never inside brackets or quotes ("the three checks" (early, often, in full)), inside a number
 * (12,500), or before the rest of an English list ("between farms, markets and schools"). Returns
 * each clause with its delimiter.
 */
export function clauseParts(body: string): string[] {
  const ends: number[] = []
  let depth = 0
  let quote = false
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string
    if (c === '"') quote = !quote
    else if (OPENERS.includes(c)) depth++
    else if (CLOSERS.includes(c)) depth = Math.max(0, depth - 1)
    if (depth > 0 || quote) continue
    if (/[，；：]/u.test(c) || (/[,;:]/.test(c) && /^\s/.test(body.slice(i + 1)))) ends.push(i + 1)
  }
  const parts: string[] = []
  let from = 0
  ends.forEach((at, k) => {
    if (body[at - 1] === ',' && startsListRest(body, ends.slice(k), at)) return
    parts.push(body.slice(from, at))
    from = at
  })
  if (from < body.length) parts.push(body.slice(from))
  return parts.map((p) => p.trim()).filter(Boolean)
}

/**
 * Whether the text after an English comma at `at` goes on with a list: short items (four words at
 * most) up to a last one joined by "and" / "or" (six words at most) that ends the sentence or clause.
 */
function startsListRest(body: string, ends: number[], at: number): boolean {
  const bounds = [...ends.slice(1), body.length]
  let from = at
  for (const to of bounds) {
    const segment = body
      .slice(from, to)
      .replace(/[,;:]$/, '')
      .trim()
    const words = segment.split(/\s+/).filter(Boolean)
    if (/\b(?:and|or)\b/.test(segment)) return words.length <= 6 && !/^(?:and|or)\b/.test(segment)
    if (words.length > 4) return false
    from = to
  }
  return false
}

/** The longest run of whole clauses from the start no wider than max ('' when the first is wider). */
function clauses(body: string, max: number): string {
  // an English short form holds the sentence's subject ("we will …"), not only its opening phrase
  const subject = /\bwe\b/i.test(body) ? /\bwe\b/i : undefined
  let out = ''
  let best = ''
  for (const part of clauseParts(body)) {
    const next = out ? `${out}${/[，；：]$/u.test(out) ? '' : ' '}${part}` : part
    if (textWidth(next) > max) break
    out = next
    if (!subject || subject.test(out)) best = out
  }
  // a clause cut before its last word would leave "…, and" hanging
  return best.replace(/[，,：:；;、\s]+$/u, '').replace(/,?\s+(?:and|or|but)$/, '')
}

/**
 * The short form of a paragraph for a slide: its first sentence, cut back to whole clauses when it
 * is wider than `max` (in CJK characters), so that what the slide shows reads as complete. A first
 * clause that is itself too wide is shown whole up to half as wide again; only a longer one is cut
 * at a phrase or word and ends in "…". The full text stays in the speaker notes.
 */
export function essence(text: string, max = 64): string {
  const first = (sentences(text)[0] ?? text).trim()
  const body = first.replace(/[。；;.!?！？]+$/u, '')
  if (textWidth(body) <= max) return body
  const cut = clauses(body, max)
  if (cut) return cut
  const whole = clauses(body, max * 1.5)
  if (whole) return whole
  let out = ''
  for (const c of body) {
    if (textWidth(out + c) > max - 1) break
    out += c
  }
  // in Chinese text, end on a whole phrase
  const phraseEnd = phraseBoundaries(body)
    .filter((at) => at <= out.length)
    .pop()
  if (phraseEnd && phraseEnd >= out.length / 2) out = body.slice(0, phraseEnd)
  // in Latin text, end on a whole word
  if (/[A-Za-z]$/.test(out) && /^[A-Za-z]/.test(body.slice(out.length))) out = out.replace(/\s+\S*$/, '')
  out = beforeOpenBracket(out)
  return `${out.replace(/[\s,;:，、；：]+$/u, '').replace(/\s+(?:and|or|but)$/, '')}…`
}

/** Text cut back to before a bracket or quote it opens and does not close. */
function beforeOpenBracket(text: string): string {
  const open: number[] = []
  let quote = -1
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string
    if (c === '"') quote = quote < 0 ? i : -1
    else if (OPENERS.includes(c)) open.push(i)
    else if (CLOSERS.includes(c)) open.pop()
  }
  const at = Math.min(open[0] ?? text.length, quote < 0 ? text.length : quote)
  return text.slice(0, at).trimEnd()
}

/**
 * Key points of a text for a slide without figures: the opening clause of each sentence after the
 * first (发布“1+N”政策体系 / 推进“人才+资本+场景”建设 …), skipping clauses wider than `maxChars`.
 */
export function points(paragraphs: readonly string[], max = 4, maxChars = 30): string[] {
  const all = paragraphs.flatMap((p) => sentences(p)).slice(1)
  const out: string[] = []
  for (const sentence of all) {
    const clause = (sentence.split(/[，,：:。；;！？!?]|\.(?:\s|$)/u)[0] ?? '').trim()
    const width = textWidth(clause)
    if (width < 3 || width > maxChars || out.includes(clause)) continue
    // in English, a clause that starts in lower case continues a list, it is no point of its own
    if (/^[a-z]/.test(clause)) continue
    out.push(clause)
    if (out.length >= max) break
  }
  return out
}

/** Splits `list` into pages of at most `size` items, balancing the pages (7 by 6 -> 4 + 3). */
export function chunk<T>(list: readonly T[], size: number): T[][] {
  if (list.length === 0) return []
  const pages = Math.ceil(list.length / size)
  const per = Math.ceil(list.length / pages)
  const out: T[][] = []
  for (let i = 0; i < list.length; i += per) out.push(list.slice(i, i + per))
  return out
}
