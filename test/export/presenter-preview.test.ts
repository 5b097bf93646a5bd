// The presenter sees what the hall sees: on every slide with a chart, the current-slide preview of
// the presenter view is the same picture as the slide itself. deck.html of the example is opened
// from disk in real Chromium, once as the audience's window and once as the presenter's; both
// pictures are scaled to one size and compared pixel by pixel, and the chart's marks (its coloured
// pixels) must be there in both.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { BrowserSession } from '../../src/browser/session.js'
import type { BuildContext } from '../../src/context.js'
import { writeDeckHtml } from '../../src/export/deck-html.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { loadEdition } from '../../src/merge/edition.js'
import { renderDeck } from '../../src/render/deck.js'
import { projectRoot } from '../support/browser.js'

const W = 320
const H = 180

interface Comparison {
  /** mean absolute difference per channel, 0..255 */
  difference: number
  /** pixels of strong colour (chart marks, accents) in the slide and in the preview */
  colouredSlide: number
  colouredPreview: number
}

/** Both PNGs drawn at W x H in a page, compared there (no image library needed). */
async function compare(page: Page, a: string, b: string): Promise<Comparison> {
  return page.evaluate(
    async (a: string, b: string, w: number, h: number) => {
      // createImageBitmap and an OffscreenCanvas need no rendering, so they also work in a page
      // that is in the background (img.decode() there may wait for a frame that never comes)
      const pixels = async (src: string) => {
        const bitmap = await createImageBitmap(await (await fetch(src)).blob())
        const canvas = new OffscreenCanvas(w, h)
        const g = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D
        g.drawImage(bitmap, 0, 0, w, h)
        return g.getImageData(0, 0, w, h).data
      }
      const [p, q] = await Promise.all([pixels(a), pixels(b)])
      let sum = 0
      let cp = 0
      let cq = 0
      const coloured = (d: Uint8ClampedArray, i: number) =>
        Math.max(d[i] ?? 0, d[i + 1] ?? 0, d[i + 2] ?? 0) -
          Math.min(d[i] ?? 0, d[i + 1] ?? 0, d[i + 2] ?? 0) >
        80
      for (let i = 0; i < p.length; i += 4) {
        for (let c = 0; c < 3; c++) sum += Math.abs((p[i + c] ?? 0) - (q[i + c] ?? 0))
        if (coloured(p, i)) cp++
        if (coloured(q, i)) cq++
      }
      return { difference: sum / ((p.length / 4) * 3), colouredSlide: cp, colouredPreview: cq }
    },
    a,
    b,
    W,
    H,
  )
}

/**
 * A picture of what `selector` shows, cut from the page's own screenshot. (An element's screenshot
 * first scrolls it into view and waits for the page to draw a frame, which a page that is not in
 * front may never do.)
 */
async function shot(page: Page, selector: string): Promise<Uint8Array> {
  const clip = await page.evaluate((selector: string) => {
    const box = document.querySelector(selector)?.getBoundingClientRect()
    return box && box.width > 0 ? { x: box.x, y: box.y, width: box.width, height: box.height } : undefined
  }, selector)
  if (!clip) throw new Error(`${page.url()}: nothing shown at ${selector}`)
  return page.screenshot({ clip })
}

const dataUrl = (png: Uint8Array) => `data:image/png;base64,${Buffer.from(png).toString('base64')}`

describe('the presenter view of the example deck', () => {
  let url: string
  let chartSlides: number[] = []
  let ctx: BuildContext
  // A browser of its own: pages that other test files open in the shared one would come to the
  // front between this test's bringToFront() and its screenshot.
  let own: BrowserSession
  beforeAll(async () => {
    own = await BrowserSession.launch({ projectRoot })
    ctx = { projectRoot, logger: createMemoryLogger(), session: own, cache: true }
    const edition = await loadEdition(join(projectRoot, 'data', 'zhengzhou-2021'), 'zhengzhou-2021', {
      projectRoot,
    })
    edition.outDir = join(projectRoot, 'output', 'test', 'presenter-preview')
    const deck = await renderDeck(edition, ctx, { checkOverflow: false })
    chartSlides = deck.slides
      .filter((s) => /<svg\b/.test(deck.html.split(/<section\b/)[s.index] ?? ''))
      .map((s) => s.index)
    url = pathToFileURL(await writeDeckHtml(deck, edition, ctx)).href
  })

  afterAll(() => own?.close())

  test('shows every chart slide in its current-slide preview as the hall sees it', {
    timeout: 300_000,
  }, async () => {
    expect(chartSlides.length).toBeGreaterThan(5)
    const browser = ctx.session.browser
    const [audience, presenter, scratch] = await Promise.all([
      browser.newPage(),
      browser.newPage(),
      browser.newPage(),
    ])
    try {
      await audience.setViewport({ width: 1280, height: 720 })
      await presenter.setViewport({ width: 1280, height: 800 })
      const mismatches: string[] = []
      await Promise.all([
        audience.goto(url, { waitUntil: 'load' }),
        presenter.goto(`${url}?presenter`, { waitUntil: 'load' }),
      ])
      await Promise.all(
        [audience, presenter].map((p) => p.evaluate(() => document.fonts.ready.then(() => true))),
      )
      for (const n of chartSlides) {
        for (const page of [audience, presenter]) {
          await page.evaluate((n: number) => {
            location.hash = `#${n}`
          }, n)
          // polled by timer: a page in the background runs no animation frames
          await page.waitForFunction(
            (n: number) => document.documentElement.dataset.slide === String(n),
            { polling: 100 },
            n,
          )
        }
        await audience.bringToFront()
        const a = await shot(audience, 'section.hb-active, .hb-active')
        await presenter.bringToFront()
        const b = await shot(presenter, '.hb-current > *')
        await scratch.bringToFront()
        const result = await compare(scratch, dataUrl(a), dataUrl(b))
        if (result.difference > 6 || result.colouredPreview < result.colouredSlide * 0.9)
          mismatches.push(`slide ${n}: ${JSON.stringify(result)}`)
      }
      expect(mismatches).toEqual([])
    } finally {
      await Promise.all([audience, presenter, scratch].map((p) => p.close()))
    }
  })
})
