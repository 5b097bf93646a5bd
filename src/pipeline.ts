// build(): the stages, called in the order they run; each returns its result here.
//
//   1. load       loadReport       src/data/         the report's YAML, every value with its file:line
//   2. validate                    src/data/         schema and report rules, every problem at once
//                                                    (one call: a report is never used unvalidated)
//      editions   chooseEditions   src/merge/        the report, --edition ids or --all; --shard
//   3. merge      loadEdition      src/merge/        an edition's overlay over the report
//   4. templates  draftDeck        src/render/       Handlebars -> Marp Markdown, charts as placeholders
//      charts     renderCharts     src/charts/       Vega-Lite -> SVG, measured with the page's fonts
//   5. slides     draft.finish     src/render/       the charts put in; Marp -> slides (HTML)
//                 checkOverflow    src/render/       every slide measured; one that overflows fails
//   6. outputs    runOutputs       src/export/       deck.html, PDFs, PPTX, handouts, one Chromium
//
// The handouts draw their own charts at print size and run their own templates inside stage 6
// (src/export/handout-pdf.ts): they are laid out in pages that must be measured in the browser.
// `--keep` writes what stages 4-6 made (Markdown, HTML, SVG) to <edition>/intermediate/.
import { mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { type BrowserSession, launchForReport } from './browser/session.js'
import { renderCharts } from './charts/index.js'
import type { BuildContext, Edition } from './context.js'
import { type LoadedReport, loadReport } from './data/load.js'
import {
  BrowserCrashError,
  fromSystemError,
  InternalError,
  isReportError,
  type ReportError,
} from './errors.js'
import { writeEditionManifest } from './export/index-page.js'
import { keepDeck } from './export/intermediates.js'
import {
  type BuiltFile,
  type OutputKind,
  type OutputSpec,
  type PptxMode,
  planOutputs,
} from './export/outputs.js'
import type { PrintOptions } from './export/print-options.js'
import { runOutputs } from './export/run-outputs.js'
import type { Logger } from './log/logger.js'
import { chooseEditions } from './merge/choose-editions.js'
import { loadEdition } from './merge/index.js'
import type { BuildEventSink } from './progress/events.js'
import { draftDeck, type RenderedDeck } from './render/deck.js'
import { checkOverflow } from './render/overflow.js'
import { mapLimit } from './utils/map-limit.js'
import type { Shard } from './utils/shard.js'

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
  /** also write the files between the stages to <edition>/intermediate/ (`--keep`) */
  keep?: boolean
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

  // 1-2. Load and validate the report: every edition builds on it, so a broken base stops here.
  let base: LoadedReport
  try {
    base = await loadReport(reportPath, { logger })
    logger.debug(`loaded and validated ${base.displayFile} at ${elapsed(started)}`)
  } catch (error) {
    await closeOwn()
    throw error
  }
  // The editions merge and run their deck templates while the browser may still be starting; each
  // waits for it only where it needs it (charts, outputs).
  const context: Promise<BuildContext> = sessionReady.then((session) => {
    logger.debug(`browser ready at ${elapsed(started)}`)
    return { projectRoot, logger, session, cache: options.cache ?? true }
  })
  context.catch(() => undefined)

  // Which editions: the report itself, the named ones, or all of them; this runner's share.
  const ids = await chooseEditions(base, options).catch(async (error: unknown) => {
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
  try {
    const job: EditionJob = {
      base,
      outRoot,
      reportId: base.report.id,
      outputs,
      options,
      projectRoot,
      context,
    }
    const results = await mapLimit(ids, options.concurrency ?? 3, async (id) => {
      const first = await buildEdition(id, job)
      // A browser that crashed or hung has been replaced: the edition gets one more try in the new one.
      if (!(first.error instanceof BrowserCrashError)) return first
      logger.warn(`${id}: ${first.error.message}; building it again in a new browser`)
      return buildEdition(id, job)
    })
    // A browser that never started failed every edition alike: said once, as the build's error.
    await context
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
  projectRoot: string
  /** the build context, once the browser is ready */
  context: Promise<BuildContext>
}

/** Builds one edition; a failure is returned, not thrown, so that the other editions go on. */
async function buildEdition(id: string, job: EditionJob): Promise<EditionBuild> {
  const started = performance.now()
  const { options, projectRoot } = job
  const logger = options.logger
  const outDir = join(job.outRoot, job.reportId, id)
  const result: EditionBuild = { id, name: id, outDir, files: [], ms: 0 }
  const emit = options.onEvent ?? (() => undefined)
  emit({ type: 'edition-start', edition: id })
  // a browser that did not start is the build's failure, not this edition's
  let browserFailed: { error: unknown } | undefined
  try {
    // 3. Merge the edition's overlay over the report (the report's own edition has none).
    const loaded = await loadEdition(job.base.dir, id, { projectRoot, base: job.base, logger })
    const edition: Edition = {
      ...loaded,
      outDir,
      theme: options.theme ? { ...loaded.theme, name: options.theme } : loaded.theme,
    }
    result.name = edition.report.presentation?.edition ?? id
    await mkdir(outDir, { recursive: true })

    // 4-5. The deck, once for every deck output: its templates, its charts, then Marp. Every
    // slide is measured for overflow before any file is written: here, or by the output that loads
    // the deck at slide size anyway (deck.pdf), which then runs first.
    const draft = job.outputs.some((o) => o.needsDeck) ? await draftDeck(edition, { projectRoot }) : undefined
    const ctx = await job.context.catch((error: unknown) => {
      browserFailed = { error }
      throw error
    })
    const editionCtx: BuildContext = options.keep ? { ...ctx, keep: outDir } : ctx
    let deck: RenderedDeck | undefined
    if (draft) {
      const charts = await renderCharts(draft.chartUses, edition, editionCtx)
      deck = draft.finish(charts)
      if (options.keep) await keepDeck(outDir, deck, charts.values())
      if (!job.outputs.some((o) => o.checksOverflow)) await checkOverflow(deck, editionCtx)
      ctx.logger.debug(`${id}: deck rendered, ${deck.slides.length} slides, in ${elapsed(started)}`)
    }

    // 6. Outputs.
    const input = {
      edition,
      ctx: editionCtx,
      deck,
      bleed: options.bleed ?? false,
      pptx: options.pptx ?? 'native',
      print: options.print ?? {},
    }
    result.files = await runOutputs(job.outputs, input, {
      started: (spec) => emit({ type: 'output-start', edition: id, output: spec.kind }),
      finished: (built) => {
        ctx.logger.info(`  ${id}: ${built.kind} ${Math.round(built.ms)} ms`)
        emit({
          type: 'output-done',
          edition: id,
          output: built.kind,
          path: built.path,
          pages: built.pages,
          ms: built.ms,
        })
      },
    })
    // what `huibao index` reads back: which edition this folder holds, from what is on disk alone
    await writeEditionManifest(outDir, {
      id,
      name: result.name,
      report: job.reportId,
      title: edition.report.meta.title,
    })
  } catch (error) {
    if (browserFailed) throw browserFailed.error
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

function elapsed(since: number): string {
  return `${Math.round(performance.now() - since)} ms`
}
