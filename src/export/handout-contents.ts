// The contents' page numbers written into the page already loaded, instead of rendering the whole
// handout again and loading it a second time. The booklet is printed twice (handout-pdf.ts): the
// first print says where every heading landed, the second shows those numbers in the contents.
// Profiled on the example, the second pass re-ran the templates and phrase breaks, re-made the font
// subset and sent 2 MB of HTML to Chromium (about 0.6 s of Node CPU), and Chromium parsed, styled
// and laid the document out again (about 1.3 s) only to change a few dozen digits. Now the pass
// changes those digits in the DOM and prints.
//
// The templates show {{pageOf id}} in a `.toc-page` box inside a link to the heading (`<a
// href="#id">`); in the first pass it is a figure space (handout-helpers.ts). A template that shows a
// page number anywhere else (a report's own partial, say) would be missed here: so the in-place way
// is taken only when the boxes found hold every figure space of the first pass's HTML, and otherwise
// the handout is rendered and loaded again as before.
import type { Page } from 'puppeteer-core'

/** What {{pageOf}} shows while a heading's page is not known yet (see handout-helpers.ts). */
const UNKNOWN_PAGE = '\u2007'

/** The contents' number boxes of the loaded page: every `.toc-page` in a link to a heading. */
const BOX_SELECTOR = 'a[href^="#"] .toc-page'

/** How many times the first pass's HTML shows the unknown page (a figure space). */
export function unknownPageCount(html: string): number {
  return html.split(UNKNOWN_PAGE).length - 1
}

/**
 * Whether the loaded first pass can take its page numbers in place: its number boxes show every
 * unknown page the HTML has (`expected`, unknownPageCount of the HTML loaded), and nothing else.
 */
export async function canNumberInPlace(page: Page, expected: number): Promise<boolean> {
  const boxes = await page.$$eval(
    BOX_SELECTOR,
    (nodes, unknown) => nodes.filter((node) => node.textContent === unknown).length,
    UNKNOWN_PAGE,
  )
  return boxes === expected
}

/** Writes each heading's page (by the id its link points to) into the loaded page's contents. */
export async function numberInPlace(page: Page, pages: ReadonlyMap<string, number>): Promise<void> {
  await page.$$eval(
    BOX_SELECTOR,
    (nodes, entries, unknown) => {
      const byId = new Map(entries)
      for (const node of nodes) {
        const id = node.closest('a')?.getAttribute('href')?.slice(1) ?? ''
        const page = byId.get(id)
        node.textContent = page === undefined ? unknown : String(page)
      }
    },
    [...pages],
    UNKNOWN_PAGE,
  )
}
