// deck.pptx opened by a real office suite: LibreOffice Impress (Debian's libreoffice-impress, see
// .ci/setup.sh) converts it headless to PDF, with a profile of its own in a temporary folder. The PDF
// must have a page per slide, and pdftotext must find every slide's title and figures on its page.
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeNativePptx } from '../../src/export/pptx/index.js'
import { planSlides } from '../../src/export/pptx/plan.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { renderDeck } from '../../src/render/deck.js'
import { projectRoot, sharedSession } from '../support/browser.js'
import { exampleEdition } from '../support/edition.js'

/** Text as compared: LibreOffice spaces Latin from Chinese (2021 年) and breaks lines anywhere. */
const flat = (text: string) => text.replace(/[\s\u00ad]+/g, '')

describe('deck.pptx in LibreOffice Impress', async () => {
  const session = await sharedSession()
  const ctx = { projectRoot, logger: createMemoryLogger(), session, cache: true }
  const work = await mkdtemp(join(tmpdir(), 'huibao-office-'))
  afterAll(() => rm(work, { recursive: true, force: true }))
  const edition = await exampleEdition({ outDir: work })
  const deck = await renderDeck(edition, ctx, { checkOverflow: false })
  const plan = await planSlides(deck, edition, ctx)
  let pages: string[] = []

  beforeAll(async () => {
    const { path } = await writeNativePptx(deck, edition, ctx)
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        work,
        path,
      ],
      { stdio: 'pipe', timeout: 300_000 },
    )
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(work, 'deck.pdf'), '-'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    })
    pages = text.split('\f').slice(0, -1)
  }, 400_000)

  it('converts to a PDF with a page per slide', () => {
    const info = execFileSync('pdfinfo', [join(work, 'deck.pdf')], { encoding: 'utf8' })
    expect(info).toMatch(new RegExp(`^Pages:\\s+${deck.slides.length}$`, 'm'))
    expect(pages.length).toBe(deck.slides.length)
  })

  it('shows each slide’s title on its page', () => {
    for (const [i, meta] of deck.slides.entries()) {
      // a slide that keywords share heads each with its own title (its title joins them with " · ")
      const titles = meta.keywordIds ? meta.title.split(' · ') : [meta.title]
      for (const title of titles) expect(flat(pages[i] ?? ''), `slide ${i + 1}`).toContain(flat(title))
    }
  })

  it('shows each slide’s figures on its page', () => {
    let checked = 0
    for (const slide of plan.slides) {
      const page = flat(pages[slide.index - 1] ?? '')
      const figures =
        'figures' in slide ? slide.figures : slide.kind === 'targets' && slide.hero ? [slide.hero] : []
      for (const f of figures) {
        expect(page, `slide ${slide.index}: ${f.label}`).toContain(flat(f.number))
        expect(page, `slide ${slide.index}: ${f.label}`).toContain(flat(f.label))
        checked++
      }
      const chart = 'chart' in slide ? slide.chart : undefined
      for (const row of chart?.singles ?? []) {
        expect(page, `slide ${slide.index}: ${row.label}`).toContain(flat(row.display))
        checked++
      }
      for (const row of chart?.table?.rows ?? []) {
        for (const cell of row) expect(page, `slide ${slide.index}: ${row.join(' ')}`).toContain(flat(cell))
        checked++
      }
      for (const group of chart?.groups ?? []) {
        for (const row of group.rows) {
          expect(page, `slide ${slide.index}: ${row.label}`).toContain(flat(row.label))
          expect(page, `slide ${slide.index}: ${row.label}`).toContain(String(row.value))
          checked++
        }
      }
      if (slide.kind === 'projects') {
        for (const [title, lines] of slide.rows) {
          expect(page, `slide ${slide.index}`).toContain(flat(title))
          for (const line of lines) expect(page, `slide ${slide.index}`).toContain(flat(line))
          checked++
        }
      }
    }
    expect(checked).toBeGreaterThan(100)
  })
})
