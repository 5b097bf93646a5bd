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

/** Cuts text to whole clauses (split at ，、：, and , ; : in English) no wider than max. */
function clauses(body: string, max: number): string {
  const parts = body.split(/(?<=[，,：:])\s*/u)
  let out = ''
  for (const part of parts) {
    const next = out ? `${out}${/[，：]$/u.test(out) ? '' : ' '}${part}` : part
    if (textWidth(next) > max) break
    out = next
  }
  return out.replace(/[，,：:、\s]+$/u, '')
}

/**
 * The short form of a paragraph for a slide: its first sentence, cut back to whole clauses when
 * it is wider than `max` (in CJK characters). The full text stays in the speaker notes.
 */
export function essence(text: string, max = 64): string {
  const first = (sentences(text)[0] ?? text).trim()
  const body = first.replace(/[。；;.!?！？]+$/u, '')
  if (textWidth(body) <= max) return body
  // whole clauses, unless that leaves less than half the room used (an English list cut at a comma)
  const cut = clauses(body, max)
  if (textWidth(cut) >= max / 2) return cut
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
  return `${out.replace(/[\s,;:，、；：]+$/u, '')}…`
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
