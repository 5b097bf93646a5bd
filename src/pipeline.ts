// build(): the numbered stage sequence, nothing else. Each stage lives in its own module:
//   1. load      src/data/load.ts      YAML with positions -> values
//   2. validate  src/data/validate.ts  schema + semantic checks, every problem with file:line
//   3. merge     src/merge/            edition overlay over the city's report, with provenance
//   4. chart     src/charts/           Vega-Lite -> SVG, measured with the page's own fonts
//   5. template  src/render/           Handlebars -> Marp Markdown (deck) / print HTML (handouts)
//   6. render    src/render/deck.ts    Marp -> HTML; every slide measured for overflow
//   7. export    src/export/           deck.html, PDFs, PNG, PPTX through one shared Chromium
import { mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { type BrowserSession, launchForReport } from './browser/session.js'
import type { BuildContext, Edition } from './context.js'
import { type LoadedReport, loadReport } from './data/load.js'
import { isReportError, ReportError } from './errors.js'
import {
  type BuiltFile,
  OUTPUT_KINDS,
  type OutputKind,
  type OutputSpec,
  planOutputs,
} from './export/outputs.js'
import type { PrintOptions } from './export/print-options.js'
import type { Logger } from './log/logger.js'
import { listEditions, loadEdition } from './merge/index.js'
import { renderDeck } from './render/deck.js'

export interface BuildOptions {
  /** report folder, e.g. data/zhengzhou-2021 */
  report: string
  /** folder holding templates/ and themes/; pages may load only files below it (default: cwd) */
  projectRoot?: string
  /** edition ids to build (default: the city's report itself) */
  editions?: string[]
  /** build the report and every edition in data/<report>/editions/ */
  all?: boolean
  formats?: OutputKind[]
  /** theme name that overrides the data's */
  theme?: string
  /** output folder (default: <projectRoot>/output) */
  outDir?: string
  bleed?: boolean
  /** black and white, padding to 4 pages: the handout's print options */
  print?: PrintOptions
  /** browser executable (default: found by src/browser/find.ts) */
  browser?: string
  /** false: render every chart again */
  cache?: boolean
  logger: Logger
  /** an already running browser to use; the caller closes it (tests, benchmarks) */
  session?: BrowserSession
  /** a browser the caller started early (the CLI, while the pipeline's modules load); build() closes it */
  launching?: Promise<BrowserSession>
  /** how many editions are built at once (default 3) */
  concurrency?: number
}

export interface EditionBuild {
  id: string
  name: string
  outDir: string
  files: BuiltFile[]
  ms: number
  error?: ReportError
}

export interface BuildResult {
  reportId: string
  editions: EditionBuild[]
  ms: number
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now()
  const projectRoot = resolve(options.projectRoot ?? process.cwd())
  const outRoot = resolve(projectRoot, options.outDir ?? 'output')
  const { logger } = options

  // The browser starts while the data loads: neither needs the other, and both take a while.
  const reportPath = resolve(projectRoot, options.report)
  const sessionReady: Promise<BrowserSession> = options.session
    ? Promise.resolve(options.session)
    : (options.launching ?? launchForReport(projectRoot, reportPath, options.browser))
  // Handled now, awaited later: a browser that fails to start while the data loads is reported
  // once, after the data, instead of crashing the process as an unhandled rejection.
  sessionReady.catch(() => undefined)
  const ownSession = !options.session
  const closeOwn = async () => {
    if (ownSession) await (await sessionReady.catch(() => undefined))?.close()
  }

  // 1-2. Load and validate the city's report: every edition builds on it, so a broken base stops here.
  let base: LoadedReport
  let session: BrowserSession
  try {
    base = await loadReport(reportPath, { logger })
    logger.debug(`loaded and validated ${base.displayFile} at ${elapsed(started)}`)
    session = await sessionReady
    logger.debug(`browser ready at ${elapsed(started)}`)
  } catch (error) {
    await closeOwn()
    throw error
  }

  // 3. Which editions: the report itself, the named ones, or all of them.
  const ids = options.all
    ? [base.report.id, ...(await listEditions(base.dir))]
    : options.editions && options.editions.length > 0
      ? options.editions
      : [base.report.id]

  const outputs = planOutputs(options.formats)
  const ctx: BuildContext = { projectRoot, logger, session, cache: options.cache ?? true }
  try {
    const results = await mapLimit(ids, options.concurrency ?? 3, (id) =>
      buildEdition(id, { base, outRoot, reportId: base.report.id, outputs, options, ctx }),
    )
    return { reportId: base.report.id, editions: results, ms: performance.now() - started }
  } finally {
    await closeOwn()
  }
}

interface EditionJob {
  base: LoadedReport
  outRoot: string
  reportId: string
  outputs: OutputSpec[]
  options: BuildOptions
  ctx: BuildContext
}

/** Builds one edition; a failure is returned, not thrown, so that the other editions go on. */
async function buildEdition(id: string, job: EditionJob): Promise<EditionBuild> {
  const started = performance.now()
  const { ctx, options } = job
  const outDir = join(job.outRoot, job.reportId, id)
  const result: EditionBuild = { id, name: id, outDir, files: [], ms: 0 }
  try {
    // 3. Merge the edition's overlay over the city's data (the city's own edition has none).
    const loaded = await loadEdition(job.base.dir, id, {
      projectRoot: ctx.projectRoot,
      base: job.base,
      logger: ctx.logger,
    })
    const edition: Edition = {
      ...loaded,
      outDir,
      theme: options.theme ? { ...loaded.theme, name: options.theme } : loaded.theme,
    }
    result.name = edition.report.presentation?.edition ?? id
    await mkdir(outDir, { recursive: true })

    // 4-6. Charts, templates and Marp render once for every deck output. Every slide is measured
    // for overflow before any file is written: by renderDeck, or by the output that loads the deck
    // at slide size anyway (deck.pdf), which then runs first.
    const measuring = job.outputs.find((o) => o.checksOverflow)
    const deck = job.outputs.some((o) => o.needsDeck)
      ? await renderDeck(edition, ctx, { checkOverflow: !measuring })
      : undefined
    if (deck) ctx.logger.debug(`${id}: deck rendered, ${deck.slides.length} slides, in ${elapsed(started)}`)

    // 7. Exports: the independent ones side by side on the page pool, then those that read them.
    const input = { edition, ctx, deck, bleed: options.bleed ?? false, print: options.print ?? {} }
    const record = (built: BuiltFile) => {
      result.files.push(built)
      ctx.logger.info(`  ${id}: ${built.kind} ${Math.round(built.ms)} ms`)
    }
    const runOne = async (spec: OutputSpec) => {
      const t0 = performance.now()
      const file = await spec.run(input)
      record({ kind: spec.kind, ...file, ms: performance.now() - t0 })
    }
    if (measuring) await runOne(measuring)
    await Promise.all(job.outputs.filter((o) => o !== measuring && !o.after).map(runOne))
    await Promise.all(job.outputs.filter((o) => o !== measuring && o.after).map(runOne))
    result.files.sort((a, b) => OUTPUT_KINDS.indexOf(a.kind) - OUTPUT_KINDS.indexOf(b.kind))
  } catch (error) {
    result.error = isReportError(error)
      ? error
      : new ReportError(`edition ${id} failed: ${(error as Error)?.message ?? String(error)}`, {
          cause: error,
        })
  }
  result.ms = performance.now() - started
  return result
}

function elapsed(since: number): string {
  return `${Math.round(performance.now() - since)} ms`
}

/** Runs fn over items with at most `limit` at a time, keeping the input order in the results. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
