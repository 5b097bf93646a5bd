// Reading PDFs back as a print shop would: poppler's pdfinfo, pdffonts and pdftotext.
import { execFileSync } from 'node:child_process'
import type { Report } from '../../src/data/types.js'

export function pdfinfo(file: string, ...args: string[]): Record<string, string> {
  const out = execFileSync('pdfinfo', [...args, file], { encoding: 'utf8' })
  const info: Record<string, string> = {}
  for (const line of out.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line)
    if (m?.[1]) info[m[1].trim()] = (m[2] ?? '').trim()
  }
  return info
}

export interface FontRow {
  name: string
  type: string
  embedded: boolean
}

export function pdffonts(file: string): FontRow[] {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2)
  return lines
    .filter((l) => l.trim())
    .map((l) => {
      // name, type (may hold spaces), encoding, emb, sub, uni, object, id
      const m = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(l)
      return { name: m?.[1] ?? l, type: m?.[2] ?? '?', embedded: m?.[4] === 'yes' }
    })
}

/** Text of pages first..last; `body` crops away the top and bottom margins (running heads, folios). */
export function pdftext(
  file: string,
  options: { first?: number; last?: number; body?: boolean; layout?: boolean } = {},
): string {
  const args = ['-enc', 'UTF-8']
  if (options.layout) args.push('-layout')
  if (options.first) args.push('-f', String(options.first))
  if (options.last) args.push('-l', String(options.last))
  // A4 in points (pdftotext's default 72 dpi): keep y 50..790, between the header and footer lines.
  if (options.body) args.push('-x', '0', '-y', '50', '-W', '596', '-H', '740')
  return execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
}

export const squeeze = (text: string) => text.replace(/\s+/g, '')

/**
 * Every sentence of the report body (spoken: as the reading copy has it), in reading order, split on
 * 。；！？ (and ASCII ; ! ?).
 */
export function bodySentences(report: Report, options: { spoken?: boolean } = {}): string[] {
  // the reading copy leaves out a block's framing (its first paragraphs that report on the speech)
  const block = (b: Report['intro']) => (options.spoken ? b.paragraphs.slice(b.framing ?? 0) : b.paragraphs)
  const paragraphs = [
    ...block(report.intro),
    ...block(report.targets),
    ...report.sections.flatMap((s) => [
      s.lead,
      ...s.keywords.flatMap((k) => [...k.paragraphs, ...(k.projects ?? []).map((p) => p.text)]),
    ]),
  ]
  return paragraphs.flatMap((p) =>
    p
      .split(/(?<=[。；！？;!?])/u)
      .map(squeeze)
      .filter((s) => s.length > 0),
  )
}

/** The sentences missing from `text` or found out of order (each searched after the previous one). */
export function sentencesOutOfOrder(text: string, sentences: string[]): string[] {
  const flat = squeeze(text)
  const problems: string[] = []
  let at = 0
  for (const sentence of sentences) {
    const found = flat.indexOf(sentence, at)
    if (found < 0) problems.push(sentence)
    else at = found + sentence.length
  }
  return problems
}

export const RADICALS = /[\u2E80-\u2FDF]/gu
