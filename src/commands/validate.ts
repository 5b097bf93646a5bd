// `huibao validate [paths...]`: load and check each report (folder or YAML file), print one line per
// valid report, and throw every problem found (cli.ts prints them with file:line:column).

import { type LoadedReport, loadReport } from '../data/load.js'
import { allMetrics } from '../data/metrics.js'
import { DataValidationError, isReportError, type Problem, type ReportError } from '../errors.js'
import type { Logger } from '../log/logger.js'
import { editionsCheck } from '../merge/index.js'
import type { ReportCheck } from '../validate/check.js'
import { buildChecks } from '../validate/index.js'

export type { ReportCheck, ReportCheckContext, ReportCheckResult } from '../validate/check.js'

/**
 * Extension point: the checks every `huibao validate` runs after loading a report. The editions
 * code adds its overlay check here (e.g. `validateEditions` from ../merge/), or a caller passes
 * its own list in ValidateCommandOptions.checks.
 */
export const defaultReportChecks: readonly ReportCheck[] = [buildChecks, editionsCheck]

export interface ValidateCommandOptions {
  logger: Logger
  checks?: readonly ReportCheck[]
}

export interface ValidatePathResult {
  loaded: LoadedReport
  /** "8 sections, 34 keywords, 143 metrics" plus what the checks add. */
  summary: string
}

/** Loads, validates and checks one report path. Throws a ReportError listing every problem. */
export async function validateReportPath(
  reportPath: string,
  { logger, checks = defaultReportChecks }: ValidateCommandOptions,
): Promise<ValidatePathResult> {
  const loaded = await loadReport(reportPath, { logger })
  const { report } = loaded
  const keywords = report.sections.reduce((n, s) => n + s.keywords.length, 0)
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  const parts = [
    plural(report.sections.length, 'section'),
    plural(keywords, 'keyword'),
    plural(allMetrics(report).length, 'metric'),
  ]
  const problems: Problem[] = []
  for (const check of checks) {
    const result = await check(loaded, { logger })
    problems.push(...result.problems)
    if (result.summary) parts.push(result.summary)
  }
  if (problems.length > 0) {
    const n = problems.length
    throw new DataValidationError(`${loaded.displayFile}: ${n} problem${n === 1 ? '' : 's'}`, { problems })
  }
  return { loaded, summary: parts.join(', ') }
}

/** The problems of an error as one list: its own problems, or the error itself as a problem. */
function asProblems(error: ReportError): Problem[] {
  if (error.problems.length > 0) return error.problems
  return [
    { location: error.location, message: error.hint ? `${error.message} (${error.hint})` : error.message },
  ]
}

export async function validateCommand(paths: string[], options: ValidateCommandOptions): Promise<number> {
  const failures: ReportError[] = []
  for (const reportPath of paths) {
    try {
      const { loaded, summary } = await validateReportPath(reportPath, options)
      options.logger.info(`✓ ${loaded.displayFile}: ${summary}`)
    } catch (error) {
      if (!isReportError(error)) throw error
      failures.push(error)
    }
  }
  const [first] = failures
  if (first && failures.length === 1 && paths.length === 1) throw first
  if (failures.length > 0) {
    throw new DataValidationError(`${failures.length} of ${paths.length} reports have problems`, {
      problems: failures.flatMap((f) =>
        f.problems.length > 0 ? [{ message: f.message }, ...asProblems(f)] : asProblems(f),
      ),
    })
  }
  return 0
}
