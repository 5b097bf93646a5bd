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
  const launching = launchForReport(process.cwd(), report, options.browser)
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
    logger,
  })
  const index = await writeIndexPage(result, { outDir: options.out ?? 'output' })
  printSummary(result, logger)
  logger.info(`index: ${relative(process.cwd(), index)}`)
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
  logger.info(`built ${result.editions.length} edition(s) in ${(result.ms / 1000).toFixed(1)} s`)
}
