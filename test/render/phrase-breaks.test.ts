// Line breaks by meaning: Chinese lines end between phrases, never inside a word, never between a
// number and its unit, never with one character alone on a paragraph's last line. Unit tests of the
// segmentation, then both example reports' deck, booklet and reading copy printed by Chromium and read
// back.
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import type { BuildContext } from '../../src/context.js'
import { writeDeckPdf } from '../../src/export/deck-pdf.js'
import { writeHandoutPdf } from '../../src/export/handout-pdf.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { loadEdition } from '../../src/merge/edition.js'
import { renderDeck } from '../../src/render/deck.js'
import { insertPhraseBreaks, phraseBoundaries } from '../../src/render/phrase-breaks.js'
import { projectRoot, sharedSession } from '../support/browser.js'
import { brokenPhrases, loneCharacters, pdfLines, svgTexts } from '../support/pdf-lines.js'

/** The text with | at every allowed break. */
function marked(text: string): string {
  let out = ''
  let last = 0
  for (const at of phraseBoundaries(text)) {
    out += `${text.slice(last, at)}|`
    last = at
  }
  return out + text.slice(last)
}

describe('phraseBoundaries', () => {
  test('keeps words and line names whole where either segmenter alone would split them', () => {
    const text = marked('确保城郊铁路二期、6号线一期首通段开通，做好新一代信息技术和新型材料试点')
    for (const whole of ['确保', '6号线', '一期', '新一代', '新型', '试点']) expect(text).toContain(whole)
    expect(text).toContain('|')
  })

  test('keeps a number with its unit and a short quoted term whole', () => {
    expect(marked('新建改扩建中小学幼儿园1500班以上')).toMatch(/1500班/)
    expect(marked('推进“一带一路”建设')).toContain('“一带一路”')
    expect(marked('全社会研发投入增长2.2%')).toMatch(/2\.2%$/)
  })

  test('never leaves one character as a phrase of its own', () => {
    for (const text of ['建设国家中心城市。', '发放通信信息消费补贴。', '中小学幼儿园']) {
      const phrases = marked(text).split('|')
      for (const p of phrases) expect([...p.replace(/[。，]/g, '')].length, marked(text)).toBeGreaterThan(1)
    }
  })

  test('leaves Latin text alone', () => {
    expect(phraseBoundaries('Build a national central city')).toEqual([])
  })
})

describe('insertPhraseBreaks', () => {
  test('breaks paragraphs across inline elements, never inside SVG, styles or entities', () => {
    const html =
      '<p>新建改扩建中小学<strong>1500班</strong>以上&amp;幼儿园</p><svg><text>新建改扩建中小学</text></svg><style>p::before{content:"建设国家"}</style>'
    const out = insertPhraseBreaks(html)
    expect(out).toContain('<svg><text>新建改扩建中小学</text></svg>')
    expect(out).toContain('content:"建设国家"')
    expect(out).toContain('&amp;')
    expect(out.replace(/<wbr>/g, '')).toBe(html)
    expect(out).toMatch(/<wbr>/)
  })
})

describe.each(['zhengzhou-2021', 'henan-2023'])(
  'the printed %s ends its Chinese lines between phrases',
  (report) => {
    const session = sharedSession()
    let ctx: BuildContext
    const files: Record<string, string> = {}
    let chartLabels = new Set<string>()
    beforeAll(async () => {
      ctx = { projectRoot, logger: createMemoryLogger(), session: await session, cache: true }
      const edition = await loadEdition(join(projectRoot, 'data', report), report, { projectRoot })
      edition.outDir = join(projectRoot, 'output', 'test', 'phrase-breaks', report)
      const deck = await renderDeck(edition, ctx, { checkOverflow: false })
      const [deckPdf, booklet, reading] = await Promise.all([
        writeDeckPdf(deck, edition, ctx),
        writeHandoutPdf(edition, ctx, { kind: 'handout' }),
        writeHandoutPdf(edition, ctx, { kind: 'reading-copy' }),
      ])
      files['deck.pdf'] = deckPdf.path
      files['handout.pdf'] = booklet.path
      files['reading-copy.pdf'] = reading.path
      // the booklet draws the same charts (other sizes, same labels)
      chartLabels = new Set(deck.charts.flatMap((c) => [...svgTexts(c.svg)]))
    })

    test.each(['deck.pdf', 'handout.pdf', 'reading-copy.pdf'])('%s: no line ends inside a phrase', (name) => {
      const lines = pdfLines(files[name] as string)
      expect(lines.length).toBeGreaterThan(30)
      expect(brokenPhrases(lines, chartLabels)).toEqual([])
    })

    test.each(['deck.pdf', 'handout.pdf', 'reading-copy.pdf'])(
      '%s: no character alone on a last line',
      (name) => {
        expect(loneCharacters(pdfLines(files[name] as string))).toEqual([])
      },
    )
  },
)
