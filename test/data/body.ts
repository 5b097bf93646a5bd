// The report body as published (source.txt) and the same words as the data holds them, so tests can
// prove the data says exactly what the report says: every sentence, verbatim, in order, nothing added.
// Pure functions over strings and parsed data; the tests also run them on mutated copies. What differs
// from report to report (where the body starts and ends, how headings are printed) is a Layout, which
// each report's fidelity test states.
import { readFileSync } from 'node:fs'
import type { Report, Section } from '../../src/data/types.js'

/** How one report's published text is laid out, so its body and its data can be compared line by line. */
export interface Layout {
  /** The body's first line (after punctuation is made full-width). Everything above it is page header. */
  bodyStart: string
  /** The body ends on the line before the first later line that starts with this. */
  bodyEnd: string
  /** What the printed page adds to a line and the data does not keep ("关键词：" before a keyword title). */
  cleanLine?: (line: string) => string
  /** A section's heading as printed: "1打造科技创新中心", "一、过去五年工作回顾". */
  heading: (section: Section) => string
  /**
   * Keyword titles printed on a line of their own (关键词：中原科技城), or run in: the bolded first
   * sentence of the first paragraph (创新能力持续增强。…), which the data keeps as the title.
   */
  keywordTitles: 'line' | 'run-in'
  /**
   * Where the headline block (targets) is printed: after the intro (the default), or run in inside the
   * section with this id, after its lead.
   */
  targetsInSection?: string
}

/** source.txt of a report folder. A report without it fails here: fidelity cannot be shown without the text. */
export function readSource(reportDir: URL): string {
  const file = new URL('source.txt', reportDir)
  try {
    return readFileSync(file, 'utf8')
  } catch (cause) {
    throw new Error(`${file.pathname}: cannot read the published text the data was transcribed from`, {
      cause,
    })
  }
}

/**
 * The web page writes some Chinese punctuation in ASCII; the data restores the full-width forms.
 * Only these five are mapped: other characters (“” — ~ + and digits) stay byte-identical.
 */
const FULL_WIDTH: Record<string, string> = { ',': '，', ':': '：', ';': '；', '(': '（', ')': '）' }

export function normalisePunctuation(text: string): string {
  return text.replace(/[,:;()]/g, (c) => FULL_WIDTH[c] ?? c)
}

/**
 * The body's lines, in order, as the data holds them: page header and footer dropped, blank lines
 * dropped, line-end spaces trimmed, ASCII punctuation made full-width, and what the layout's
 * cleanLine removes (e.g. "关键词：" before a keyword title) removed. Section headings stay as printed;
 * dataLines() writes them the same way, with the layout's heading().
 */
export function bodyLines(source: string, layout: Layout): string[] {
  const lines = source.split(/\r?\n/).map((line) => normalisePunctuation(line.trim()))
  const start = lines.indexOf(layout.bodyStart)
  const end = lines.findIndex((line, i) => i > start && line.startsWith(layout.bodyEnd))
  if (start < 0 || end < 0) {
    throw new Error(`source: body markers "${layout.bodyStart}" … "${layout.bodyEnd}" not found`)
  }
  const clean = layout.cleanLine ?? ((line: string) => line)
  return lines
    .slice(start, end)
    .filter((line) => line !== '')
    .map((line) => clean(line).trim())
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
 * paragraphs, targets title and paragraphs, then per section its heading (as the layout prints it),
 * lead, and per keyword its title, paragraphs and project texts. A run-in title is printed with its
 * first paragraph, "title。paragraph", on the paragraph's path; the layout may also print the targets
 * block run in inside a section, after its lead.
 */
export function dataLines(report: Report, layout: Layout): DataLine[] {
  const out: DataLine[] = []
  const runIn = (at: string, title: string, paragraphs: string[]) => {
    paragraphs.forEach((text, i) => {
      out.push({ path: `${at}.paragraphs[${i}]`, text: i === 0 ? `${title}。${text}` : text })
    })
  }
  const block = (name: 'intro' | 'targets') => {
    out.push({ path: `${name}.title`, text: report[name].title })
    report[name].paragraphs.forEach((text, i) => {
      out.push({ path: `${name}.paragraphs[${i}]`, text })
    })
  }
  block('intro')
  if (layout.targetsInSection === undefined) block('targets')
  report.sections.forEach((section, s) => {
    const at = `sections[${s}]`
    out.push({ path: `${at}.number+title`, text: layout.heading(section) })
    out.push({ path: `${at}.lead`, text: section.lead })
    if (layout.targetsInSection === section.id)
      runIn('targets', report.targets.title, report.targets.paragraphs)
    section.keywords.forEach((keyword, k) => {
      const kw = `${at}.keywords[${k}]`
      if (layout.keywordTitles === 'run-in') runIn(kw, keyword.title, keyword.paragraphs)
      else {
        out.push({ path: `${kw}.title`, text: keyword.title })
        keyword.paragraphs.forEach((text, i) => {
          out.push({ path: `${kw}.paragraphs[${i}]`, text })
        })
      }
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
