// The reading copy is spoken from: a page must never end in the middle of a sentence (the speaker
// would turn the page mid-breath). Each sentence of a paragraph is set as a block that does not break
// across pages, starting on a line of its own, which also shows the speaker where to pause. Each
// section carries how long it takes to speak, from the talk's allotted minutes.
import type { Section } from '../data/types.js'

const SENTENCE_END = /(?:[。！？；!?;]|\.(?=\s|$))[”’」』）)"']*/gu

/**
 * Every <p> inside <main>: its sentences wrapped in <span class="sentence">. Tags inside a paragraph
 * (figures in <strong>) never hold sentence punctuation, so the text is cut only outside them.
 */
export function sentenceSpans(html: string): string {
  return html.replace(
    /(<main\b[^>]*>)([\s\S]*?)(<\/main>)/,
    (_, open: string, body: string, close: string) => {
      const wrapped = body.replace(
        /(<p\b[^>]*>)([\s\S]*?)(<\/p>)/g,
        (whole, p: string, inner: string, end: string) => {
          if (/class="[^"]*\b(kicker|end)\b/.test(p)) return whole
          return `${p}${splitSentences(inner)
            .map((s) => `<span class="sentence">${s}</span>`)
            .join('')}${end}`
        },
      )
      return `${open}${wrapped}${close}`
    },
  )
}

function splitSentences(inner: string): string[] {
  const out: string[] = []
  let start = 0
  let inTag = false
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i] as string
    if (c === '<') inTag = true
    else if (c === '>') inTag = false
    if (inTag) continue
    SENTENCE_END.lastIndex = i
    const m = SENTENCE_END.exec(inner)
    if (m && m.index === i) {
      const end = i + m[0].length
      out.push(inner.slice(start, end))
      start = end
      i = end - 1
    }
  }
  if (inner.slice(start).trim()) out.push(inner.slice(start))
  return out.filter((s) => s.trim())
}

/** Characters of a section's spoken text (title, lead, keywords, paragraphs, projects). */
function spokenLength(section: Section): number {
  const texts = [
    section.title,
    section.lead,
    ...section.keywords.flatMap((k) => [
      k.title,
      ...k.paragraphs,
      ...(k.projects ?? []).flatMap((p) => [p.title, p.text]),
    ]),
  ]
  return texts.join('').length
}

/**
 * Minutes to speak each section: the talk's minutes shared in proportion to the text's length (the
 * intro and targets count too, as `others`). Rounded to whole minutes, at least 1.
 */
export function sectionMinutes(sections: readonly Section[], talkMinutes: number, others = 0): number[] {
  const lengths = sections.map(spokenLength)
  const total = lengths.reduce((a, b) => a + b, others)
  return lengths.map((l) => Math.max(1, Math.round((talkMinutes * l) / Math.max(1, total))))
}
