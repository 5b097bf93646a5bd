// The booklet's print options, printed by the real browser and read back: --mono leaves no colour
// pixel, --pad4 pads to a multiple of 4 before the back page, --bleed adds crop marks outside the
// bleed; and every booklet ends on its colophon and numbers its pages — n —.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import type { BuildContext, Edition } from '../../src/context.js'
import { type HandoutPdfResult, writeHandoutPdf } from '../../src/export/handout-pdf.js'
import { A4, MM } from '../../src/export/pdf-post.js'
import { SLUG_MM } from '../../src/export/print-marks.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { projectRoot, sharedSession } from '../support/browser.js'
import { exampleEdition } from '../support/edition.js'
import { pdfinfo, pdftext } from './handout-support.js'

/** Pixels of a page rendered by poppler whose channels differ by more than `tolerance` (not grey). */
function colourPixels(file: string, page: number, tolerance = 24): number {
  const ppm = execFileSync('pdftoppm', ['-r', '30', '-f', String(page), '-l', String(page), file], {
    maxBuffer: 64 * 1024 * 1024,
  })
  // P6 header: magic, width, height, maxval, each followed by whitespace
  let at = 0
  for (let fields = 0; fields < 4; at++) if (/\s/.test(String.fromCharCode(ppm[at] ?? 0))) fields++
  let count = 0
  for (let i = at; i + 2 < ppm.length; i += 3) {
    const r = ppm[i] ?? 0
    const g = ppm[i + 1] ?? 0
    const b = ppm[i + 2] ?? 0
    if (Math.max(r, g, b) - Math.min(r, g, b) > tolerance) count++
  }
  return count
}

let ctx: BuildContext
let edition: Edition
let plain: HandoutPdfResult
let mono: HandoutPdfResult
let padded: HandoutPdfResult
const out = (name: string) => join(projectRoot, 'output', 'test', 'print-options', name)

beforeAll(async () => {
  ctx = { projectRoot, logger: createMemoryLogger(), session: await sharedSession(), cache: true }
  edition = await exampleEdition({ outDir: out('plain') })
  // one section fewer: a page count that is not a multiple of 4, whatever the example's is
  const shorter = await exampleEdition({ outDir: out('padded') }, (r) => {
    r.sections = r.sections.slice(0, 2)
  })
  ;[plain, mono, padded] = await Promise.all([
    writeHandoutPdf(edition, ctx, { kind: 'handout' }),
    writeHandoutPdf({ ...edition, outDir: out('mono') }, ctx, { kind: 'handout', mono: true, bleed: true }),
    writeHandoutPdf(shorter, ctx, { kind: 'handout', pad4: true }),
  ])
})

describe('the booklet', () => {
  test('prints in colour by default, and --mono prints no colour pixel on any page', () => {
    const coloured = Array.from({ length: plain.pages }, (_, i) => colourPixels(plain.path, i + 1))
    expect(coloured.some((n) => n > 100)).toBe(true)
    for (let page = 1; page <= mono.pages; page++)
      expect(colourPixels(mono.path, page), `page ${page}`).toBe(0)
  })

  test('numbers its pages in the official style and ends on the colophon', () => {
    const second = pdftext(plain.path, { first: 3, last: 3 })
    expect(second).toMatch(/—\s*3\s*—/)
    expect(second).not.toMatch(/第\s*3\s*页/)
    const last = pdftext(plain.path, { first: plain.pages, last: plain.pages })
    const { meta } = edition.report
    const printedBy = (edition.strings['print.printedBy'] ?? '?').replace(/\s/g, '')
    for (const text of [meta.meeting, meta.source, printedBy])
      expect(last.replace(/\s+/g, '')).toContain(text)
    expect(last).not.toMatch(/—\s*\d+\s*—/)
  })

  test('says on the cover what the text is, and no longer puts its source there alone', () => {
    const cover = pdftext(plain.path, { first: 1, last: 1 }).replace(/\s+/g, '')
    expect(cover).toContain(`据${edition.report.meta.source}`)
    expect(cover).not.toContain(`来源：${edition.report.meta.source}`)
  })

  test('--pad4 pads to a multiple of 4 with blank pages before the back page', async () => {
    const unpadded = await writeHandoutPdf(
      {
        ...edition,
        outDir: out('unpadded'),
        report: { ...edition.report, sections: edition.report.sections.slice(0, 2) },
      },
      ctx,
      { kind: 'handout' },
    )
    expect(padded.pages % 4).toBe(0)
    const added = padded.pages - unpadded.pages
    expect(added).toBeGreaterThanOrEqual(0)
    expect(added).toBe((4 - (unpadded.pages % 4)) % 4)
    for (let page = unpadded.pages; page < padded.pages; page++)
      expect(pdftext(padded.path, { first: page, last: page }).trim(), `page ${page}`).toBe('')
    expect(pdftext(padded.path, { first: padded.pages, last: padded.pages })).toContain(
      edition.report.meta.meeting,
    )
  })

  test('--bleed draws crop marks in a slug outside the bleed box', () => {
    const info = pdfinfo(mono.path, '-box')
    const media = info.MediaBox?.split(/\s+/).map(Number) ?? []
    const bleed = info.BleedBox?.split(/\s+/).map(Number) ?? []
    expect(media[0]).toBeCloseTo(-SLUG_MM * MM, 1)
    expect(bleed).toEqual([
      0,
      0,
      Number((A4.width + 6 * MM).toFixed(2)),
      Number((A4.height + 6 * MM).toFixed(2)),
    ])
    // the marks: dark pixels in the slug's corner area, none in the plain print
    const png = execFileSync('pdftoppm', [
      '-r',
      '72',
      '-gray',
      '-f',
      '2',
      '-l',
      '2',
      '-x',
      '0',
      '-y',
      '0',
      '-W',
      '45',
      '-H',
      '45',
      mono.path,
    ])
    const dark = [...png.subarray(png.length - 45 * 45)].filter((v) => v < 128).length
    expect(dark).toBeGreaterThan(3)
  })
})
