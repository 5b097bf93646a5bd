// One shared Chromium for a whole build (and for the whole test suite), with a bounded pool of
// confined pages (src/browser/confine.ts: pages load only the project's files, src/browser/serve.ts).
// A browser that crashes or hangs is replaced, and the work lost with it fails with a
// BrowserCrashError that the pipeline retries once.

import { AsyncLocalStorage } from 'node:async_hooks'
import { dirname, resolve } from 'node:path'
import puppeteer, { type Browser, type Page, ProtocolError, TimeoutError } from 'puppeteer-core'
import { BrowserCrashError, ConvertError } from '../errors.js'
import type { Logger } from '../log/logger.js'
import { throwIfStopped } from '../utils/shutdown.js'
import { confinementError, confinePage, type PageState } from './confine.js'
import { findBrowser } from './find.js'
import { externalizeDataUrls } from './inline-data.js'
import { type Chromium, chromiumArgs, launchChromium } from './lifecycle.js'
import { documentUrl, inlineDataUrl } from './serve.js'

/** Longest one page may take (load, draw, print) before the browser counts as hung; fits 2 cores. */
export const DEFAULT_PAGE_TIMEOUT_MS = 180_000

/** Which session's page the current async call chain holds, if any (see withPage). */
const holdsPage = new AsyncLocalStorage<BrowserSession>()

export interface LaunchOptions {
  /** Folder whose files pages may load; relative URLs in documents resolve against it. */
  projectRoot: string
  /** Further folders pages may load from (e.g. a report folder outside the project). */
  extraRoots?: string[]
  executablePath?: string
  /** How many pages may be open at once. */
  maxPages?: number
  /** Longest one page may take before the browser counts as hung and is replaced (default 180 s). */
  pageTimeoutMs?: number
  logger?: Logger
  /** How long a page may take to get ready, in ms (default 60 s; loading may take twice that). */
  timeoutMs?: number
  /** Other processes will connect to this browser (wsEndpoint): see LaunchChromiumOptions. */
  connectable?: boolean
}

export interface LoadOptions {
  /** File name the document pretends to have (shows in violations and devtools). */
  name: string
  viewport?: { width: number; height: number; deviceScaleFactor?: number }
}

export class BrowserSession implements AsyncDisposable {
  private readonly roots: string[]
  private readonly pageState = new WeakMap<Page, PageState>()
  private free: number
  private readonly waiting: (() => void)[] = []
  private docCounter = 0
  private readonly timeoutMs: number
  private readonly pageTimeoutMs: number
  private relaunching?: Promise<Chromium>

  private constructor(
    private connected: Browser | undefined,
    readonly executablePath: string,
    private readonly options: LaunchOptions,
    /** The browser this session started (and restarts when it dies); absent when connected. */
    private chromium?: Chromium,
  ) {
    this.roots = [options.projectRoot, ...(options.extraRoots ?? [])].map((r) => resolve(r))
    this.free = Math.max(1, options.maxPages ?? 4)
    this.timeoutMs = options.timeoutMs ?? 60_000
    this.pageTimeoutMs = options.pageTimeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS
  }

  /** The browser pages are opened in now (a new one after a crash). */
  get browser(): Browser {
    return (this.chromium?.browser ?? this.connected) as Browser
  }

  /** How many times the browser was replaced after it crashed or hung. */
  restarts = 0

  static async launch(options: LaunchOptions): Promise<BrowserSession> {
    const found = options.executablePath ? { path: options.executablePath } : findBrowser()
    const chromium = await launchChromium({
      executablePath: found.path,
      args: chromiumArgs(),
      connectable: options.connectable,
    })
    return new BrowserSession(undefined, found.path, options, chromium)
  }

  /** The running browser: a dead one is closed and replaced first (once, for every caller). */
  private async alive(): Promise<Browser> {
    const current = this.chromium
    if (!current?.death) return this.browser
    this.relaunching ??= (async () => {
      await current.close()
      this.options.logger?.warn(`the browser ${current.death}; starting a new one`)
      this.chromium = await launchChromium({
        executablePath: this.executablePath,
        args: chromiumArgs(),
        connectable: this.options.connectable,
      })
      this.restarts++
      this.relaunching = undefined
      return this.chromium
    })()
    return (await this.relaunching).browser
  }

  /** The error for work lost with a dead browser: says whether it crashed or hung, with its signal. */
  private crashError(chromium: Chromium, cause: unknown): BrowserCrashError {
    const signal = /\((SIG[A-Z0-9]+)\)/.exec(chromium.death ?? '')?.[1]
    return new BrowserCrashError(`the browser ${chromium.death}`, signal, {
      cause,
      hint: 'a browser that crashes again and again may lack memory: build fewer editions at once, or raise --timeout',
    })
  }

  /** Connects to a browser another process launched (the test suite shares one browser). */
  static async connect(wsEndpoint: string, options: LaunchOptions): Promise<BrowserSession> {
    const browser = await puppeteer.connect({
      browserWSEndpoint: wsEndpoint,
      defaultViewport: null,
    })
    return new BrowserSession(browser, 'connected', options)
  }

  /** Runs fn with a fresh confined page from the pool; throws if the page broke confinement. */
  async withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
    // A stage that holds a page may call another that needs one (the handout printer draws its
    // charts while it holds its page). Such a nested page does not wait for the pool: if it did,
    // editions built side by side could each hold a page and wait for another for ever.
    throwIfStopped()
    const nested = holdsPage.getStore() === this
    if (!nested) await this.acquire()
    let page: Page | undefined
    let timer: NodeJS.Timeout | undefined
    const chromium = this.chromium
    try {
      const browser = await this.alive()
      const current = this.chromium
      page = await browser.newPage()
      const state = await confinePage(page, this.roots)
      this.pageState.set(page, state)
      const opened = page
      const work = holdsPage.run(this, () => fn(opened))
      work.catch(() => undefined)
      // A page that never finishes means a hung browser: kill it, so that it is replaced.
      const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const seconds = Math.round(this.pageTimeoutMs / 1000)
          current?.kill(`hung (a page took longer than ${seconds} s; raise the limit with --timeout)`)
          reject(new Error('page time limit'))
        }, this.pageTimeoutMs)
      })
      const result = await Promise.race([work, limit])
      if (state.violations.length > 0) throw confinementError(state.violations)
      return result
    } catch (error) {
      const lost = this.chromium?.death ? this.chromium : chromium?.death ? chromium : undefined
      if (lost) throw this.crashError(lost, error)
      // The browser's own failures (too slow, a closed target) are the machine's, not the input's.
      if (error instanceof TimeoutError || error instanceof ProtocolError) {
        throw new ConvertError(`the browser failed: ${error.message}`, { cause: error })
      }
      throw error
    } finally {
      clearTimeout(timer)
      if (page) await page.close().catch(() => undefined)
      if (!nested) this.release()
    }
  }

  /** Shows `html` in the page as if it were a file of the project called `name`. */
  async load(page: Page, html: string, options: LoadOptions): Promise<void> {
    const state = this.pageState.get(page)
    if (!state) throw new ConvertError('load() needs a page from withPage()')
    const id = String(++this.docCounter)
    const slim = externalizeDataUrls(html, (data) => {
      const key = String(++this.docCounter)
      state.inlineData.set(key, data)
      return inlineDataUrl(key)
    })
    state.documents.set(id, slim)
    if (options.viewport) await page.setViewport({ deviceScaleFactor: 1, ...options.viewport })
    const url = documentUrl(options.name, id)
    await page.goto(url, { waitUntil: 'load', timeout: this.timeoutMs * 2 })
    if (state.violations.length > 0) throw confinementError(state.violations)
    if (state.errors.length > 0) {
      throw new ConvertError(`the page ${options.name} failed: ${state.errors.join('; ')}`)
    }
  }

  /**
   * Waits for the explicit ready signal: web fonts loaded, images decoded and, when the page defines
   * it, the promise window.__huibaoReady (charts drawn, slides measured). No network-idle heuristics.
   */
  async waitForReady(page: Page, timeoutMs = this.timeoutMs): Promise<void> {
    await page.waitForFunction(
      async () => {
        await document.fonts.ready
        await Promise.all([...document.images].map((img) => img.decode().catch(() => undefined)))
        const ready = (window as unknown as { __huibaoReady?: Promise<unknown> }).__huibaoReady
        if (ready) await ready
        return true
      },
      { timeout: timeoutMs, polling: 'mutation' },
    )
    const state = this.pageState.get(page)
    if (state && state.errors.length > 0)
      throw new ConvertError(`the page failed: ${state.errors.join('; ')}`)
  }

  async close(): Promise<void> {
    if (this.chromium) await this.chromium.close()
    else await this.connected?.close().catch(() => undefined)
  }

  /** Disconnects without closing a browser that someone else owns (tests). */
  async disconnect(): Promise<void> {
    await this.browser.disconnect().catch(() => undefined)
  }

  /** Kills the browser as a crash would (fault tests); the next page starts a new one. */
  killBrowser(reason = 'crashed (SIGKILL)'): void {
    this.chromium?.kill(reason)
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close()
  }

  private async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--
      return
    }
    await new Promise<void>((resolveSlot) => this.waiting.push(resolveSlot))
  }

  private release(): void {
    const next = this.waiting.shift()
    if (next) next()
    else this.free++
  }
}

/** The build's browser: pages may load the project's files and the report's own (logos), wherever it lives. */
export function launchForReport(
  projectRoot: string,
  reportPath: string,
  browser?: string,
  pageTimeoutMs?: number,
): Promise<BrowserSession> {
  const root = resolve(projectRoot)
  const report = resolve(root, reportPath)
  return BrowserSession.launch({
    projectRoot: root,
    extraRoots: [/\.ya?ml$/i.test(report) ? dirname(report) : report],
    executablePath: browser,
    maxPages: 3,
    pageTimeoutMs,
    timeoutMs: pageTimeoutMs,
  })
}
