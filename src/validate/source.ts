// When a report folder holds source.txt (the published text), every sentence of it must be in the
// data, in order, so that nothing is left out, moved or paraphrased. Lines starting with # are
// notes. Lines before the first and after the last sentence found in the data are the page's header
// and footer (来源, 打印此文 …); a sentence missing anywhere between them is an error at its line.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { displayPath } from '../data/load.js'
import type { Report } from '../data/types.js'
import type { Problem } from '../errors.js'

/** Web pages write some Chinese punctuation in ASCII; the data holds the full-width forms. */
const FULL_WIDTH: Record<string, string> = { ',': '，', ':': '：', ';': '；', '(': '（', ')': '）' }
const normalise = (s: string) => s.replace(/[,:;()]/g, (c) => FULL_WIDTH[c] ?? c).replace(/\s+/g, '')

/** A sentence ends after 。！？ or ；, or at the end of a line (headings have no closing mark). */
function sentences(line: string): string[] {
  return (line.match(/[^。！？；]+[。！？；]?/g) ?? []).map(normalise).filter((s) => s !== '')
}

/** Every text of the data in document order, as printed: a section heading is its number and title. */
function dataText(report: Report): string {
  const parts: string[] = []
  for (const block of ['intro', 'targets'] as const)
    parts.push(report[block].title, ...report[block].paragraphs)
  for (const s of report.sections) {
    parts.push(`${s.number ?? ''}${s.title}`, s.lead)
    for (const k of s.keywords) parts.push(k.title, ...k.paragraphs, ...(k.projects ?? []).map((p) => p.text))
  }
  return normalise(parts.join('\n'))
}

export async function sourceProblems(report: Report, reportDir: string): Promise<Problem[]> {
  const file = join(reportDir, 'source.txt')
  const text = await readFile(file, 'utf8').catch(() => undefined)
  if (text === undefined) return []
  const data = dataText(report)
  const found: { line: number; sentence: string; at: number }[] = []
  let pointer = 0
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trimStart().startsWith('#')) return
    for (const sentence of sentences(raw)) {
      // "关键词：X" in a digest is the keyword X of the data; "一、X" / "（一）X" a task heading X
      const bare = sentence.replace(/^关键词：/, '')
      const heading = bare.replace(
        /^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.．])/,
        '',
      )
      let matched = bare
      let at = data.indexOf(bare, pointer)
      if (at < 0 && heading !== bare) {
        matched = heading
        at = data.indexOf(heading, pointer)
      }
      found.push({ line: i + 1, sentence, at })
      if (at >= 0) pointer = at + matched.length
    }
  })
  const first = found.findIndex((f) => f.at >= 0)
  const last = found.findLastIndex((f) => f.at >= 0)
  const shown = displayPath(file)
  return found
    .slice(Math.max(first, 0), last + 1)
    .filter((f) => f.at < 0)
    .map((f) => ({
      location: { file: shown, line: f.line },
      message: `this sentence of the published text is not in the data (or not in this order): "${f.sentence}"`,
    }))
}
