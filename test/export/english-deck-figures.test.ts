// The English decks of both example reports, read back from deck.pdf line by line: a big figure and
// the word after it ("7.186 million", "RMB 24 billion", "160 million mu") stay on one line and no
// word of a figure is broken inside ("millio|n"); only what follows ("or more") may wrap.
import { describe, expect, it } from 'vitest'
import { writeDeckPdf } from '../../src/export/deck-pdf.js'
import { renderDeck } from '../../src/render/deck.js'
import { loadedEdition } from '../support/edition.js'
import { type PdfLine, pdfLines, wraps } from '../support/pdf-lines.js'

const MAGNITUDES = /^(thousand|million|billion|trillion)\b/

/**
 * Lines that go on from the one before in the same flow, at its left edge, right below it: unlike a
 * paragraph's wraps, a figure's number and its unit are set in two sizes.
 */
function* figureWraps(lines: PdfLine[]): Generator<[PdfLine, PdfLine]> {
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1] as PdfLine
    const b = lines[i] as PdfLine
    const height = a.yMax - a.yMin
    if (a.flow !== b.flow || b.yMin <= a.yMin || b.yMin - a.yMax > height * 0.6) continue
    if (Math.abs(b.xMin - a.xMin) > 2) continue
    yield [a, b]
  }
}

/** Wraps that split a figure: a number from its magnitude, or a word of the figure in two. */
function splitFigures(lines: PdfLine[], words: ReadonlySet<string>): string[] {
  const out: string[] = []
  for (const [a, b] of [...wraps(lines), ...figureWraps(lines)]) {
    const last = a.text.split(/\s+/).at(-1) ?? ''
    const first = b.text.split(/\s+/)[0] ?? ''
    const joined = `${last}${first}`
    if (/\d%?$/.test(last) && MAGNITUDES.test(b.text)) out.push(`p${a.page}: ${a.text} | ${b.text}`)
    else if (/^[a-z]+$/.test(joined) && words.has(joined) && !words.has(last))
      out.push(`p${a.page}: ${a.text} | ${b.text}`)
  }
  return out
}

describe.each(['zhengzhou-2021', 'henan-2023'])('the English deck of %s', (report) => {
  it('keeps every figure with its magnitude and its words whole', async () => {
    const { edition, ctx } = await loadedEdition(report, 'en', 'english-deck-figures')
    const deck = await renderDeck(edition, ctx)
    const { path } = await writeDeckPdf(deck, edition, ctx)
    // the words the figures' units are written with: a wrap that joins into one of them split it
    const units = [...deck.html.matchAll(/<span class="unit">([^<]*)<\/span>/g)].map((m) => m[1] ?? '')
    const words = new Set(units.flatMap((u) => u.toLowerCase().split(/[\s\u00a0]+/)).filter(Boolean))
    expect(words.size).toBeGreaterThan(3)
    expect(splitFigures(pdfLines(path), words)).toEqual([])
  })
})
