// A list of places each with its own part (支持甲县机械制造、乙县食品加工…; "X in Alton; Y in Brig …") as a
// table: one row a place, with the words the paragraph gives it. The keyword names its places in the
// data (keyword.places.names); nothing here knows a place. Every cell is a piece of the paragraph.
import type { Keyword } from '../data/types.js'
import { sentences } from './slide-text.js'

export interface PlaceTable {
  /** the clause before the list, as the slide's short text ('' when the list opens the sentence) */
  lead: string
  columns: [string, string]
  rows: { place: string; part: string }[]
}

const CJK = /[\u3400-\u9fff]/u
/** list glue at the ends of a part: separators, "and", and a Chinese list's closing 等… */
const trimPart = (text: string, chinese: boolean) => {
  let out = text.trim().replace(/^[、，,；;：:\s]+|[、，,；;：:\s]+$/gu, '')
  if (chinese) return out.replace(/等[^、，；]*$/u, '').trim()
  out = out.replace(/^(?:and|or)\s+/, '').replace(/\s+(?:in|of|for|at)$/, '')
  return out.replace(/[,;:\s]+$/, '').trim()
}

/** The clause that comes before the list, cut back to its last clause boundary. */
function leadOf(before: string): string {
  const at = Math.max(...[...'，；：,;:'].map((c) => before.lastIndexOf(c)))
  return (at > 0 ? before.slice(0, at) : '').trim()
}

/** The keyword's list of places as a table, or undefined when its text names fewer than two of them. */
export function placeTable(keyword: Keyword): PlaceTable | undefined {
  const names = keyword.places?.names ?? []
  if (!keyword.places || names.length < 2) return undefined
  // the paragraph that names most of the places, from the sentence where the list starts (an
  // English list may run on over semicolons, which end sentences elsewhere)
  const count = (s: string) => names.filter((n) => s.includes(n)).length
  const paragraph = keyword.paragraphs.reduce((best, p) => (count(p) > count(best) ? p : best), '')
  const firstAt = Math.min(...names.map((n) => paragraph.indexOf(n)).filter((at) => at >= 0))
  let sentenceStart = 0
  for (const s of sentences(paragraph)) {
    const at = paragraph.indexOf(s, sentenceStart)
    if (at < 0 || at > firstAt) break
    sentenceStart = at
  }
  const sentence = paragraph.slice(sentenceStart)
  const hits = names
    .map((name) => ({ name, at: sentence.indexOf(name) }))
    .filter((h) => h.at >= 0)
    .sort((a, b) => a.at - b.at)
  if (hits.length < 2) return undefined
  const chinese = CJK.test(hits[0]?.name ?? '')
  const rows: PlaceTable['rows'] = []
  let lead: string
  if (chinese) {
    // 支持甲县机械制造、乙县食品加工…: a place, then its part up to the next place
    hits.forEach((h, i) => {
      const next = hits[i + 1]
      const from = h.at + h.name.length
      const to = next
        ? next.at
        : from + (/[，。；]/u.exec(sentence.slice(from))?.index ?? sentence.length - from)
      rows.push({ place: h.name, part: trimPart(sentence.slice(from, to), true) })
    })
    lead = leadOf(sentence.slice(0, hits[0]?.at ?? 0))
  } else {
    // "such as X in Xinmi; Y in Dengfeng; … and Z in Gongyi": the part comes before its place
    const first = hits[0]?.at ?? 0
    const opener = /(?:such as|including|:)\s*/g
    let start = 0
    for (let m = opener.exec(sentence); m && m.index < first; m = opener.exec(sentence))
      start = m.index + m[0].length
    if (start === 0) start = Math.max(0, ...[...',;:'].map((c) => sentence.lastIndexOf(c, first) + 1))
    lead = leadOf(sentence.slice(0, start))
    let from = start
    for (const h of hits) {
      rows.push({ place: h.name, part: trimPart(sentence.slice(from, h.at), false) })
      from = h.at + h.name.length
    }
  }
  if (rows.some((r) => !r.part)) return undefined
  const [places = '', parts = ''] = keyword.places.columns
  return { lead, columns: [places, parts], rows }
}
