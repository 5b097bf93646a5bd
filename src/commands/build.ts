// `huibao build [report]`: options from the command line -> build() -> a summary, output/index.html,
// and one error listing every edition that failed (the others are still built).
import { relative } from 'node:path'
import pc from 'picocolors'
import { launchForReport } from '../browser/session.js'
import { ExitCode, formatLocation, type Problem, ReportError } from '../errors.js'
import { writeIndexPage } from '../export/index-page.js'
import { isOutputKind, OUTPUT_KINDS, type OutputKind } from '../export/outputs.js'
import type { Logger } from '../log/logger.js'
import type { BuildResult } from '../pipeline.js'
import type { BuildEvent } from '../progress/events.js'

export interface BuildCommandOptions {
  edition?: string[]
  all?: boolean
  formats?: string
  theme?: string
  out?: string
  bleed?: boolean
  browser?: string
  cache?: boolean
  /** editions built at once (huibao.config.yaml or --concurrency) */
  concurrency?: number
  /** how long a page may take to get ready, in ms (huibao.config.yaml's timeout) */
  timeoutMs?: number
  /** one JSON object per event on stdout, then a summary (src/progress/views.ts) */
  json?: boolean
  logger: Logger
}

export class UsageError extends ReportError {
  override readonly exitCode = ExitCode.usage
}

export function parseFormats(value: string | undefined): OutputKind[] | undefined {
  if (!value) return undefined
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
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
  if (options.theme) {
    const { availableThemes } = await import('../render/deck.js')
    const themes = await availableThemes(process.cwd())
    if (!themes.includes(options.theme)) {
      throw new UsageError(`unknown theme "${options.theme}" in --theme`, {
        hint: `themes are: ${themes.join(', ')}`,
      })
    }
  }
  // Chromium starts while the pipeline's modules load (they take a good part of a second).
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
    browser: options.browser,
    cache: options.cache,
    concurrency: options.concurrency,
    onEvent,
    logger,
  })
  const index = await writeIndexPage(result, { outDir: options.out ?? 'output' })
  return { result, index }
}

/** The summary lines, then one error listing every edition that failed. */
function finishBuild(result: BuildResult, logger: Logger): number {
  printSummary(result, logger)
  const failed = result.editions.filter((e) => e.error)
  if (failed.length > 0) {
    const problems: Problem[] = failed.flatMap((e) => {
      const err = e.error as ReportError
      const head: Problem = { location: err.location, message: `edition ${e.id}: ${err.message}` }
      return [head, ...err.problems, ...(err.hint ? [{ message: `hint: ${err.hint}` }] : [])]
    })
    throw new ReportError(`${failed.length} of ${result.editions.length} edition(s) failed`, { problems })
  }
  return ExitCode.ok
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
  // Counts only what built: "built 11 of 12 editions; 1 failed".
  const failed = result.editions.filter((e) => e.error).length
  const total = result.editions.length
  logger.info(
    `built ${total - failed} of ${total} edition${total === 1 ? '' : 's'}${failed ? `; ${failed} failed` : ''} in ${(result.ms / 1000).toFixed(1)} s`,
  )
}
