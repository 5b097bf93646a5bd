// Finishing a PDF appends an incremental update to Chromium's bytes (src/export/pdf-append.ts).
// A malformed update is what viewers quietly "repair" and print shops reject, so the result is read
// back three independent ways: by its own xref section here (every offset must point at "n g obj"),
// by pdf-lib parsing it whole, and by MuPDF and poppler, whose warnings on stderr fail the test.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFDocument, PDFName, PDFRawStream, PDFString } from 'pdf-lib'
import { beforeAll, describe, expect, test } from 'vitest'
import { readOutline } from '../../src/export/pdf-outline.js'
import { A4, finalizePdf, MM } from '../../src/export/pdf-post.js'
import { readXref } from '../../src/export/pdf-xref.js'
import { sharedSession } from '../support/browser.js'

const dir = mkdtempSync(join(tmpdir(), 'huibao-incremental-'))
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1')

/** The last xref section's entries, read straight from the bytes (not through src/). */
function lastXrefSection(bytes: Uint8Array): { entries: [number, number, number][]; trailer: string } {
  const text = latin1(bytes)
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1])
  expect(text.slice(startxref, startxref + 4)).toBe('xref')
  const end = text.indexOf('trailer', startxref)
  const entries: [number, number, number][] = []
  const lines = text.slice(startxref + 5, end)
  let at = 0
  for (let sub = /^(\d+) (\d+)\r?\n/.exec(lines); sub; sub = /^(\d+) (\d+)\r?\n/.exec(lines.slice(at))) {
    at += sub[0].length
    for (let i = 0; i < Number(sub[2]); i++, at += 20) {
      const entry = lines.slice(at, at + 20)
      // exactly 20 bytes, two-byte end of line (ISO 32000-1 §7.5.4)
      expect(entry).toMatch(/^\d{10} \d{5} n(\r\n| \n| \r)$/)
      entries.push([Number(sub[1]) + i, Number(entry.slice(0, 10)), Number(entry.slice(11, 16))])
    }
  }
  expect(at).toBe(lines.length)
  return { entries, trailer: text.slice(end, text.lastIndexOf('startxref')) }
}

/** Runs a checker; the file passes when it exits 0 and says nothing on stderr (no repairs). */
function quietly(command: string, args: string[]): string {
  const run = spawnSync(command, args, { encoding: 'utf8' })
  expect(run.stderr.trim(), `${command} ${args.join(' ')}`).toBe('')
  expect(run.status).toBe(0)
  return run.stdout
}

describe('the incremental update on a PDF Chromium printed', () => {
  let printed: Uint8Array
  let finished: Uint8Array
  const file = join(dir, 'finished.pdf')

  beforeAll(async () => {
    const session = await sharedSession()
    printed = await session.withPage(async (page) => {
      await page.setContent(
        `<html lang="en"><body style="margin:0">
          <h1>First chapter</h1><p>Text on page one.</p>
          <h2 style="break-before:page">A section</h2><p>Text on page two.</p>
          <h1 style="break-before:page">Second chapter</h1><p>Text on page three.</p>
        </body></html>`,
      )
      return page.pdf({ format: 'A4', outline: true, tagged: true, printBackground: true })
    })
    finished = await finalizePdf(printed, {
      title: 'A finished title',
      author: 'The office',
      keywords: ['one', 'two'],
      language: 'en',
      trimSize: A4,
      outlineTitles: new Map([[1, 'Renamed section']]),
    })
    writeFileSync(file, finished)
  })

  test('keeps every byte Chromium wrote and appends after them', () => {
    expect(Buffer.from(finished.subarray(0, printed.length)).equals(Buffer.from(printed))).toBe(true)
    expect(finished.length).toBeGreaterThan(printed.length)
  })

  test('points every xref entry at its object, and the trailer at the previous table', () => {
    const { entries, trailer } = lastXrefSection(finished)
    expect(entries.length).toBeGreaterThan(3)
    for (const [n, offset, generation] of entries) {
      expect(latin1(finished.subarray(offset, offset + 24))).toMatch(new RegExp(`^${n} ${generation} obj\\s`))
      expect(offset).toBeGreaterThanOrEqual(printed.length)
    }
    const previous = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(latin1(printed))?.[1]
    expect(trailer).toMatch(new RegExp(`/Prev ${previous}\\b`))
    expect(trailer).toMatch(/\/Root \d+ 0 R/)
    expect(trailer).toMatch(/\/Info \d+ 0 R/)
  })

  test('reads back whole in pdf-lib: metadata, language, exact A4 boxes, bookmark titles', async () => {
    const doc = await PDFDocument.load(finished, { updateMetadata: false })
    expect(doc.getTitle()).toBe('A finished title')
    expect(doc.getAuthor()).toBe('The office')
    expect(doc.getKeywords()).toBe('one two')
    expect(doc.getCreator()).toBe('huibao')
    expect(doc.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('en')
    expect(doc.getPageCount()).toBe(3)
    for (const page of doc.getPages()) {
      for (const box of [page.getMediaBox(), page.getCropBox(), page.getTrimBox(), page.getBleedBox()]) {
        expect(box).toMatchObject({ x: 0, y: 0 })
        expect(box.width).toBeCloseTo(A4.width, 3)
        expect(box.height).toBeCloseTo(A4.height, 3)
      }
    }
    const expected = [
      ['First chapter', 0, 0],
      ['Renamed section', 1, 1],
      ['Second chapter', 0, 2],
    ]
    // through the update's xref section, and from a whole-file parse (object streams: no table)
    const outline = await readOutline(finished)
    expect(outline.map((e) => [e.title, e.level, e.pageIndex])).toEqual(expected)
    const resaved = await doc.save({ useObjectStreams: true })
    expect(readXref(resaved)).toBeUndefined()
    expect((await readOutline(resaved)).map((e) => [e.title, e.level, e.pageIndex])).toEqual(expected)
  })

  test('reads back in MuPDF and poppler without a repair', () => {
    const clean = join(dir, 'clean.pdf')
    quietly('mutool', ['clean', '-s', file, clean])
    expect(quietly('mutool', ['show', file, 'trailer'])).toMatch(/\/Prev \d+/)
    const info = quietly('pdfinfo', ['-box', file])
    expect(info).toMatch(/^Title:\s+A finished title$/m)
    expect(info).toMatch(/^Pages:\s+3$/m)
    expect(info).toMatch(/^TrimBox:\s+0\.00\s+0\.00\s+595\.28\s+841\.89$/m)
    expect(quietly('pdftotext', [file, '-'])).toContain('Text on page three.')
    // the cleaned copy (one xref, everything rewritten by MuPDF) says the same
    expect(quietly('pdfinfo', [clean])).toMatch(/^Title:\s+A finished title$/m)
  })

  test('is read through the xref table; a file whose offsets are off is rewritten whole instead', async () => {
    expect(readXref(printed)).toBeDefined()
    // a comment after the header moves every object by 10 bytes: the table no longer matches
    const header = latin1(printed).indexOf('\n') + 1
    const shifted = Buffer.concat([
      printed.subarray(0, header),
      Buffer.from('%shifted\n'),
      printed.subarray(header),
    ])
    const rewritten = await finalizePdf(shifted, { title: 'Shifted', language: 'en', trimSize: A4 })
    expect(Buffer.from(rewritten.subarray(0, 200)).equals(shifted.subarray(0, 200))).toBe(false)
    const doc = await PDFDocument.load(rewritten, { updateMetadata: false })
    expect(doc.getTitle()).toBe('Shifted')
    // the bookmarks too are read from the whole file when the table is off
    expect((await readOutline(shifted)).map((e) => [e.title, e.pageIndex])).toEqual(
      (await readOutline(printed)).map((e) => [e.title, e.pageIndex]),
    )
    expect((await readOutline(shifted)).length).toBe(3)
    expect(doc.getPage(0).getTrimBox().width).toBeCloseTo(A4.width, 3)
  })

  test('can be finished again: the second update follows both /Prev links', async () => {
    const twice = await finalizePdf(finished, { title: 'Twice', language: 'en', trimSize: A4 })
    expect(Buffer.from(twice.subarray(0, finished.length)).equals(Buffer.from(finished))).toBe(true)
    const again = join(dir, 'twice.pdf')
    writeFileSync(again, twice)
    expect(quietly('pdfinfo', [again])).toMatch(/^Title:\s+Twice$/m)
    quietly('mutool', ['clean', '-s', again, join(dir, 'twice-clean.pdf')])
    expect((await readOutline(twice)).map((e) => e.title)).toContain('Renamed section')
  })
})

describe('the incremental update on PDFs made here', () => {
  test('replaces a CMap that maps a glyph to a radical look-alike, found without parsing the file', async () => {
    const doc = await PDFDocument.create()
    doc.addPage([960, 540])
    const cmap = `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n2 beginbfchar\n<0003> <2FA5>\n<0004> <76EE>\nendbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n`
    const toUnicode = doc.context.register(doc.context.flateStream(cmap))
    doc.context.register(
      doc.context.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: 'Test', ToUnicode: toUnicode }),
    )
    // classic xref table, as Chromium writes it
    const bytes = await doc.save({ useObjectStreams: false })
    expect(readXref(bytes)).toBeDefined()
    const finished = await finalizePdf(bytes, { title: 'Radicals', language: 'zh-CN' })
    expect(Buffer.from(finished.subarray(0, bytes.length)).equals(Buffer.from(bytes))).toBe(true)
    const read = await PDFDocument.load(finished)
    const stream = read.context.lookup(toUnicode)
    expect(stream).toBeInstanceOf(PDFRawStream)
    const { inflateSync } = await import('node:zlib')
    const text = inflateSync((stream as PDFRawStream).contents).toString('latin1')
    expect(text).toContain('<0003> <91CC>')
    expect(text).toContain('<0004> <76EE>')
    expect(read.getTitle()).toBe('Radicals')
  })

  test('adds an information dictionary to a file without one, numbered past the old /Size', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false })
    doc.addPage([960, 540])
    const bytes = await doc.save({ useObjectStreams: false })
    expect(latin1(bytes)).not.toContain('/Info')
    const size = Number(/\/Size (\d+)/.exec(latin1(bytes))?.[1])
    const finished = await finalizePdf(bytes, { title: 'New info', language: 'en' })
    const { entries, trailer } = lastXrefSection(finished)
    const info = Number(/\/Info (\d+) 0 R/.exec(trailer)?.[1])
    expect(info).toBeGreaterThanOrEqual(size)
    expect(entries.map(([n]) => n)).toContain(info)
    expect(trailer).toMatch(new RegExp(`/Size ${info + 1}\\b`))
    const file = join(dir, 'new-info.pdf')
    writeFileSync(file, finished)
    expect(quietly('pdfinfo', [file])).toMatch(/^Title:\s+New info$/m)
  })

  test('keeps pdf-lib for pages that are drawn on: crop marks grow the sheet by the slug', async () => {
    const doc = await PDFDocument.create()
    doc.addPage([A4.width + 6 * MM, A4.height + 6 * MM])
    const bytes = await doc.save({ useObjectStreams: false })
    const marked = await finalizePdf(bytes, {
      title: 'Marks',
      language: 'en',
      trimSize: A4,
      bleedMm: 3,
      cropMarks: true,
    })
    const page = (await PDFDocument.load(marked)).getPage(0)
    expect(page.getMediaBox().x).toBeLessThan(0)
    expect(page.getTrimBox().x).toBeCloseTo(3 * MM, 3)
    execFileSync('pdfinfo', ['-'], { input: marked })
  })
})
