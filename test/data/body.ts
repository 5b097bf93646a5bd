// The report body as published (source.txt) and the same words as the data holds them, so tests can
// prove the data says exactly what the report says: every sentence, verbatim, in order, nothing added.
// Pure functions over strings and parsed data; the tests also run them on mutated copies.
import type { Report } from '../../src/data/types.js'

/** First line of the body. Everything above it is the web page's header (来源, 发布时间 …). */
export const BODY_START = '2021年抓好八项重点工作'
/** First line of the page footer. The body ends on the line before (the last 住房保障 sentence). */
export const BODY_END = '打印此文'

/**
 * The web page writes some Chinese punctuation in ASCII; the data restores the full-width forms.
 * Only these five are mapped: other characters (“” — ~ + and digits) stay byte-identical.
 */
const FULL_WIDTH: Record<string, string> = { ',': '，', ':': '：', ';': '；', '(': '（', ')': '）' }

export function normalisePunctuation(text: string): string {
  return text.replace(/[,:;()]/g, (c) => FULL_WIDTH[c] ?? c)
}

const KEYWORD_HEADING = /^关键词：\s*/

/**
 * The body's lines, in order, as the data holds them: page header and footer dropped, blank lines
 * dropped, line-end spaces trimmed, ASCII punctuation made full-width, and "关键词: X" headings
 * reduced to X (the data keeps the keyword title only). Section headings stay as printed
 * ("1打造科技创新中心"); dataLines() writes a section heading the same way, number then title.
 */
export function bodyLines(source: string): string[] {
  const lines = source.split(/\r?\n/).map((line) => line.trim())
  const start = lines.indexOf(BODY_START)
  const end = lines.findIndex((line, i) => i > start && line.startsWith(BODY_END))
  if (start < 0 || end < 0) throw new Error(`source: body markers "${BODY_START}" … "${BODY_END}" not found`)
  return lines
    .slice(start, end)
    .filter((line) => line !== '')
    .map((line) => normalisePunctuation(line).replace(KEYWORD_HEADING, '').trim())
}

/**
 * Sentence rule: a sentence ends after 。！？ or ；, or at the end of a line (headings and titles
 * have no closing punctuation). The closing mark belongs to the sentence. Commas and 、 do not end
 * a sentence.
 */
export function splitSentences(line: string): string[] {
  return (line.match(/[^。！？；]+[。！？；]?/g) ?? []).map((s) => s.trim()).filter((s) => s !== '')
}

export interface DataLine {
  /** Where the text lives in the data, e.g. sections[2].keywords[0].paragraphs[1]. */
  path: string
  text: string
}

/**
 * Every text of the report in document order, one entry per printed line: intro title and
 * paragraphs, targets title and paragraphs, then per section its heading (number + title, as
 * printed), lead, and per keyword its title, paragraphs and project texts.
 */
export function dataLines(report: Report): DataLine[] {
  const out: DataLine[] = []
  for (const block of ['intro', 'targets'] as const) {
    out.push({ path: `${block}.title`, text: report[block].title })
    report[block].paragraphs.forEach((text, i) => {
      out.push({ path: `${block}.paragraphs[${i}]`, text })
    })
  }
  report.sections.forEach((section, s) => {
    const at = `sections[${s}]`
    out.push({ path: `${at}.number+title`, text: `${section.number}${section.title}` })
    out.push({ path: `${at}.lead`, text: section.lead })
    section.keywords.forEach((keyword, k) => {
      const kw = `${at}.keywords[${k}]`
      out.push({ path: `${kw}.title`, text: keyword.title })
      keyword.paragraphs.forEach((text, i) => {
        out.push({ path: `${kw}.paragraphs[${i}]`, text })
      })
      keyword.projects?.forEach((project, p) => {
        out.push({ path: `${kw}.projects[${p}].text`, text: project.text })
      })
    })
  })
  return out
}

/**
 * Finds every body sentence in the data's text, in order: each one must occur after the previous
 * match. Reports sentences that are missing or out of order, and any text in the data between two
 * matches (words the body does not have). Returns one message per problem; empty means faithful.
 */
export function checkSentences(sentences: string[], lines: DataLine[]): string[] {
  const problems: string[] = []
  const stream = lines.map((line) => line.text).join('\n')
  const pathAt = (offset: number): string => {
    let end = 0
    for (const line of lines) {
      end += line.text.length + 1
      if (offset < end) return line.path
    }
    return '(end)'
  }
  const extra = (from: number, to: number) => {
    const gap = stream.slice(from, to)
    if (gap.trim() !== '') {
      problems.push(`extra text in the data at ${pathAt(from + gap.search(/\S/))}: "${gap.trim()}"`)
    }
  }
  let pos = 0
  sentences.forEach((sentence, n) => {
    const at = stream.indexOf(sentence, pos)
    if (at < 0) {
      const earlier = stream.indexOf(sentence)
      problems.push(
        earlier < 0
          ? `sentence ${n + 1} is missing from the data: "${sentence}"`
          : `sentence ${n + 1} is out of order (found earlier, at ${pathAt(earlier)}): "${sentence}"`,
      )
      return
    }
    extra(pos, at)
    pos = at + sentence.length
  })
  extra(pos, stream.length)
  return problems
}

/** The data's lines must be the body's lines: same paragraph breaks, not only the same sentences. */
export function checkLines(body: string[], lines: DataLine[]): string[] {
  const problems: string[] = []
  const n = Math.max(body.length, lines.length)
  for (let i = 0; i < n; i++) {
    if (body[i] !== lines[i]?.text) {
      problems.push(
        `line ${i + 1}: body has "${body[i] ?? '(nothing)'}", data ${lines[i]?.path ?? ''} has "${
          lines[i]?.text ?? '(nothing)'
        }"`,
      )
      if (problems.length >= 5) break
    }
  }
  return problems
}
