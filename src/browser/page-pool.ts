// The confined pages of one browser session: opened ahead of need, kept between documents. A new
// page costs Chromium a renderer (a few hundred ms of CPU); the next document in a kept page, on the
// same origin, about a third of that. Pages opened ahead (warm) are made while Node still renders
// the templates, when Chromium has nothing else to do.
import type { Browser, Page } from 'puppeteer-core'
import { confinePage, type PageState } from './confine.js'

export class PagePool {
  private readonly state = new WeakMap<Page, PageState>()
  private readonly idle: Page[] = []
  private readonly warming: Promise<Page | undefined>[] = []

  constructor(
    private readonly roots: string[],
    /** at most this many pages are kept */
    private readonly maxIdle: number,
  ) {}

  /** What a page of this pool did (refused requests, errors) and may be shown. */
  stateOf(page: Page): PageState | undefined {
    return this.state.get(page)
  }

  /** Starts opening `count` pages now, for the next callers of open(). */
  warm(browser: Browser, count: number): void {
    for (let i = 0; i < count; i++) this.warming.push(this.newPage(browser).catch(() => undefined))
  }

  /**
   * A kept or warm page of this browser, or a new confined one. A page handed out is brought to the
   * front, as a new page would be: Chromium draws no frames for a tab behind another, and what waits
   * for one (an IntersectionObserver, an element's screenshot) would wait for ever.
   */
  async open(browser: Browser): Promise<Page> {
    for (let page = this.idle.pop() ?? (await this.warming.shift()); page; ) {
      if (!page.isClosed() && page.browser() === browser) {
        await page.bringToFront()
        return page
      }
      await page.close().catch(() => undefined)
      page = this.idle.pop() ?? (await this.warming.shift())
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

  /** Closes the kept and warm pages (a browser shared with others keeps no pages of this session). */
  async close(): Promise<void> {
    const pages = [...this.idle.splice(0), ...(await Promise.all(this.warming.splice(0)))]
    await Promise.all(pages.map((p) => p?.close().catch(() => undefined)))
  }

  private async newPage(browser: Browser): Promise<Page> {
    const page = await browser.newPage()
    this.state.set(page, await confinePage(page, this.roots))
    return page
  }
}
