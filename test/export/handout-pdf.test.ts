// The example's booklet and reading copy, printed by the real browser and read back with poppler.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PDFDocument, PDFName, PDFString } from 'pdf-lib'
import { beforeAll, describe, expect, test } from 'vitest'
import type { BuildContext, Edition } from '../../src/context.js'
import { type HandoutPdfResult, writeHandoutPdf } from '../../src/export/handout-pdf.js'
import { readOutline } from '../../src/export/pdf-outline.js'
import { A4, MM } from '../../src/export/pdf-post.js'
import { SLUG_MM } from '../../src/export/print-marks.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { chineseNumber } from '../../src/render/handlebars.js'
import { renderHandout } from '../../src/render/handout.js'
import { projectRoot, sharedSession } from '../support/browser.js'
import { exampleEdition } from '../support/edition.js'
import {
  bodySentences,
  pdffonts,
  pdfinfo,
  pdftext,
  RADICALS,
  sentencesOutOfOrder,
  squeeze,
} from './handout-support.js'

let ctx: BuildContext
let edition: Edition
let booklet: HandoutPdfResult
let reading: HandoutPdfResult

beforeAll(async () => {
  const session = await sharedSession()
  ctx = { projectRoot, logger: createMemoryLogger(), session, cache: true }
  edition = await exampleEdition({ outDir: join(projectRoot, 'output', 'test', 'handout-pdf') })
  ;[booklet, reading] = await Promise.all([
    writeHandoutPdf(edition, ctx, { kind: 'handout' }),
    writeHandoutPdf(edition, ctx, { kind: 'reading-copy' }),
  ])
})

/** The heading as printed: 一、打造科技创新中心 (an edition's own, unnumbered sections: the title alone). */
const sectionHeading = (number: number | undefined, title: string) =>
  number === undefined ? title : `${chineseNumber(number)}、${title}`

describe.each([
  ['handout', () => booklet],
  ['reading copy', () => reading],
])('the %s PDF', (_name, result) => {
  test('has pages of exactly A4 and says so in its page count', () => {
    const info = pdfinfo(result().path, '-box')
    expect(info['Page size']).toBe('595.276 x 841.89 pts (A4)')
    expect(info.MediaBox?.split(/\s+/).map(Number)).toEqual([0, 0, 595.28, 841.89])
    expect(info.TrimBox?.split(/\s+/).map(Number)).toEqual([0, 0, 595.28, 841.89])
    expect(Number(info.Pages)).toBe(result().pages)
  })

  test('embeds every font, all bundled Noto as CID TrueType and none as Type 3', () => {
    const fonts = pdffonts(result().path)
    expect(fonts.length).toBeGreaterThan(0)
    for (const font of fonts) {
      expect(font.embedded, font.name).toBe(true)
      expect(font.type, font.name).not.toMatch(/Type 3/)
      expect(font.name, 'no system fallback font').toMatch(/Noto(Sans|Serif)SC/)
    }
  })

  test('carries title, author, subject, keywords, creator, language and tags', async () => {
    const info = pdfinfo(result().path)
    expect(info.Title).toContain(edition.report.meta.title)
    expect(info.Author).toBe(edition.report.meta.issuer)
    expect(info.Subject).toContain(edition.report.meta.meeting)
    expect(info.Keywords).toContain(edition.report.sections[0]?.keywords[0]?.title)
    expect(info.Creator).toBe('huibao')
    expect(info.Tagged).toBe('yes')
    const doc = await PDFDocument.load(await readFile(result().path))
    const lang = doc.catalog.lookup(PDFName.of('Lang'))
    expect(lang instanceof PDFString ? lang.decodeText() : String(lang)).toBe('zh-CN')
  })

  test('has bookmarks for every section and every keyword, keywords nested under their section', async () => {
    const outline = await readOutline(await readFile(result().path))
    for (const section of edition.report.sections) {
      const at = outline.findIndex((e) => e.title === sectionHeading(section.number, section.title))
      expect(at, section.title).toBeGreaterThanOrEqual(0)
      expect(outline[at]?.level).toBe(0)
      for (const keyword of section.keywords) {
        const kw = outline.find((e, i) => i > at && e.title === keyword.title)
        expect(kw, keyword.title).toBeDefined()
        expect(kw?.level).toBe(1)
      }
    }
  })

  test('never leaves a heading or keyword tag as the last line of a page', () => {
    const headings = new Set([
      squeeze(edition.strings['common.keyword'] ?? '关键词'),
      ...edition.report.sections.flatMap((sec) => [
        sectionHeading(sec.number, sec.title),
        ...sec.keywords.map((k) => squeeze(k.title)),
      ]),
    ])
    for (let n = 2; n <= result().pages; n++) {
      const lines = pdftext(result().path, { first: n, last: n, body: true })
        .split('\n')
        .map(squeeze)
        .filter(Boolean)
      expect(headings.has(lines.at(-1) ?? ''), `page ${n} ends with "${lines.at(-1)}"`).toBe(false)
    }
  })

  test('gives back every sentence of the report body in order, with no radical look-alikes', () => {
    const text = pdftext(result().path, { body: true })
    expect(text.match(RADICALS) ?? []).toEqual([])
    const spoken = result() === reading
    expect(sentencesOutOfOrder(text, bodySentences(edition.report, { spoken }))).toEqual([])
  })
})

describe('the handout booklet', () => {
  test('prints the right page number for each section and keyword in its contents', () => {
    const contents = pdftext(booklet.path, { first: 2, last: 2, body: true, layout: true })
    const pages = Array.from({ length: booklet.pages }, (_, i) =>
      squeeze(pdftext(booklet.path, { first: i + 1, last: i + 1, body: true })),
    )
    // where a heading really is: the first page after the contents whose body text holds it
    const startPage = (heading: string) => pages.findIndex((p, i) => i > 1 && p.includes(heading)) + 1
    let checked = 0
    for (const section of edition.report.sections) {
      const line = contents.split('\n').find((l) => squeeze(l).includes(squeeze(section.title)))
      const printed = Number(/(\d+)\s*$/.exec(line ?? '')?.[1])
      expect(printed, section.title).toBe(startPage(sectionHeading(section.number, section.title)))
      checked++
    }
    expect(checked).toBe(edition.report.sections.length)
  })

  test('runs the current section in the page head and "— N —" at the foot', () => {
    const first = edition.report.sections[0]
    expect(first).toBeDefined()
    const full = pdftext(booklet.path, { first: 4, last: booklet.pages })
    expect(full).toMatch(/—\s*4\s*—/)
    expect(full).toContain(sectionHeading(first?.number ?? 1, first?.title ?? ''))
    const cover = pdftext(booklet.path, { first: 1, last: 1 })
    expect(cover).toContain(edition.report.meta.title)
    expect(cover).toContain(edition.report.meta.speaker)
    expect(cover).not.toMatch(/—\s*1\s*—/)
  })

  test('sets the livelihood projects as a table with every project in its own row', async () => {
    const { html } = await renderHandout(edition, ctx, 'handout')
    const projects = edition.report.sections.flatMap((s) => s.keywords.flatMap((k) => k.projects ?? []))
    expect(projects.length).toBeGreaterThan(0)
    const table = /<table class="projects">[\s\S]*?<\/table>/.exec(html)?.[0] ?? ''
    expect(table.match(/<tr>/g)?.length).toBe(projects.length + 1)
  })

  test('prints with 3 mm bleed: the BleedBox is A4 plus 6 mm, the TrimBox exactly A4, crop marks outside', async () => {
    const bleedEdition = { ...edition, outDir: join(projectRoot, 'output', 'test', 'handout-bleed') }
    const result = await writeHandoutPdf(bleedEdition, ctx, { kind: 'handout', bleed: true })
    const info = pdfinfo(result.path, '-box')
    const media = info.MediaBox?.split(/\s+/).map(Number) ?? []
    const trim = info.TrimBox?.split(/\s+/).map(Number) ?? []
    const bleed = info.BleedBox?.split(/\s+/).map(Number) ?? []
    expect(bleed[2]).toBeCloseTo(A4.width + 6 * MM, 1)
    expect(bleed[3]).toBeCloseTo(A4.height + 6 * MM, 1)
    // the sheet reaches beyond the bleed by the slug that holds the crop marks
    expect(media[0]).toBeCloseTo(-SLUG_MM * MM, 1)
    expect((media[2] ?? 0) - (media[0] ?? 0)).toBeCloseTo(A4.width + (6 + 2 * SLUG_MM) * MM, 1)
    expect(trim[0]).toBeCloseTo(3 * MM, 1)
    expect((trim[2] ?? 0) - (trim[0] ?? 0)).toBeCloseTo(A4.width, 1)
    expect((trim[3] ?? 0) - (trim[1] ?? 0)).toBeCloseTo(A4.height, 1)
    expect(result.pages).toBe(booklet.pages)
  })
})

describe('the reading copy', () => {
  test('sets the body in type of at least 16 pt', async () => {
    const { html } = await renderHandout(edition, ctx, 'reading-copy')
    const sizes = await ctx.session.withPage(async (page) => {
      await ctx.session.load(page, html, { name: 'reading-copy.html' })
      await ctx.session.waitForReady(page)
      return page.evaluate(() =>
        [...document.querySelectorAll('main p:not(.kicker)')].map((p) =>
          Number.parseFloat(getComputedStyle(p).fontSize),
        ),
      )
    })
    expect(sizes.length).toBeGreaterThan(10)
    // CSS px to pt: 96 px = 72 pt
    expect(Math.min(...sizes) * 0.75).toBeGreaterThanOrEqual(16)
  })

  test('starts every section on a new page', () => {
    for (const section of edition.report.sections) {
      const kicker = squeeze(`第${chineseNumber(section.number ?? 0)}项重点工作`)
      let found = false
      for (let n = 2; n <= reading.pages; n++) {
        const body = squeeze(pdftext(reading.path, { first: n, last: n, body: true }))
        if (body.includes(sectionHeading(section.number, section.title))) {
          expect(body.startsWith(kicker), `section ${section.number} starts page ${n}`).toBe(true)
          found = true
          break
        }
      }
      expect(found, section.title).toBe(true)
    }
  })
})
