// The slide handout prints the deck's dark slides (cover, section dividers, closing: full fields of the
// accent colour) in the theme's light print version, so a copier lays no toner over them. Read back
// as a print shop sees it: each slide's place on the sheet rasterised by poppler and its dark ink
// measured; the same handout made from deck.pdf alone has dark slides, so the check can fail.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import type { BuildContext, Edition } from '../../src/context.js'
import { writeDeckPdf } from '../../src/export/deck-pdf.js'
import { A4 } from '../../src/export/pdf-post.js'
import { slotsFor, writeSlidesHandout } from '../../src/export/slides-handout.js'
import { lightRules, slidesOfKinds } from '../../src/export/slides-handout-light.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { loadEdition } from '../../src/merge/edition.js'
import { type RenderedDeck, renderDeck } from '../../src/render/deck.js'
import { projectRoot, sharedSession } from '../support/browser.js'
import { pdftext, squeeze } from './handout-support.js'

const DPI = 36

/** Share of dark pixels (grey below half) in each slide's place on every sheet, in slide order. */
function darkShares(file: string, pages: number, slides: number): number[] {
  const slots = slotsFor(3, 16 / 9)
  const shares: number[] = []
  for (let n = 1; n <= pages; n++) {
    const pgm = execFileSync('pdftoppm', ['-r', String(DPI), '-gray', '-f', String(n), '-l', String(n), file])
    // binary PGM: "P5\n<w> <h>\n255\n" then one byte a pixel
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))
    if (!header) throw new Error('pdftoppm did not write a PGM')
    const width = Number(header[1])
    const pixels = pgm.subarray(header[0].length)
    const scale = DPI / 72
    for (const slot of slots) {
      if (shares.length >= slides) break
      // a little inside the slide's frame
      const x0 = Math.round(slot.x * scale) + 2
      const x1 = Math.round((slot.x + slot.width) * scale) - 2
      const y0 = Math.round((A4.height - slot.y - slot.height) * scale) + 2
      const y1 = Math.round((A4.height - slot.y) * scale) - 2
      let dark = 0
      let all = 0
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          all++
          if ((pixels[y * width + x] ?? 255) < 128) dark++
        }
      }
      shares.push(dark / all)
    }
  }
  return shares
}

describe('lightRules', () => {
  test('names the slide kinds a sheet restyles and scopes its rules above the deck theme', () => {
    const { kinds, css } = lightRules('section.title, section.section h1 { color: red }\n.x { color: blue }')
    expect([...kinds].sort()).toEqual(['section', 'title'])
    expect(css).toContain(':root body div.marpit > section.title')
    expect(css).toContain(':root body div.marpit > section.section h1')
  })

  test('finds the slides of those kinds by their class', () => {
    const html =
      '<div class="marpit"><section class="title" lang="zh-CN"></section><section class="keyword"></section><section class="section x"></section></div>'
    expect(slidesOfKinds(html, new Set(['title', 'section']))).toEqual([0, 2])
  })
})

describe.each(['henan-2023', 'en'])('the slide handout of the henan-2023 report (%s edition)', (id) => {
  let ctx: BuildContext
  let edition: Edition
  let deck: RenderedDeck
  let deckPdf: string
  beforeAll(async () => {
    ctx = { projectRoot, logger: createMemoryLogger(), session: await sharedSession(), cache: true }
    edition = await loadEdition(join(projectRoot, 'data', 'henan-2023'), id, { projectRoot })
    edition.outDir = join(projectRoot, 'output', 'test', 'slides-handout-light', id)
    deck = await renderDeck(edition, ctx, { checkOverflow: false })
    deckPdf = (await writeDeckPdf(deck, edition, ctx)).path
  })

  test('prints the dark slides light: no slide lays dark ink over a third of its place', async () => {
    const slides = deck.slides.length
    const dark = slidesOfKinds(deck.html, new Set(['title', 'section', 'closing']))
    expect(dark.length, 'the deck has a cover, section and closing slides').toBeGreaterThanOrEqual(3)

    // made from deck.pdf alone, the same handout shows those slides dark (so the check can fail)
    const plainFile = join(edition.outDir, 'slides-handout-from-deck-pdf.pdf')
    const plain = await writeSlidesHandout(deckPdf, edition, { ctx, outFile: plainFile })
    const before = darkShares(plainFile, plain.pages, slides)
    for (const i of dark) expect(before[i], `slide ${i + 1} as deck.pdf prints it`).toBeGreaterThan(0.5)

    const result = await writeSlidesHandout(deckPdf, edition, { ctx, deck })
    const after = darkShares(result.path, result.pages, slides)
    expect(after).toHaveLength(slides)
    for (const [i, share] of after.entries()) expect(share, `slide ${i + 1}`).toBeLessThan(1 / 3)

    // the light slides keep their text (still vector type, in order)
    const text = squeeze(pdftext(result.path))
    expect(text).toContain(squeeze(edition.report.meta.title))
    for (const section of edition.report.sections) expect(text).toContain(squeeze(section.title))
  })
})
