// The confined pages of one browser session, kept between documents. A new page costs Chromium a
// renderer (a few hundred ms of CPU); the next document in a kept page, on the same origin, about a
// third of that. Pages are opened only when asked for: a tab opened ahead of need would come in front
// of one in use, and Chromium draws no frames for a tab behind another (see open()).
import type { Browser, Page } from 'puppeteer-core'
import { confinePage, type PageState } from './confine.js'

export class PagePool {
  private readonly state = new WeakMap<Page, PageState>()
  private readonly idle: Page[] = []

  constructor(
    private readonly roots: string[],
    /** at most this many pages are kept */
    private readonly maxIdle: number,
  ) {}

  /** What a page of this pool did (refused requests, errors) and may be shown. */
  stateOf(page: Page): PageState | undefined {
    return this.state.get(page)
  }

  /**
   * A kept page of this browser, or a new confined one. A kept page is brought to the front, as a new
   * page comes: Chromium draws no frames for a tab behind another, and what waits for one (an
   * IntersectionObserver, an element's screenshot) would wait for ever.
   */
  async open(browser: Browser): Promise<Page> {
    for (let page = this.idle.pop(); page; page = this.idle.pop()) {
      if (!page.isClosed() && page.browser() === browser) {
        await page.bringToFront()
        return page
      }
      await page.close().catch(() => undefined)
    }
    return this.newPage(browser)
  }

  /** Keeps a page that served without trouble, its documents forgotten and viewport reset; else false. */
  async keep(page: Page): Promise<boolean> {
    const state = this.state.get(page)
    if (!state || state.errors.length > 0 || state.violations.length > 0) return false
    if (page.isClosed() || this.idle.length >= this.maxIdle) return false
    try {
      if (page.viewport() !== null) await page.setViewport(null)
    } catch {
      return false
    }
    state.documents.clear()
    state.inlineData.clear()
    this.idle.push(page)
    return true
  }

  /** Closes the kept pages (a browser shared with others keeps no pages of this session). */
  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((p) => p.close().catch(() => undefined)))
  }

  private async newPage(browser: Browser): Promise<Page> {
    const page = await browser.newPage()
    this.state.set(page, await confinePage(page, this.roots))
    return page
  }
}
