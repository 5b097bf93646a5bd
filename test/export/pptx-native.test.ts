// The native deck.pptx, read back as an office suite reads it: the zip's slide, chart, table and notes
// parts. Built through the pipeline for the city's edition, a district (with its logo) and English.

import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chartCatalog, chartOf, TARGETS_CHART } from '../../src/charts/lookup.js'
import { planChart } from '../../src/export/pptx/chart-data.js'
import { xmlText } from '../../src/export/pptx/style.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { build } from '../../src/pipeline.js'
import { renderDeck } from '../../src/render/deck.js'
import { projectRoot, sharedSession } from '../support/browser.js'
import { exampleEdition } from '../support/edition.js'

const reportDir = join(projectRoot, 'data', 'zhengzhou-2021')

interface PptxParts {
  zip: JSZip
  slides: string[]
  /** the relationships of each slide (which charts, pictures and notes it uses) */
  rels: string[]
  notes: string[]
}

/** The slides of a PPTX in order, with their relationship and notes parts. */
async function readPptx(file: string): Promise<PptxParts> {
  const zip = await JSZip.loadAsync(await readFile(file))
  const count = Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f)).length
  const read = (name: string) => zip.file(name)?.async('string') ?? Promise.resolve('')
  const slides: string[] = []
  const rels: string[] = []
  const notes: string[] = []
  for (let i = 1; i <= count; i++) {
    slides.push(await read(`ppt/slides/slide${i}.xml`))
    const rel = await read(`ppt/slides/_rels/slide${i}.xml.rels`)
    rels.push(rel)
    const notesTarget = /Target="\.\.\/notesSlides\/(notesSlide\d+\.xml)"/.exec(rel)?.[1]
    notes.push(notesTarget ? await read(`ppt/notesSlides/${notesTarget}`) : '')
  }
  return { zip, slides, rels, notes }
}

/** The text of a DrawingML part: its <a:t> runs, paragraphs joined by newlines. */
function drawingText(xml: string): string {
  return xml
    .split(/<\/a:p>/)
    .map((p) => [...p.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
}

describe('the native deck.pptx', async () => {
  const session = await sharedSession()
  let outDir: string
  const city = await exampleEdition()
  const deck = await renderDeck(
    city,
    { projectRoot, logger: createMemoryLogger(), session, cache: true },
    {
      checkOverflow: false,
    },
  )
  const file = (edition: string) => join(outDir, 'zhengzhou-2021', edition, 'deck.pptx')
  let pptx: PptxParts

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'huibao-pptx-'))
    const result = await build({
      report: reportDir,
      projectRoot,
      editions: ['zhengzhou-2021', 'xinzheng', 'en'],
      formats: ['deck-pptx'],
      outDir,
      logger: createMemoryLogger(),
      session,
    })
    expect(result.editions.map((e) => e.error?.message)).toEqual([undefined, undefined, undefined])
    pptx = await readPptx(file('zhengzhou-2021'))
  }, 300_000)
  afterAll(() => rm(outDir, { recursive: true, force: true }))

  it('has one slide per slide of the deck, and is under 2 MB', async () => {
    expect(pptx.slides.length).toBe(deck.slides.length)
    expect((await stat(file('zhengzhou-2021'))).size).toBeLessThan(2 * 1024 * 1024)
  })

  it('draws every slide as objects: its title as text, never a single picture', () => {
    for (const [i, xml] of pptx.slides.entries()) {
      // a slide that keywords share shows each keyword's title (its own title joins them)
      const meta = deck.slides[i]
      const keywords = city.report.sections.flatMap((s) => s.keywords)
      const titles = meta?.keywordIds
        ? meta.keywordIds.map((id) => keywords.find((k) => k.id === id)?.title ?? id)
        : [meta?.title ?? '']
      for (const title of titles)
        expect(drawingText(xml).replace(/\n/g, ''), `slide ${i + 1}`).toContain(title)
      const shapes = (xml.match(/<p:sp>/g) ?? []).length
      expect(shapes, `slide ${i + 1}`).toBeGreaterThan(1)
    }
  })

  it('writes a paragraph as one paragraph: the section lead is not broken into lines', () => {
    const i = deck.slides.findIndex((s) => s.partial === 'section')
    const paragraphs = drawingText(pptx.slides[i] ?? '').split('\n')
    const lead = paragraphs.find((p) => p.length > 40)
    expect(lead).toBeDefined()
    expect(city.report.sections[0]?.lead.replace(/[。；]$/, '')).toContain(lead?.replace(/…$/, ''))
  })

  it('gives every chart slide a native chart whose data sheet holds the metrics', async () => {
    const catalog = await chartCatalog(projectRoot, city.reportDir)
    const chartSlides = deck.slides.filter((s) => s.partial === 'chart' || s.partial === 'targets')
    expect(chartSlides.length).toBeGreaterThan(5)
    for (const meta of chartSlides) {
      const rel = pptx.rels[meta.index - 1] ?? ''
      // the chart each slide shows, by the attachment rule (src/charts/lookup.ts)
      const section = city.report.sections.find((x) => x.id === meta.sectionId)
      const item = section?.keywords.find((k) => k.id === meta.keywordId) ?? section
      const name = meta.partial === 'targets' ? TARGETS_CHART : item ? (chartOf(item, catalog) ?? '') : ''
      const plan = await planChart(name, city, projectRoot, undefined, section?.id)
      const charts = [...rel.matchAll(/Target="(?:\.\.|\/ppt)\/charts\/(chart\d+\.xml)"/g)].map(
        (m) => m[1] ?? '',
      )
      // honest charts: one native chart per group of metrics of the same unit and kind; a chart
      // whose metrics share nothing is a table
      expect(charts.length, meta.title).toBe(plan.groups.length)
      if (plan.groups.length === 0) expect(pptx.slides[meta.index - 1], meta.title).toContain('<a:tbl>')
      for (const [g, chart] of charts.entries()) {
        const xml = (await pptx.zip.file(`ppt/charts/${chart}`)?.async('string')) ?? ''
        expect(xml).toContain('<c:barChart>')
        for (const row of plan.groups[g]?.rows ?? []) {
          expect(xml, row.label).toContain(`<c:v>${row.label}</c:v>`)
          expect(xml, row.label).toContain(`<c:v>${row.value}</c:v>`)
        }
      }
    }
    const withChart = chartSlides.filter((meta) => /charts\/chart/.test(pptx.rels[meta.index - 1] ?? ''))
    expect(withChart.length).toBeGreaterThanOrEqual(chartSlides.length - 1)
    const sheets = Object.keys(pptx.zip.files).filter((f) => /^ppt\/embeddings\/.*\.xlsx$/.test(f))
    expect(sheets.length).toBeGreaterThanOrEqual(withChart.length)
  })

  it('never puts metrics of different units or kinds on one chart axis', async () => {
    for (const name of new Set(deck.charts.map((c) => c.name))) {
      const plan = await planChart(name, city, projectRoot, undefined)
      for (const group of plan.groups) {
        const units = new Set(
          group.rows.map((r) => r.display.replace(/[\d.,\s]/g, '').replace(/以上|左右|不少于|以内|至/g, '')),
        )
        expect(units.size, `${name}: ${[...units].join(' ')}`).toBe(1)
      }
    }
  })

  it('lists the livelihood projects (民生实事) in native tables with every project title', () => {
    const slides = deck.slides.filter((s) => s.partial === 'projects')
    expect(slides.length).toBeGreaterThan(0)
    const projects = city.report.sections.flatMap((s) => s.keywords.flatMap((k) => k.projects ?? []))
    const text = slides.map((s) => drawingText(pptx.slides[s.index - 1] ?? '')).join('\n')
    for (const s of slides) expect(pptx.slides[s.index - 1]).toContain('<a:tbl>')
    for (const p of projects) expect(text, p.title).toContain(p.title)
  })

  it('draws a slide that sparse keywords share with each keyword under its own heading, and a list of places as a table', () => {
    const keywords = city.report.sections.flatMap((s) => s.keywords)
    const shared = deck.slides.filter((s) => s.partial === 'keywords')
    expect(shared.length).toBeGreaterThan(0)
    for (const slide of shared) {
      const text = drawingText(pptx.slides[slide.index - 1] ?? '')
      for (const id of slide.keywordIds ?? []) {
        const k = keywords.find((x) => x.id === id)
        expect(text, `slide ${slide.index}`).toContain(k?.title ?? '-')
      }
    }
    for (const slide of deck.slides.filter((s) => s.partial === 'places')) {
      expect(pptx.slides[slide.index - 1]).toContain('<a:tbl>')
      const k = keywords.find((x) => x.id === slide.keywordId)
      const text = drawingText(pptx.slides[slide.index - 1] ?? '')
      for (const name of k?.places?.names ?? ['-']) expect(text).toContain(name)
    }
  })

  it('writes notes on every slide, the full text of the deck’s notes', () => {
    expect(pptx.notes.length).toBe(deck.slides.length)
    for (const [i, xml] of pptx.notes.entries()) {
      const text = drawingText(xml).trim()
      expect(text.length, `slide ${i + 1}`).toBeGreaterThan(0)
      const own = deck.notes[i] ?? ''
      if (own) expect(text.replace(/\s+/g, ''), `slide ${i + 1}`).toContain(own.replace(/\s+/g, ''))
    }
  })

  it('names the theme fonts, keeps the theme’s red and draws the edition’s colour as a second accent', async () => {
    const district = await readPptx(file('xinzheng'))
    const accent = (await readFile(join(reportDir, 'editions', 'xinzheng.yaml'), 'utf8')).match(
      /accent:\s*["']#([0-9a-fA-F]{6})["']/,
    )?.[1]
    expect(accent).toBeDefined()
    expect(district.slides.join('')).toContain(`<a:srgbClr val="${accent?.toUpperCase()}"`)
    // the district's colour is a second accent: the headings and charts keep the theme's red
    const red = (await readFile(join(projectRoot, 'themes', 'formal', 'theme.json'), 'utf8')).match(
      /"accent":\s*"#([0-9a-fA-F]{6})"/,
    )?.[1]
    expect(red).toBeDefined()
    expect(district.slides[2]).toContain(`<a:srgbClr val="${red?.toUpperCase()}"`)
    // only in the rule under the top band (drawn twice on section slides), never the headings,
    // figures, tables or chart bars
    district.slides.forEach((xml, i) => {
      expect(xml.split(`val="${accent?.toUpperCase()}"`).length - 1, `slide ${i + 1}`).toBeLessThanOrEqual(2)
    })
    expect(pptx.slides[0]).toContain('typeface="Noto Sans SC"')
    const english = await readPptx(file('en'))
    expect(english.slides[1]).toContain('typeface="Noto Sans"')
  })

  it('puts the district’s logo on its cover as a picture', () => {
    return readPptx(file('xinzheng')).then((district) => {
      expect(district.slides[0]).toContain('<p:pic>')
      expect(district.rels[0]).toMatch(/Target="(?:\.\.|\/ppt)\/media\/image[^"]*\.png"/)
    })
  })
})

describe('text for PowerPoint', () => {
  it('drops the characters XML 1.0 forbids and keeps everything else', () => {
    expect(xmlText('a\u0000b\u0007c\u000Bd\u001Fe\uFFFEf')).toBe('abcdef')
    expect(xmlText('郑州\t市\n😀')).toBe('郑州\t市\n😀')
    expect(xmlText('x\uD800y\uDC00z')).toBe('xyz')
  })
})
