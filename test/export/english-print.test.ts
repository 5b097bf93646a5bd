// The English editions of both example reports in print, read back line by line as a print shop
// would (pdftotext -bbox-layout): a figure never broken from its currency, magnitude or unit at a
// line end ("exceeded RMB | 100 billion", "bring in 1 | leading enterprise"), and no line of the
// booklet's running text stretched into rivers.
import { execFileSync } from 'node:child_process'
import { beforeAll, describe, expect, test } from 'vitest'
import { writeHandoutPdf } from '../../src/export/handout-pdf.js'
import { loadedEdition } from '../support/edition.js'
import { type PdfLine, pdfLines, wraps } from '../support/pdf-lines.js'

/**
 * Wrapped lines of running text that end in a figure whose words go on the next line: an amount, a
 * currency or a number at the end, and a word or amount (lowercase: the sentence goes on) after it.
 */
function brokenFigures(lines: PdfLine[]): string[] {
  const out: string[] = []
  for (const [a, b] of wraps(lines)) {
    // chart values and labels are short lines; a wrapped line of running text is a long one
    if (a.text.length < 30) continue
    if (/(\bRMB|\d%?)$/.test(a.text) && /^[a-z\d]/.test(b.text))
      out.push(`p${a.page}: …${a.text.slice(-20)}|${b.text.slice(0, 20)}`)
  }
  return out
}

/**
 * Lines of running text (eight words or more) whose word spaces are stretched: the mean space between
 * their words wider than 0.4 of the line's height (a normal space is about a quarter). Justified
 * English without hyphenation has many; they line up into rivers.
 */
function looseLines(file: string): string[] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', file, '-'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  })
  const out: string[] = []
  for (const line of xml.matchAll(/<line [^>]*>([\s\S]*?)<\/line>/g)) {
    const words = [
      ...(line[1] ?? '').matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g,
      ),
    ].map((w) => ({ x0: Number(w[1]), y0: Number(w[2]), x1: Number(w[3]), y1: Number(w[4]), text: w[5] }))
    if (words.length < 8) continue
    const height = (words[0]?.y1 ?? 0) - (words[0]?.y0 ?? 0)
    let gaps = 0
    for (let i = 1; i < words.length; i++) gaps += (words[i]?.x0 ?? 0) - (words[i - 1]?.x1 ?? 0)
    if (gaps / (words.length - 1) > 0.4 * height) out.push(words.map((w) => w.text).join(' '))
  }
  return out
}

describe.each(['zhengzhou-2021', 'henan-2023'])('the English print of %s', (report) => {
  const files: Record<string, string> = {}
  beforeAll(async () => {
    const { edition, ctx } = await loadedEdition(report, 'en', 'english-print')
    const [booklet, reading] = await Promise.all([
      writeHandoutPdf(edition, ctx, { kind: 'handout' }),
      writeHandoutPdf(edition, ctx, { kind: 'reading-copy' }),
    ])
    files['handout.pdf'] = booklet.path
    files['reading-copy.pdf'] = reading.path
  })

  test.each(['handout.pdf', 'reading-copy.pdf'])(
    '%s: no figure broken from its words at a line end',
    (name) => {
      const lines = pdfLines(files[name] as string)
      expect(lines.length).toBeGreaterThan(50)
      expect(brokenFigures(lines)).toEqual([])
    },
  )

  test('handout.pdf: no line of running text stretches its word spaces (ragged right, no rivers)', () => {
    expect(looseLines(files['handout.pdf'] as string)).toEqual([])
  })
})
