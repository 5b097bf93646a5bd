// Slides that use the room: sparse keyword slides of one section share a slide, every keyword still
// a heading (a bookmark of deck.pdf) and in the notes with its full text; no agenda slide for one or
// two sections; a district's own section is never repeated by a city slide; the district's colour is
// a second accent, the charts stay in the theme's red. Real decks in Chromium, overflow check on.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { BuildContext } from '../../src/context.js'
import type { Keyword } from '../../src/data/types.js'
import { readOutline } from '../../src/export/pdf-outline.js'
import { htmlText } from '../../src/html/text.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { loadEdition } from '../../src/merge/index.js'
import { build } from '../../src/pipeline.js'
import { type RenderedDeck, renderDeck } from '../../src/render/deck.js'
import { ownSlideFill } from '../../src/render/keyword-slides.js'
import { projectRoot, sharedSession } from '../support/browser.js'
import { exampleEdition } from '../support/edition.js'

const session = await sharedSession()
const ctx = (): BuildContext => ({ projectRoot, logger: createMemoryLogger(), session, cache: true })
const city = join(projectRoot, 'data', 'zhengzhou-2021')
const province = join(projectRoot, 'data', 'henan-2023')

/** The <section> elements of the deck's HTML, without phrase breaks. */
const sections = (deck: RenderedDeck) =>
  deck.html.replace(/<wbr>/g, '').match(/<section\b[\s\S]*?<\/section>/g) ?? []
/** Every keyword a slide shows, in slide order (a shared slide shows several). */
const keywordsShown = (deck: RenderedDeck) =>
  deck.slides.flatMap((s) => s.keywordIds ?? (s.keywordId ? [s.keywordId] : []))

describe('sparse keyword slides of one section share a slide', async () => {
  const edition = await exampleEdition()
  const report = edition.report
  const deck = await renderDeck(edition, ctx())
  const shared = deck.slides.filter((s) => s.partial === 'keywords')
  const keywordOf = (id: string): Keyword | undefined =>
    report.sections.flatMap((s) => s.keywords).find((k) => k.id === id)

  it('puts two or three sparse keywords in a row of one section on one slide, and fits', () => {
    expect(shared.length).toBeGreaterThanOrEqual(3)
    for (const slide of shared) {
      const ids = slide.keywordIds ?? []
      expect(ids.length, slide.title).toBeGreaterThanOrEqual(2)
      expect(ids.length, slide.title).toBeLessThanOrEqual(3)
      const section = report.sections.find((s) => s.id === slide.sectionId)
      const order = section?.keywords.map((k) => k.id) ?? []
      const at = order.indexOf(ids[0] ?? '')
      expect(order.slice(at, at + ids.length), 'consecutive keywords of the section').toEqual(ids)
      for (const id of ids) expect(ownSlideFill(keywordOf(id) as Keyword), id).toBeLessThan(0.3)
    }
  })

  it('keeps a full keyword slide to itself: a keyword with six figures never shares', () => {
    const six = report.sections.flatMap((s) => s.keywords).find((k) => k.metrics?.length === 6)
    expect(deck.slides.filter((s) => s.keywordIds?.includes(six?.id ?? '-'))).toEqual([])
  })

  it('shows every keyword once, in report order', () => {
    expect([...new Set(keywordsShown(deck))]).toEqual(
      report.sections.flatMap((s) => s.keywords.map((k) => k.id)),
    )
  })

  it('gives each keyword of a shared slide its own heading, and its title and full text in the notes', () => {
    for (const slide of shared) {
      const html = sections(deck)[slide.index - 1] ?? ''
      const headings = [...html.matchAll(/<h2[^>]*>([\s\S]*?)<\/h2>/g)].map((m) => htmlText(m[1] ?? ''))
      const keywords = (slide.keywordIds ?? []).map((id) => keywordOf(id) as Keyword)
      expect(headings).toEqual(keywords.map((k) => k.title))
      const notes = deck.notes[slide.index - 1] ?? ''
      for (const k of keywords) {
        expect(notes).toContain(k.title)
        for (const p of k.paragraphs) expect(notes).toContain(p)
      }
    }
  })

  it('has fewer slides than keywords would take one a slide', () => {
    const merged = shared.reduce((n, s) => n + (s.keywordIds?.length ?? 1) - 1, 0)
    expect(merged).toBeGreaterThanOrEqual(4)
  })

  it('gives a sparse keyword its own slide again once its neighbour has figures to fill one', async () => {
    const first = shared[0]
    const [, second] = first?.keywordIds ?? []
    const long = await exampleEdition(undefined, (r) => {
      const k = r.sections.flatMap((s) => s.keywords).find((x) => x.id === second)
      if (k)
        k.metrics = [1, 2, 3, 4].map((n) => ({
          id: `test-figure-${n}`,
          label: `新建园区${n}`,
          value: n * 10,
          unit: '个',
          comparator: 'exact' as const,
          kind: 'count' as const,
          sentence: `新建园区${n * 10}个`,
        }))
    })
    const again = await renderDeck(long, ctx())
    expect(again.slides.some((s) => s.keywordIds?.includes(second ?? '-'))).toBe(false)
    expect(again.slides.filter((s) => s.keywordId === second).map((s) => s.partial)).toEqual(['keyword'])
  })
})

describe('deck.pdf of a deck with shared keyword slides', () => {
  let outDir = ''
  afterAll(() => rm(outDir, { recursive: true, force: true }))

  it('has a bookmark for every keyword, on the slide that shows it', async () => {
    outDir = await mkdtemp(join(tmpdir(), 'huibao-keywords-'))
    const result = await build({
      report: city,
      projectRoot,
      editions: ['zhengzhou-2021'],
      formats: ['deck-pdf'],
      outDir,
      logger: createMemoryLogger(),
      session,
    })
    expect(result.editions.map((e) => e.error?.message)).toEqual([undefined])
    const outline = await readOutline(
      await readFile(join(outDir, 'zhengzhou-2021', 'zhengzhou-2021', 'deck.pdf')),
    )
    const edition = await exampleEdition()
    const deck = await renderDeck(edition, ctx(), { checkOverflow: false })
    for (const slide of deck.slides.filter((s) => s.partial === 'keywords')) {
      const titles = outline.filter((o) => o.pageIndex === slide.index - 1).map((o) => o.title)
      const keywords = edition.report.sections.flatMap((s) => s.keywords)
      const expected = (slide.keywordIds ?? []).map((id) => keywords.find((k) => k.id === id)?.title)
      expect(titles, slide.title).toEqual(expect.arrayContaining(expected))
    }
  })
})

describe('a report of one section', async () => {
  const deck = await renderDeck(await loadEdition(province, 'henan-2023', { projectRoot }), ctx())

  it('shows no agenda slide listing one section', () => {
    expect(deck.slides.map((s) => s.partial)).not.toContain('agenda')
    expect(deck.slides.slice(0, 2).map((s) => s.partial)).toEqual(['title', 'targets'])
  })
})

describe("a district's edition", async () => {
  const edition = await loadEdition(city, 'xinzheng', { projectRoot })
  const deck = await renderDeck(edition, ctx())
  const own = edition.report.sections.filter((s) => s.local)
  const shown = keywordsShown(deck)

  it('shows no city keyword whose whole text its own section already shows, and keeps the ones it quotes in part', () => {
    const ownText = own.flatMap((s) => s.keywords.flatMap((k) => k.paragraphs)).join('')
    const cityKeywords = edition.report.sections.filter((s) => !s.local).flatMap((s) => s.keywords)
    const repeated = cityKeywords.filter(
      (k) => k.paragraphs.length > 0 && k.paragraphs.every((p) => ownText.includes(p)),
    )
    const quotedInPart = cityKeywords.filter(
      (k) =>
        !repeated.includes(k) &&
        own.some((s) => s.keywords.some((x) => k.paragraphs.join('').includes(x.paragraphs[0] ?? '-'))),
    )
    expect(repeated.length).toBeGreaterThan(0)
    for (const k of repeated) expect(shown, k.id).not.toContain(k.id)
    expect(quotedInPart.length).toBeGreaterThan(0)
    for (const k of quotedInPart) expect(shown, k.id).toContain(k.id)
    for (const k of own.flatMap((s) => s.keywords)) expect(shown, k.id).toContain(k.id)
  })

  it("draws its charts in the theme's red, the district's colour only a second accent", async () => {
    const red = JSON.parse(await readFile(join(projectRoot, 'themes', 'formal', 'theme.json'), 'utf8')).colors
      .accent as string
    const district = edition.report.presentation?.accent ?? '-'
    expect(deck.charts.length).toBeGreaterThan(0)
    for (const chart of deck.charts) {
      expect(chart.svg.toUpperCase(), chart.name).toContain(red.toUpperCase())
      expect(chart.svg.toUpperCase(), chart.name).not.toContain(district.toUpperCase())
    }
    expect(deck.css).toContain(`--district: ${district}`)
  })
})
