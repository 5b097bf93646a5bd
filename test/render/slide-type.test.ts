// Slides are read from the back of a hall. In the rendered deck at 1920x1080, every caption and
// label is at least 32 px and the footer and page number at least 26 px; a lone figure is shown as
// a hero number of about 200 px. Measured in Chromium on every slide of the city's and the English
// edition (text inside charts is the charts' own and is not measured here).
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import type { BuildContext, Edition } from '../../src/context.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { loadEdition } from '../../src/merge/edition.js'
import { renderDeck } from '../../src/render/deck.js'
import { loadDeckPage } from '../../src/render/overflow.js'
import { projectRoot, sharedSession } from '../support/browser.js'

const SCALE = 1920 / 1280
const MIN_TEXT = 32
const MIN_FOOTER = 26

interface Measured {
  slide: number
  what: string
  px: number
  footer: boolean
}

async function measure(edition: Edition): Promise<{ texts: Measured[]; heroes: Measured[] }> {
  const ctx: BuildContext = {
    projectRoot,
    logger: createMemoryLogger(),
    session: await sharedSession(),
    cache: true,
  }
  const deck = await renderDeck(edition, ctx, { checkOverflow: false })
  return ctx.session.withPage(async (page) => {
    await loadDeckPage(page, deck, ctx)
    return page.evaluate(() => {
      const texts: Measured[] = []
      const heroes: Measured[] = []
      document.querySelectorAll('section').forEach((section, i) => {
        const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT)
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const el = node.parentElement
          if (!el || !node.textContent?.trim() || el.closest('svg')) continue
          const rect = el.getBoundingClientRect()
          if (rect.width === 0 || getComputedStyle(el).visibility === 'hidden') continue
          texts.push({
            slide: i + 1,
            what: `${el.className || el.tagName}: ${node.textContent.trim().slice(0, 20)}`,
            px: Number.parseFloat(getComputedStyle(el).fontSize),
            footer: el.closest('footer') !== null,
          })
        }
        // the page number is a ::after of the slide
        const after = getComputedStyle(section, '::after')
        if (after.content && after.content !== 'none' && section.dataset.marpitPagination)
          texts.push({
            slide: i + 1,
            what: 'page number',
            px: Number.parseFloat(after.fontSize),
            footer: true,
          })
        for (const n of section.querySelectorAll('.callouts.n1 .number')) {
          heroes.push({
            slide: i + 1,
            what: n.textContent ?? '',
            px: Number.parseFloat(getComputedStyle(n).fontSize),
            footer: false,
          })
        }
      })
      return { texts, heroes }
    })
  })
}

const tooSmall = (texts: Measured[]) =>
  texts
    .filter((t) => t.px * SCALE < (t.footer ? MIN_FOOTER : MIN_TEXT) - 0.01)
    .map((t) => `slide ${t.slide} ${t.what} ${(t.px * SCALE).toFixed(1)}px`)

describe.each(['zhengzhou-2021', 'en'])('the %s deck at 1920x1080', (id) => {
  test('sets no text below 32 px and no footer below 26 px; a lone figure is a hero of about 200 px', async () => {
    const reportDir = join(projectRoot, 'data', 'zhengzhou-2021')
    const edition = await loadEdition(reportDir, id, { projectRoot })
    const { texts, heroes } = await measure(edition)
    expect(texts.length).toBeGreaterThan(300)
    expect(texts.some((t) => t.footer)).toBe(true)
    expect(tooSmall(texts)).toEqual([])
    expect(heroes.length).toBeGreaterThan(0)
    for (const hero of heroes) expect(hero.px * SCALE, hero.what).toBeGreaterThanOrEqual(200)
  })
})
