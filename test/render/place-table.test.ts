// Lists of places and their parts become tables: the keyword names its places in the data
// (keyword.places); every cell is a piece of the paragraph; the slide shows the table and fits, the
// notes the whole paragraph; the native PowerPoint draws the same rows.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Keyword } from '../../src/data/types.js'
import { planSlides } from '../../src/export/pptx/plan.js'
import { htmlText } from '../../src/html/text.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { loadEdition } from '../../src/merge/index.js'
import { renderDeck } from '../../src/render/deck.js'
import { placeTable } from '../../src/render/place-table.js'
import { projectRoot, sharedSession } from '../support/browser.js'

const keyword = (paragraph: string, names: string[]): Keyword => ({
  id: 'test-places',
  title: '县域经济',
  paragraphs: [paragraph],
  places: { names, columns: ['县', '产业'] },
})

describe('a list of places as a table', () => {
  it('splits a Chinese list into a place and its words up to the next place, leaving off 等…', () => {
    const table = placeTable(
      keyword(
        '做强实体经济。壮大工业基础，支持甲县机械制造、乙县食品加工和物流、丙区电子信息等产业加快发展。',
        ['甲县', '乙县', '丙区'],
      ),
    )
    expect(table?.lead).toBe('壮大工业基础')
    expect(table?.rows).toEqual([
      { place: '甲县', part: '机械制造' },
      { place: '乙县', part: '食品加工和物流' },
      { place: '丙区', part: '电子信息' },
    ])
  })

  it('splits an English list whose parts come before their places', () => {
    const table = placeTable(
      keyword(
        'We will strengthen industry, and support industries such as machinery in Alton; food processing and logistics in Brig; and electronics in Carrow.',
        ['Alton', 'Brig', 'Carrow'],
      ),
    )
    expect(table?.lead).toBe('We will strengthen industry')
    expect(table?.rows.map((r) => [r.place, r.part])).toEqual([
      ['Alton', 'machinery'],
      ['Brig', 'food processing and logistics'],
      ['Carrow', 'electronics'],
    ])
  })

  it('makes no table when the text names fewer than two of the places', () => {
    expect(placeTable(keyword('支持甲县机械制造。', ['甲县', '丁县']))).toBeUndefined()
  })
})

describe('the deck of a report whose keyword lists places', async () => {
  const session = await sharedSession()
  const ctx = { projectRoot, logger: createMemoryLogger(), session, cache: true }
  const report = join(projectRoot, 'data', 'zhengzhou-2021')

  for (const id of ['zhengzhou-2021', 'en']) {
    it(`${id}: shows the list as a table, one row a place in the paragraph's words, and fits`, async () => {
      const edition = await loadEdition(report, id, { projectRoot })
      const deck = await renderDeck(edition, ctx)
      const listing = edition.report.sections.flatMap((s) => s.keywords).filter((k) => k.places)
      expect(listing.length).toBeGreaterThan(0)
      const html = deck.html.replace(/<wbr>/g, '').match(/<section\b[\s\S]*?<\/section>/g) ?? []
      const plan = await planSlides(deck, edition, ctx)
      for (const k of listing) {
        const i = deck.slides.findIndex((s) => s.keywordId === k.id)
        expect(deck.slides[i]?.partial).toBe('places')
        const rows = [
          ...(html[i] ?? '').matchAll(
            /<div class="row"><span class="place">(.*?)<\/span><span class="part">(.*?)<\/span>/g,
          ),
        ]
        const cells = rows.map((m) => [htmlText(m[1] ?? ''), htmlText(m[2] ?? '')])
        expect(cells.map((c) => c[0])).toEqual(k.places?.names)
        const text = k.paragraphs.join('').replace(/\s+/g, ' ')
        for (const [, part] of cells) expect(text).toContain(part)
        for (const p of k.paragraphs) expect(deck.notes[i]).toContain(p)
        const slide = plan.slides[i]
        expect(slide?.kind === 'projects' && slide.rows.map((r) => r[0])).toEqual(k.places?.names)
      }
    })
  }
})
