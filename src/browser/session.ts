// One shared Chromium for a whole build (and for the whole test suite), with a bounded pool of pages.
//
// Confinement: every page is loaded from a virtual origin (https://huibao.invalid, a reserved TLD that
// never resolves) whose requests we answer ourselves from memory (the document being printed) and from
// the project's own files. Any other request (http, https elsewhere, file:// outside the project) is
// aborted and recorded, and withPage() then fails with a ConfinementError naming the URL and what asked
// for it. Loading from an origin rather than setContent() also lets the page read the bundled fonts.

import { AsyncLocalStorage } from 'node:async_hooks'
import { existsSync } from 'node:fs'
import { realpath } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import puppeteer, {
  type Browser,
  type HTTPRequest,
  type Page,
  ProtocolError,
  TimeoutError,
} from 'puppeteer-core'
import { BrowserCrashError, ConfinementError, ConvertError } from '../errors.js'
import type { Logger } from '../log/logger.js'
import { isMissingFile, safeReadFile, UnsafeFileError } from '../utils/safe-read.js'
import { throwIfStopped } from '../utils/shutdown.js'
import { findBrowser } from './find.js'
import { type Chromium, launchChromium } from './lifecycle.js'

/** Longest one page may take (load, draw, print) before the browser counts as hung; fits 2 cores. */
export const DEFAULT_PAGE_TIMEOUT_MS = 180_000

export const VIRTUAL_ORIGIN = 'https://huibao.invalid'

/** Which session's page the current async call chain holds, if any (see withPage). */
const holdsPage = new AsyncLocalStorage<BrowserSession>()

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.csv': 'text/csv; charset=utf-8',
}

/** npm packages whose files pages may load (fonts, and Vega for measuring chart text in the page). */
const SERVED_PACKAGES = [
  '@fontsource/noto-sans',
  '@fontsource/noto-sans-sc',
  '@fontsource/noto-serif',
  '@fontsource/noto-serif-sc',
  'vega',
  'vega-lite',
] as const
export type ServedPackage = (typeof SERVED_PACKAGES)[number]

const require = createRequire(import.meta.url)
export function packageDir(pkg: string): string {
  try {
    return dirname(require.resolve(`${pkg}/package.json`))
  } catch {
    // Packages whose "exports" hide package.json (vega, vega-lite): walk up from the entry point.
    let dir = dirname(require.resolve(pkg))
    while (dirname(dir) !== dir && !existsSync(join(dir, 'package.json'))) dir = dirname(dir)
    return dir
  }
}

/** URL under which a page loads a file of one of the served packages. */
export function moduleUrl(pkg: ServedPackage, subpath: string): string {
  return `${VIRTUAL_ORIGIN}/__modules/${pkg}/${subpath}`
}

export interface Violation {
  url: string
  resourceType: string
  initiator: string
  reason: string
}

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
}

export interface LoadOptions {
  /** File name the document pretends to have (shows in violations and devtools). */
  name: string
  viewport?: { width: number; height: number; deviceScaleFactor?: number }
}

interface PageState {
  violations: Violation[]
  errors: string[]
  documents: Map<string, string>
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
    const chromium = await launchChromium({ executablePath: found.path, args: chromiumArgs() })
    return new BrowserSession(undefined, found.path, options, chromium)
  }

  /** The running browser: a dead one is closed and replaced first (once, for every caller). */
  private async alive(): Promise<Browser> {
    const current = this.chromium
    if (!current?.death) return this.browser
    this.relaunching ??= (async () => {
      await current.close()
      this.options.logger?.warn(`the browser ${current.death}; starting a new one`)
      this.chromium = await launchChromium({ executablePath: this.executablePath, args: chromiumArgs() })
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
      const state = await this.confine(page)
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
    state.documents.set(id, html)
    if (options.viewport) await page.setViewport({ deviceScaleFactor: 1, ...options.viewport })
    const url = `${VIRTUAL_ORIGIN}/${encodeURIComponent(options.name)}?__huibao_doc=${id}`
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

  private async confine(page: Page): Promise<PageState> {
    const state: PageState = {
      violations: [],
      errors: [],
      documents: new Map(),
    }
    this.pageState.set(page, state)
    await page.setRequestInterception(true)
    page.on('request', (request) => {
      this.answer(request, state).catch((error: unknown) => {
        state.errors.push(String(error))
        request.abort('failed').catch(() => undefined)
      })
    })
    page.on('pageerror', (error) => state.errors.push(error instanceof Error ? error.message : String(error)))
    page.on('console', (message) => {
      // Chromium refuses file:// loads from an https page before interception sees them.
      const text = message.text()
      const local = /Not allowed to load local resource: (\S+)/.exec(text)
      if (local?.[1]) {
        state.violations.push({
          url: local[1],
          resourceType: 'file',
          initiator: page.url(),
          reason: 'file outside the project',
        })
      }
    })
    // Pages never open windows or download anything while we print them.
    page.on('popup', (popup) => {
      popup?.close().catch(() => undefined)
    })
    return state
  }

  private async answer(request: HTTPRequest, state: PageState): Promise<void> {
    const url = request.url()
    if (url.startsWith('data:') || url.startsWith('blob:')) return request.continue()
    const initiator = request.initiator()?.url ?? request.frame()?.url() ?? 'the page'
    const refuse = (reason: string) => {
      state.violations.push({
        url,
        resourceType: request.resourceType(),
        initiator,
        reason,
      })
      return request.abort('blockedbyclient')
    }
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      return refuse('not a valid URL')
    }
    if (parsed.origin !== VIRTUAL_ORIGIN) return refuse('network access is not allowed')
    const doc = parsed.searchParams.get('__huibao_doc')
    if (doc !== null) {
      const html = state.documents.get(doc)
      if (html === undefined) return refuse('unknown document')
      return request.respond({
        status: 200,
        contentType: MIME['.html'],
        body: html,
      })
    }
    // Chromium asks for a favicon on its own; that is not the document's doing.
    if (parsed.pathname === '/favicon.ico') return request.respond({ status: 404, body: '' })
    const file = await this.resolveFile(parsed.pathname)
    if (!file) return refuse('not a file of the project')
    let body: Buffer | undefined
    try {
      body = await safeReadFile(file, { roots: this.roots })
    } catch (error) {
      // A pipe, a device or an oversized file named by a template or theme is refused, not served.
      if (error instanceof UnsafeFileError && !isMissingFile(error)) return refuse(error.reason)
    }
    if (!body)
      return request.respond({
        status: 404,
        contentType: 'text/plain',
        body: 'not found',
      })
    return request.respond({
      status: 200,
      contentType: MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
      body,
    })
  }

  /** Maps a URL path to a file inside an allowed folder, or undefined. Symlinks are followed first. */
  private async resolveFile(pathname: string): Promise<string | undefined> {
    let path: string
    try {
      path = decodeURIComponent(pathname)
    } catch {
      return undefined
    }
    if (path.includes('\0')) return undefined
    const modules = /^\/__modules\/((?:@[^/]+\/)?[^/]+)\/(.+)$/.exec(path)
    if (modules) {
      const [, pkg, sub] = modules
      if (!pkg || !sub || !(SERVED_PACKAGES as readonly string[]).includes(pkg)) return undefined
      return within(packageDir(pkg), sub)
    }
    for (const root of this.roots) {
      const hit = await within(root, path.replace(/^\/+/, ''))
      if (hit) return hit
    }
    return undefined
  }
}

/** Resolves sub inside root, refusing anything that escapes it (also through symlinks). */
async function within(root: string, sub: string): Promise<string | undefined> {
  const candidate = resolve(root, sub)
  const real = await realpath(candidate).catch(() => undefined)
  const realRoot = await realpath(root).catch(() => root)
  if (!real) return undefined
  const rel = relative(realRoot, real)
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return undefined
  return real
}

function confinementError(violations: Violation[]): ConfinementError {
  return new ConfinementError(
    `the page tried to load ${violations.length} resource(s) from outside the project`,
    {
      problems: violations.map((v) => ({
        message: `${v.reason}: ${v.url} (a ${v.resourceType} requested by ${v.initiator})`,
      })),
      hint: 'report texts are shown literally and may not load anything; templates and themes may load only project files and data: URIs',
    },
  )
}

export function chromiumArgs(): string[] {
  const args = [
    '--disable-gpu',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--disable-dev-shm-usage',
    // Pages of the pool print side by side; none of them is "in front", and Chromium would otherwise
    // throttle the timers and frames of the others (screenshots and prints then stall for minutes).
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
    '--disable-renderer-backgrounding',
    // Hinting changes glyph advances with the output size; off, text measures the same on screen and paper.
    '--font-render-hinting=none',
  ]
  // Chromium refuses to start its sandbox as root (containers, CI).
  if (process.getuid?.() === 0 || process.env.HUIBAO_NO_SANDBOX === '1') args.push('--no-sandbox')
  return args
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
