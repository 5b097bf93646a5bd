// When a report folder holds source.txt (the published text), every sentence of it must be in the
// data, in order, so that nothing is left out, moved or paraphrased. Lines starting with # are
// notes. Lines before the first and after the last sentence found in the data are the page's header
// and footer (来源, 打印此文 …); a sentence missing anywhere between them is an error at its line.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ifMissing } from '../data/if-missing.js'
import type { Report } from '../data/types.js'
import type { Problem } from '../errors.js'
import { displayPath } from '../utils/paths.js'

/** Web pages write some Chinese punctuation in ASCII; the data holds the full-width forms. */
const FULL_WIDTH: Record<string, string> = { ',': '，', ':': '：', ';': '；', '(': '（', ')': '）' }
const normalise = (s: string) => s.replace(/[,:;()]/g, (c) => FULL_WIDTH[c] ?? c).replace(/\s+/g, '')

/** A sentence ends after 。！？ or ；, or at the end of a line (headings have no closing mark). */
function sentences(line: string): string[] {
  return (line.match(/[^。！？；]+[。！？；]?/g) ?? []).map(normalise).filter((s) => s !== '')
}

/**
 * Every text of the data in document order, as printed: a section heading is its number and title.
 * The headline block (targets) comes apart: the outputs show it first, but a delivered speech may
 * print it anywhere (in a review of past years, after the first part's opening), so its sentences
 * are matched in their own order, wherever the published text has them.
 */
function dataText(report: Report): { main: string; headline: string } {
  const parts: string[] = [report.intro.title, ...report.intro.paragraphs]
  for (const s of report.sections) {
    parts.push(`${s.number ?? ''}${s.title}`, s.lead)
    for (const k of s.keywords) parts.push(k.title, ...k.paragraphs, ...(k.projects ?? []).map((p) => p.text))
  }
  const headline = [report.targets.title, ...report.targets.paragraphs]
  return { main: normalise(parts.join('\n')), headline: normalise(headline.join('\n')) }
}

/** Where `sentence` is in `text` from `from` on: as written, or as a heading without its number or end mark. */
function locate(text: string, sentence: string, from: number): { at: number; length: number } {
  // "关键词：X" in a digest is the keyword X of the data; "一、X" / "（一）X" a task heading X; a
  // run-in heading "X。" is the keyword title X
  const bare = sentence.replace(/^关键词：/, '')
  const heading = bare.replace(
    /^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.．])/,
    '',
  )
  for (const candidate of [bare, heading, bare.replace(/[。！？；]$/, '')]) {
    const at = text.indexOf(candidate, from)
    if (candidate !== '' && at >= 0) return { at, length: candidate.length }
  }
  return { at: -1, length: 0 }
}

export async function sourceProblems(report: Report, reportDir: string): Promise<Problem[]> {
  const file = join(reportDir, 'source.txt')
  // No source.txt: nothing to compare. A source.txt that cannot be read is an error, not "none".
  const text = await readFile(file, 'utf8').catch(ifMissing(undefined))
  if (text === undefined) return []
  const data = dataText(report)
  const found: { line: number; sentence: string; at: number }[] = []
  const pointer = { main: 0, headline: 0 }
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trimStart().startsWith('#')) return
    for (const sentence of sentences(raw)) {
      let hit = locate(data.main, sentence, pointer.main)
      if (hit.at >= 0) pointer.main = hit.at + hit.length
      else {
        hit = locate(data.headline, sentence, pointer.headline)
        if (hit.at >= 0) pointer.headline = hit.at + hit.length
      }
      found.push({ line: i + 1, sentence, at: hit.at })
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
