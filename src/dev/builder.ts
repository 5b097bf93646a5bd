// What `huibao dev` rebuilds, and only that. The city's report is loaded once and kept until its
// report.yaml changes; each edition keeps its last good deck.html, its current problems and whether
// it is stale. A save marks stale only the editions it touches (an overlay touches its own edition;
// the report, templates, themes, charts and locales touch all), and only editions someone is looking
// at are rebuilt at once. A rebuild renders the deck's Markdown and HTML (charts come from the chart
// cache when unchanged); the slower overflow check follows once the page has its update, without
// holding up the next save's rebuild; the handout PDF is printed only when the handout view asks.
// Failures become problems, never throws.
import { mkdir, rm } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import type { BrowserSession } from '../browser/session.js'
import type { BuildContext, Edition } from '../context.js'
import { type LoadedReport, loadReport } from '../data/load.js'
import type { Logger } from '../log/logger.js'
import { listEditions, loadEdition } from '../merge/index.js'
import { type DeckParts, type DeckPatch, deckParts, deckPatch } from './deck-patch.js'
import { drawPages } from './handout-pages.js'
import { errorLines } from './problems.js'

export interface EditionView {
  id: string
  /** bumped each time a new deck.html is ready */
  version: number
  /** the last good deck.html; stays when a later save breaks something */
  html?: string
  /** `html` cut into slides, styles and data, to make the next patch from */
  parts?: DeckParts
  /** how the page on the version before goes to this one; no patch: load the deck whole */
  update?: { from: number; patch?: DeckPatch }
  slides?: number
  /** the CLI's lines for what is wrong now; empty when all is well */
  problems: string[]
  stale: boolean
  handout: {
    version: number
    file?: string
    /** pictures of the PDF's pages, `pagesDir`/1.png …; 0: none (the view shows the PDF) */
    pages: number
    pagesDir?: string
    stale: boolean
    problems: string[]
  }
}

export interface BuilderEvents {
  building(view: EditionView): void
  deck(view: EditionView): void
  problems(view: EditionView): void
  handout(view: EditionView, state: 'rebuilding' | 'ready' | 'failed'): void
}

export interface DevBuilderOptions {
  projectRoot: string
  reportDir: string
  session: BrowserSession
  logger: Logger
  /** where handout PDFs are written (a temporary folder) */
  outRoot: string
  events: BuilderEvents
}

const EDITION_FILE = /^editions[/\\]([a-z0-9][a-z0-9-]*)\.ya?ml$/i

export class DevBuilder {
  private base?: LoadedReport
  private readonly views = new Map<string, EditionView>()
  /** one rebuild at a time per edition; saves during a rebuild queue exactly one more */
  private readonly running = new Map<string, Promise<void>>()
  private readonly again = new Set<string>()
  private readonly waiters = new Map<string, (() => void)[]>()
  private readonly printing = new Map<string, Promise<EditionView>>()
  /** rebuilds started per edition: an overflow check reports only for the latest */
  private readonly attempts = new Map<string, number>()
  private stopped = false
  readonly reportDir: string

  constructor(private readonly options: DevBuilderOptions) {
    this.reportDir = resolve(options.reportDir)
  }

  /** The report's own edition first, then its overlays; [] while the report does not load. */
  async editionIds(): Promise<string[]> {
    const base = await this.loadBase().catch(() => undefined)
    if (!base) return []
    return [base.report.id, ...(await listEditions(base.dir).catch(() => []))]
  }

  view(id: string): EditionView {
    let view = this.views.get(id)
    if (!view) {
      view = {
        id,
        version: 0,
        problems: [],
        stale: true,
        handout: { version: 0, pages: 0, stale: true, problems: [] },
      }
      this.views.set(id, view)
    }
    return view
  }

  /**
   * The edition's deck for a page load: the current one when there is one (a rebuild under way
   * reaches the page as an event), else the next one, or its problems.
   */
  async deck(id: string): Promise<EditionView> {
    const view = this.view(id)
    if (view.html && !view.stale) return view
    const ready = new Promise<void>((resolve) =>
      this.waiters.set(id, [...(this.waiters.get(id) ?? []), resolve]),
    )
    if (!this.running.has(id)) void this.rebuild(id)
    await ready
    return view
  }

  /** Page loads waiting for a deck (or its problems) of this edition go on. */
  private settle(id: string): void {
    for (const resolve of this.waiters.get(id) ?? []) resolve()
    this.waiters.delete(id)
  }

  /** A file changed: marks stale what it touches and returns those edition ids. */
  changed(file: string): string[] {
    const inReport = relative(this.reportDir, resolve(file))
    const id = EDITION_FILE.exec(inReport)?.[1]
    const touched = id ? [id] : [...this.views.keys()]
    // The city's report: every edition builds on it, so it is loaded again.
    if (/^report\.ya?ml$/i.test(inReport)) this.base = undefined
    for (const t of touched) {
      this.view(t).stale = true
      this.view(t).handout.stale = true
    }
    return touched
  }

  /** Rebuilds the deck of one edition (one at a time per edition; saves meanwhile coalesce). */
  rebuild(id: string): Promise<void> {
    const current = this.running.get(id)
    if (current) {
      this.again.add(id)
      return current
    }
    const run = (async () => {
      do {
        this.again.delete(id)
        await this.renderOnce(id)
      } while (this.again.has(id))
    })().finally(() => this.running.delete(id))
    this.running.set(id, run)
    return run
  }

  private async loadBase(): Promise<LoadedReport> {
    this.base ??= await loadReport(this.reportDir, { logger: this.options.logger })
    return this.base
  }

  private context(): BuildContext {
    const { projectRoot, logger, session } = this.options
    return { projectRoot, logger, session, cache: true }
  }

  private async edition(id: string): Promise<Edition> {
    const base = await this.loadBase()
    const loaded = await loadEdition(base.dir, id, {
      projectRoot: this.options.projectRoot,
      base,
      logger: this.options.logger,
    })
    const outDir = join(this.options.outRoot, id)
    await mkdir(outDir, { recursive: true })
    return { ...loaded, outDir }
  }

  private async renderOnce(id: string): Promise<void> {
    const view = this.view(id)
    const { events } = this.options
    view.stale = false
    this.attempts.set(id, (this.attempts.get(id) ?? 0) + 1)
    events.building(view)
    try {
      const [{ renderDeck }, { renderDeckHtml }, { checkOverflow }] = await Promise.all([
        import('../render/deck.js'),
        import('../export/deck-html.js'),
        import('../render/overflow.js'),
      ])
      const started = performance.now()
      const lap = (what: string) =>
        this.options.logger.debug(`${id}: ${what} at ${Math.round(performance.now() - started)} ms`)
      const edition = await this.edition(id)
      lap('data loaded and merged')
      const ctx = this.context()
      const deck = await renderDeck(edition, ctx, { checkOverflow: false })
      lap('deck rendered')
      const html = await renderDeckHtml(deck, edition, ctx)
      lap('deck.html assembled')
      const parts = deckParts(html, deck.slides.length)
      const patch = parts && view.parts ? deckPatch(view.parts, parts) : undefined
      view.update = { from: view.version, patch }
      view.html = html
      view.parts = parts
      view.slides = deck.slides.length
      view.version++
      events.deck(view)
      this.settle(id)
      // The overflow check measures the slides in Chromium, a second or more on a busy machine. It
      // runs apart, so that a save meanwhile rebuilds at once; its answer counts only while no later
      // rebuild has started (that one's own check, or its problems, say what is true then).
      const attempt = this.attempts.get(id)
      void checkOverflow(deck, ctx).then(
        () => this.checked(view, attempt, []),
        (error: unknown) => this.checked(view, attempt, errorLines(error)),
      )
      return
    } catch (error) {
      view.problems = errorLines(error)
    }
    events.problems(view)
    this.settle(id)
  }

  /** The overflow check's answer, unless a later rebuild started or the server stopped. */
  private checked(view: EditionView, attempt: number | undefined, problems: string[]): void {
    if (this.stopped || this.attempts.get(view.id) !== attempt) return
    view.problems = problems
    this.options.events.problems(view)
  }

  /** No more events: the server is closing (checks still running end unheard). */
  stop(): void {
    this.stopped = true
  }

  /** The edition's handout.pdf, printed again first if stale (only when the handout view asks). */
  handout(id: string): Promise<EditionView> {
    // One print at a time per edition: a request meanwhile waits for it; a save meanwhile prints again.
    const current = this.printing.get(id)
    if (current) return current.then(() => this.handout(id))
    const run = this.printHandout(id).finally(() => this.printing.delete(id))
    this.printing.set(id, run)
    return run
  }

  private async printHandout(id: string): Promise<EditionView> {
    const view = this.view(id)
    if (!view.handout.stale && (view.handout.file || view.handout.problems.length > 0)) return view
    const { events } = this.options
    events.handout(view, 'rebuilding')
    view.handout.stale = false
    try {
      const { writeHandoutPdf } = await import('../export/handout-pdf.js')
      const edition = await this.edition(id)
      const built = await writeHandoutPdf(edition, this.context(), { kind: 'handout', bleed: false })
      const version = view.handout.version + 1
      const pagesDir = join(edition.outDir, `handout-pages-${version}`)
      view.handout.pages = await drawPages(built.path, pagesDir, this.options.logger)
      const before = view.handout.pagesDir
      view.handout.pagesDir = pagesDir
      view.handout.version = version
      view.handout.file = built.path
      // the pictures before stay a little while for a page still loading them
      if (before) setTimeout(() => void rm(before, { recursive: true, force: true }), 30_000).unref()
      view.handout.problems = []
      events.handout(view, 'ready')
    } catch (error) {
      view.handout.problems = errorLines(error)
      events.handout(view, 'failed')
    }
    return view
  }
}
