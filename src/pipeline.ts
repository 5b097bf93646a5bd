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
import {
  BrowserCrashError,
  fromSystemError,
  InternalError,
  isReportError,
  type ReportError,
  UsageError,
} from './errors.js'
import { writeEditionManifest } from './export/index-page.js'
import {
  type BuiltFile,
  OUTPUT_KINDS,
  type OutputKind,
  type OutputSpec,
  type PptxMode,
  planOutputs,
} from './export/outputs.js'
import type { PrintOptions } from './export/print-options.js'
import type { Logger } from './log/logger.js'
import { listEditions, loadEdition } from './merge/index.js'
import type { BuildEventSink } from './progress/events.js'
import { renderDeck } from './render/deck.js'
import { type Shard, shareOf } from './utils/shard.js'

export interface BuildOptions {
  /** report folder, e.g. data/<report> */
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
  /** deck.pptx as native PowerPoint objects (default) or slide pictures */
  pptx?: PptxMode
  /** build only this share of the editions (`--shard k/n`) */
  shard?: Shard
  /** how many editions are built at once (default 3) */
  concurrency?: number
  /** receives progress events (src/progress/): editions and outputs as they start and finish */
  onEvent?: BuildEventSink
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
  const chosen = options.all
    ? [base.report.id, ...(await listEditions(base.dir))]
    : options.editions && options.editions.length > 0
      ? options.editions
      : [base.report.id]
  const ids = options.shard ? shareOf(chosen, options.shard) : chosen

  await checkEditionIds(ids, base).catch(async (error: unknown) => {
    await closeOwn()
    throw error
  })
  const outputs = planOutputs(options.formats)
  options.onEvent?.({
    type: 'start',
    report: base.report.id,
    editions: ids,
    outputs: outputs.map((o) => o.kind),
  })
  const ctx: BuildContext = { projectRoot, logger, session, cache: options.cache ?? true }
  try {
    const job: EditionJob = { base, outRoot, reportId: base.report.id, outputs, options, ctx }
    const results = await mapLimit(ids, options.concurrency ?? 3, async (id) => {
      const first = await buildEdition(id, job)
      // A browser that crashed or hung has been replaced: the edition gets one more try in the new one.
      if (!(first.error instanceof BrowserCrashError)) return first
      logger.warn(`${id}: ${first.error.message}; building it again in a new browser`)
      return buildEdition(id, job)
    })
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
  const emit = options.onEvent ?? (() => undefined)
  emit({ type: 'edition-start', edition: id })
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
    const input = {
      edition,
      ctx,
      deck,
      bleed: options.bleed ?? false,
      pptx: options.pptx ?? 'native',
      print: options.print ?? {},
    }
    const record = (built: BuiltFile) => {
      result.files.push(built)
      ctx.logger.info(`  ${id}: ${built.kind} ${Math.round(built.ms)} ms`)
    }
    const runOne = async (spec: OutputSpec) => {
      const t0 = performance.now()
      emit({ type: 'output-start', edition: id, output: spec.kind })
      const file = await spec.run(input)
      const built = { kind: spec.kind, ...file, ms: performance.now() - t0 }
      record(built)
      emit({
        type: 'output-done',
        edition: id,
        output: spec.kind,
        path: built.path,
        pages: built.pages,
        ms: built.ms,
      })
    }
    if (measuring) await runOne(measuring)
    await Promise.all(job.outputs.filter((o) => o !== measuring && !o.after).map(runOne))
    await Promise.all(job.outputs.filter((o) => o !== measuring && o.after).map(runOne))
    result.files.sort((a, b) => OUTPUT_KINDS.indexOf(a.kind) - OUTPUT_KINDS.indexOf(b.kind))
    // what `huibao index` reads back: which edition this folder holds, from what is on disk alone
    await writeEditionManifest(outDir, {
      id,
      name: result.name,
      report: job.reportId,
      title: edition.report.meta.title,
    })
  } catch (error) {
    result.error = isReportError(error)
      ? error
      : (fromSystemError(error) ??
        new InternalError(`edition ${id} failed: ${(error as Error)?.message ?? String(error)}`, {
          cause: error,
        }))
  }
  result.ms = performance.now() - started
  if (result.error) {
    const { message, location, problems } = result.error
    emit({
      type: 'edition-failed',
      edition: id,
      name: result.name,
      ms: result.ms,
      error: { message, location, problems },
    })
  } else emit({ type: 'edition-done', edition: id, name: result.name, ms: result.ms })
  return result
}

/** Edition ids named on the command line that the report does not have: a usage error, before any work. */
async function checkEditionIds(ids: readonly string[], base: LoadedReport): Promise<void> {
  const known = [base.report.id, ...(await listEditions(base.dir))]
  const unknown = ids.filter((id) => !known.includes(id))
  if (unknown.length > 0) {
    throw new UsageError(`unknown edition ${unknown.map((u) => `"${u}"`).join(', ')} in --edition`, {
      hint: `editions of ${base.report.id}: ${known.join(', ')}`,
    })
  }
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
