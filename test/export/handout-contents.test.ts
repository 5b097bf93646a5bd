// The contents' page numbers written into the loaded handout (src/export/handout-contents.ts): in a
// real page, by the heading each entry links to; and only when the number boxes account for every
// unknown page of the first pass, so that a page number shown anywhere else is never left blank.
import { describe, expect, it } from 'vitest'
import { canNumberInPlace, numberInPlace, unknownPageCount } from '../../src/export/handout-contents.js'
import { sharedSession } from '../support/browser.js'

const FIGURE_SPACE = '\u2007'
const entry = (id: string) =>
  `<li><a href="#${id}"><span class="toc-title">${id}</span><span class="toc-page">${FIGURE_SPACE}</span></a></li>`
const contents = `<ol class="toc">${entry('intro')}${entry('section-2')}${entry('kw-3')}</ol>`

describe('page numbers in the loaded handout', async () => {
  const session = await sharedSession()

  it('fills every contents entry with the page of the heading it links to', async () => {
    const html = `<!doctype html><body>${contents}<h1 id="intro">Intro</h1></body>`
    expect(unknownPageCount(html)).toBe(3)
    const shown = await session.withPage(async (page) => {
      await page.setContent(html)
      expect(await canNumberInPlace(page, unknownPageCount(html))).toBe(true)
      await numberInPlace(
        page,
        new Map([
          ['intro', 3],
          ['section-2', 12],
        ]),
      )
      return page.$$eval('.toc-page', (boxes) => boxes.map((box) => box.textContent))
    })
    // a heading with no page yet keeps the figure space, as {{pageOf}} shows it
    expect(shown).toEqual(['3', '12', FIGURE_SPACE])
  })

  it('declines when a page number stands outside the contents boxes', async () => {
    // e.g. a report's own partial saying "see page {{pageOf id}}" in running text
    const html = `<!doctype html><body>${contents}<p>see page <span>${FIGURE_SPACE}</span></p></body>`
    const inPlace = await session.withPage(async (page) => {
      await page.setContent(html)
      return canNumberInPlace(page, unknownPageCount(html))
    })
    expect(inPlace).toBe(false)
  })
})
