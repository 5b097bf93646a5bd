// `huibao build [report]`: options from the command line -> build() -> a summary, output/index.html,
// and one error listing every edition that failed (the others are still built).
import { relative } from 'node:path'
import pc from 'picocolors'
import { launchForReport } from '../browser/session.js'
import { BuildFailedError, BuildTimeoutError, ExitCode, formatLocation, UsageError } from '../errors.js'
import { exitCodeFor } from '../exit-codes.js'
import { writeOutputIndex } from '../export/index-page.js'
import { isOutputKind, OUTPUT_KINDS, type OutputKind, PPTX_MODES, type PptxMode } from '../export/outputs.js'
import type { Logger } from '../log/logger.js'
import type { BuildResult } from '../pipeline.js'
import type { BuildEvent } from '../progress/events.js'
import { parseShard } from '../utils/shard.js'
import { runCleanups } from '../utils/shutdown.js'

export interface BuildCommandOptions {
  edition?: string[]
  all?: boolean
  formats?: string
  theme?: string
  out?: string
  bleed?: boolean
  mono?: boolean
  pad4?: boolean
  paragraphNumbers?: boolean
  browser?: string
  cache?: boolean
  /** editions built at once (huibao.config.yaml or --concurrency) */
  concurrency?: number
  /** --keep: also write the files between the stages */
  keep?: boolean
  /** how long a page may take to get ready, in ms (huibao.config.yaml's timeout) */
  timeoutMs?: number
  /** Longest the whole build may take, in minutes (--build-timeout). */
  buildTimeout?: string
  /** native | images */
  pptx?: string
  /** k/n: build only the k-th of n shares of the editions */
  shard?: string
  /** --debug: also say which file serves each template, locale, theme and chart */
  debug?: boolean
  /** one JSON object per event on stdout, then a summary (src/progress/views.ts) */
  json?: boolean
  logger: Logger
}

export { UsageError }

export function parseFormats(value: string | undefined): OutputKind[] | undefined {
  if (value === undefined) return undefined
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  if (list.length === 0) {
    throw new UsageError('--formats names no output', { hint: `formats are: ${OUTPUT_KINDS.join(', ')}` })
  }
  const unknown = list.filter((f) => !isOutputKind(f))
  if (unknown.length > 0) {
    throw new UsageError(`unknown format ${unknown.map((u) => `"${u}"`).join(', ')} in --formats`, {
      hint: `formats are: ${OUTPUT_KINDS.join(', ')}`,
    })
  }
  return list as OutputKind[]
}

export async function buildCommand(report: string, options: BuildCommandOptions): Promise<number> {
  // A live view on a terminal, plain lines elsewhere, JSON lines with --json.
  const { createProgressView, progressKind } = await import('../progress/views.js')
  const view = await createProgressView(progressKind(options.json), options.logger)
  let built: { result: BuildResult; index: string }
  try {
    built = await buildAndReport(report, { ...options, logger: view.logger }, view.event)
  } catch (error) {
    view.finish(undefined, error)
    throw error
  }
  view.finish(built.result)
  options.logger.info(`index: ${relative(process.cwd(), built.index)}`)
  return finishBuild(built.result, options.logger)
}

async function buildAndReport(
  report: string,
  options: BuildCommandOptions,
  onEvent: (event: BuildEvent) => void,
): Promise<{ result: BuildResult; index: string }> {
  const { logger } = options
  const formats = parseFormats(options.formats)
  const shard = options.shard === undefined ? undefined : parseShard(options.shard)
  if (shard?.problem) throw new UsageError(`--shard ${shard.problem}`, { hint: 'e.g. --all --shard 2/4' })
  const pptx = options.pptx ?? 'native'
  if (!(PPTX_MODES as readonly string[]).includes(pptx)) {
    throw new UsageError(`unknown mode "${pptx}" in --pptx`, { hint: `modes are: ${PPTX_MODES.join(', ')}` })
  }
  if (options.theme) {
    const { availableThemes } = await import('../themes/find.js')
    const themes = await availableThemes(process.cwd(), report)
    if (!themes.includes(options.theme)) {
      throw new UsageError(`unknown theme "${options.theme}" in --theme`, {
        hint: `themes are: ${themes.join(', ')}`,
      })
    }
  }
  if (options.debug) {
    const { resourceLines } = await import('../resource-list.js')
    for (const line of await resourceLines(report)) logger.debug(line)
  }
  // Chromium starts while the pipeline's modules load (they take a good part of a second).
  stopAfter(parsePositive(options.buildTimeout, '--build-timeout') ?? DEFAULT_BUILD_MINUTES, logger)
  const launching = launchForReport(process.cwd(), report, options.browser, options.timeoutMs)
  launching.catch(() => undefined)
  const { build } = await import('../pipeline.js')
  const result = await build({
    launching,
    report,
    editions: options.edition,
    all: options.all,
    formats,
    theme: options.theme,
    outDir: options.out,
    bleed: options.bleed,
    print: { mono: options.mono, pad4: options.pad4, paragraphNumbers: options.paragraphNumbers },
    browser: options.browser,
    cache: options.cache,
    concurrency: options.concurrency,
    keep: options.keep,
    pptx: pptx as PptxMode,
    ...(shard?.shard ? { shard: shard.shard } : {}),
    onEvent,
    logger,
  })
  // every build ends with the index over everything in output/, this build's editions and all others
  const index = await writeOutputIndex(options.out ?? 'output')
  return { result, index }
}

/** The summary lines, then one error listing every edition that failed. */
function finishBuild(result: BuildResult, logger: Logger): number {
  printSummary(result, logger)
  const failed = result.editions.filter((e) => e.error)
  if (failed.length > 0) {
    // Each edition keeps its own error: the exit code is the most serious of them (cli.ts).
    throw new BuildFailedError(
      `${failed.length} of ${result.editions.length} edition${result.editions.length === 1 ? '' : 's'} failed`,
      failed.map((e) => ({ id: e.id, error: e.error as Error })),
    )
  }
  return ExitCode.ok
}

/** Longest a whole build may take by default: every edition and output of a large report on 2 cores. */
const DEFAULT_BUILD_MINUTES = 60

function parsePositive(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} takes a positive number, not "${value}"`)
  return n
}

/** The build's time limit: past it, the browser is closed, temp files removed, and huibao exits 3. */
function stopAfter(minutes: number, logger: Logger): void {
  const timer = setTimeout(() => {
    const error = new BuildTimeoutError(`the build took longer than ${minutes} min (--build-timeout)`)
    logger.warn(`${error.message}; stopping`)
    runCleanups().finally(() => process.exit(exitCodeFor(error)))
  }, minutes * 60_000)
  timer.unref()
}

function printSummary(result: BuildResult, logger: Logger): void {
  for (const e of result.editions) {
    const mark = e.error ? pc.red('✗') : pc.green('✓')
    const files = e.files.map((f) => `${f.kind}${f.pages ? ` (${f.pages})` : ''}`).join(', ')
    const where = e.error?.location ? ` at ${formatLocation(e.error.location)}` : ''
    logger.info(
      `${mark} ${e.id} ${e.name}: ${e.error ? `failed${where}` : files} in ${(e.ms / 1000).toFixed(1)} s`,
    )
  }
  const total = result.editions.length
  const failed = result.editions.filter((e) => e.error).length
  const noun = total === 1 ? 'edition' : 'editions'
  logger.info(
    `built ${total - failed} of ${total} ${noun}${failed ? `; ${failed} failed` : ''} in ${(result.ms / 1000).toFixed(1)} s`,
  )
}
