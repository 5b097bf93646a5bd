import { execFileSync } from 'node:child_process'
import { readdir, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib'
import { afterAll, describe, expect, it } from 'vitest'
import type { BuildContext } from '../../src/context.js'
import { writeDeckNotesPdf, writeDeckPdf } from '../../src/export/deck-pdf.js'
import { writeSlidesPng } from '../../src/export/deck-png.js'
import { writeDeckPptx } from '../../src/export/deck-pptx.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { renderDeck } from '../../src/render/deck.js'
import { fixtureEdition } from '../render/deck-fixture.js'
import { projectRoot, sharedSession } from '../support/browser.js'
import { exampleEdition } from '../support/edition.js'

const session = await sharedSession()
const ctx = (): BuildContext => ({ projectRoot, logger: createMemoryLogger(), session, cache: true })

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
}

/** Titles of the PDF's bookmarks, depth first, indented by level. */
async function outline(file: string): Promise<string[]> {
  const doc = await PDFDocument.load(await readFile(file))
  const out: string[] = []
  const walk = (item: PDFDict | undefined, depth: number) => {
    let node = item
    while (node) {
      const title = node.lookup(PDFName.of('Title'))
      if (title instanceof PDFString || title instanceof PDFHexString)
        out.push(`${'  '.repeat(depth)}${title.decodeText()}`)
      walk(node.lookupMaybe(PDFName.of('First'), PDFDict), depth + 1)
      node = node.lookupMaybe(PDFName.of('Next'), PDFDict)
    }
  }
  const root = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)
  walk(root?.lookupMaybe(PDFName.of('First'), PDFDict), 0)
  return out
}

function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

describe('the static deck outputs of the example', async () => {
  const edition = await exampleEdition({ outDir: join(projectRoot, 'output', 'test', 'deck', 'example') })
  await rm(edition.outDir, { recursive: true, force: true })
  const deck = await renderDeck(edition, ctx())
  // The exports as `huibao build` runs them: the independent ones side by side, PPTX after the PNGs.
  const [deckPdf, notesPdf] = await Promise.all([
    writeDeckPdf(deck, edition, ctx()),
    writeDeckNotesPdf(deck, edition, ctx()),
    writeSlidesPng(deck, edition, ctx()),
  ])
  const pptx = await writeDeckPptx(deck, edition, ctx())
  const result = { files: [deckPdf.path, notesPdf.path, pptx.path] }
  const pdf = join(edition.outDir, 'deck.pdf')
  const text = run('pdftotext', ['-enc', 'UTF-8', pdf, '-'])
  const report = edition.report

  it('writes deck.pdf, deck-notes.pdf, the PNGs and deck.pptx', () => {
    expect(result.files).toEqual(
      expect.arrayContaining([
        pdf,
        join(edition.outDir, 'deck.pptx'),
        join(edition.outDir, 'deck-notes.pdf'),
      ]),
    )
  })

  it('gives deck.pdf one 16:9 page per slide', () => {
    const info = run('pdfinfo', [pdf])
    expect(info).toMatch(new RegExp(`^Pages:\\s+${deck.slides.length}$`, 'm'))
    expect(info).toMatch(/^Page size:\s+960 x 540 pts$/m)
    expect(info).toMatch(/^Tagged:\s+yes$/m)
  })

  it('sets title, author, subject and language in deck.pdf', async () => {
    const doc = await PDFDocument.load(await readFile(pdf), { updateMetadata: false })
    expect(doc.getTitle()).toBe('郑州市政府工作报告 · 郑州市')
    expect(doc.getAuthor()).toBe(report.meta.issuer)
    expect(doc.getSubject()).toBe(report.meta.meeting)
    expect(String(doc.catalog.lookup(PDFName.of('Lang')))).toContain('zh-CN')
  })

  it('embeds every font of deck.pdf, none of them Type 3, all of them the bundled ones', () => {
    const rows = run('pdffonts', [pdf]).split('\n').slice(2).filter(Boolean)
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) {
      expect(row).not.toMatch(/Type 3/)
      expect(row).toMatch(/CID TrueType\s+Identity-H\s+yes/)
      // a glyph missing from a subset is drawn in a system font (the cover's U+3000 once was)
      expect(row).toMatch(/^[A-Z]{6}\+NotoS(ans|erif)SC/)
    }
  })

  it('extracts every section and keyword title from deck.pdf, in order', () => {
    const titles = report.sections.flatMap((s) => [s.title, ...s.keywords.map((k) => k.title)])
    let at = 0
    for (const title of titles) {
      const found = text.indexOf(title, at)
      expect(found, title).toBeGreaterThanOrEqual(0)
      at = found
    }
  })

  it('extracts the chart labels as the same characters', () => {
    expect(deck.charts.length).toBeGreaterThan(0)
    const labels = deck.charts.flatMap((c) =>
      [...c.svg.matchAll(/<text[^>]*>([^<]+)<\/text>/g)].map((m) => m[1] ?? ''),
    )
    const chinese = labels.filter((l) => /[\u4e00-\u9fff]/.test(l))
    expect(chinese.length).toBeGreaterThan(10)
    const flat = text.replace(/\s+/g, '')
    for (const label of chinese) expect(flat, label).toContain(label.replace(/\s+/g, ''))
  })

  it('has no Kangxi radical look-alikes (U+2E80–U+2FDF) in the extracted text', () => {
    const lookAlikes = [...text].filter((c) => {
      const cp = c.codePointAt(0) ?? 0
      return cp >= 0x2e80 && cp <= 0x2fdf
    })
    expect(lookAlikes).toEqual([])
    expect(text).toContain('里')
  })

  it('has a bookmark for every section, with its keywords below it', async () => {
    const marks = await outline(pdf)
    for (const section of report.sections) expect(marks).toContain(section.title)
    const first = report.sections[0]
    const i = marks.indexOf(first?.title ?? '')
    expect(marks[i + 1]?.trim()).toBeTruthy()
    expect(marks).toContain(`  ${first?.keywords[0]?.title}`)
  })

  it('writes one 1920x1080 PNG per slide', async () => {
    const files = (await readdir(join(edition.outDir, 'slides'))).sort()
    expect(files).toHaveLength(deck.slides.length)
    expect(files[0]).toBe('01.png')
    for (const name of [files[0], files.at(-1)]) {
      const png = await readFile(join(edition.outDir, 'slides', name ?? ''))
      expect(png.subarray(1, 4).toString()).toBe('PNG')
      expect(pngSize(png)).toEqual({ width: 1920, height: 1080 })
    }
  })

  it('writes deck.pptx with one slide and one notes page per slide', () => {
    const list = run('unzip', ['-l', join(edition.outDir, 'deck.pptx')])
    expect(list.match(/ppt\/slides\/slide\d+\.xml$/gm)).toHaveLength(deck.slides.length)
    const withNotes = deck.notes.filter(Boolean).length
    expect(list.match(/ppt\/notesSlides\/notesSlide\d+\.xml$/gm)?.length).toBeGreaterThanOrEqual(withNotes)
    const notes = run('unzip', ['-p', join(edition.outDir, 'deck.pptx'), 'ppt/notesSlides/notesSlide5.xml'])
    expect(notes.length).toBeGreaterThan(0)
  })

  it('prints the notes copy on A4 with each slide and its full notes', async () => {
    const notesPdf = join(edition.outDir, 'deck-notes.pdf')
    const info = run('pdfinfo', [notesPdf])
    expect(info).toMatch(/^Page size:\s+59\d(\.\d+)? x 84\d(\.\d+)? pts \(A4\)$/m)
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1])
    expect(pages).toBeGreaterThanOrEqual(deck.slides.length)
    const notesText = run('pdftotext', ['-enc', 'UTF-8', notesPdf, '-']).replace(/\s+/g, '')
    const paragraph = report.sections[0]?.keywords[0]?.paragraphs[0] ?? '-'
    expect(notesText).toContain(paragraph.replace(/\s+/g, ''))
  })
})

describe('deck outputs one at a time', () => {
  it('writes the PNGs, then the PPTX from the same pictures, then the PDF', async () => {
    const edition = await exampleEdition({ outDir: join(projectRoot, 'output', 'test', 'deck', 'single') })
    const deck = await renderDeck(edition, ctx(), { checkOverflow: false })
    const png = await writeSlidesPng(deck, edition, ctx())
    expect(png.pages).toBe(deck.slides.length)
    const pptx = await writeDeckPptx(deck, edition, ctx())
    expect(pptx.pages).toBe(deck.slides.length)
    const pdf = await writeDeckPdf(deck, edition, ctx())
    expect(run('pdfinfo', [pdf.path])).toMatch(new RegExp(`^Pages:\\s+${deck.slides.length}$`, 'm'))
  })
})

describe('hostile report text in the deck outputs', async () => {
  const hits: string[] = []
  const server = createServer((req, res) => {
    hits.push(req.url ?? '')
    res.end('x')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const port = String((server.address() as AddressInfo).port)

  it('prints HTML, Markdown images and scripts in the data as literal text and requests nothing', async () => {
    const edition = await fixtureEdition('hostile-text', { replace: { PORT: port } })
    const deck = await renderDeck(edition, ctx())
    const [pdf] = await Promise.all([
      writeDeckPdf(deck, edition, ctx()),
      writeSlidesPng(deck, edition, ctx()),
    ])
    expect(pdf.path).toBe(join(edition.outDir, 'deck.pdf'))
    // pdftotext joins lines and drops a hyphen at a line end: compare without spaces and hyphens
    const flat = (t: string) => t.replace(/[\s-]+/g, '')
    const text = flat(run('pdftotext', ['-enc', 'UTF-8', join(edition.outDir, 'deck.pdf'), '-']))
    for (const literal of [
      `<img src="http://127.0.0.1:${port}/title-img">`,
      `![x](http://127.0.0.1:${port}/title-md)`,
      '<script>alert(1)</script>',
      '**bold**',
      `<iframe src="http://127.0.0.1:${port}/frame"></iframe>`,
    ])
      expect(text).toContain(flat(literal))
    expect(hits).toEqual([])
  })
})
