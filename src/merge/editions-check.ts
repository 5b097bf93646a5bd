// `huibao validate` checks every edition of a report and reports all their problems at once
// (each with file:line) instead of stopping at the first edition that fails.
import type { LoadedReport } from '../data/load.js'
import { loadReport } from '../data/load.js'
import { isReportError, type Problem } from '../errors.js'
import type { Logger } from '../log/logger.js'
import { findProjectRoot, loadEdition } from './edition.js'
import { listEditions } from './edition-files.js'
import type { EditionOptions } from './edition-types.js'

export interface EditionsCheckResult {
  problems: Problem[]
  summary?: string
}

/**
 * Loads and checks every edition of a report; returns all problems (each with file:line) instead
 * of stopping at the first edition that fails. For `huibao validate`.
 */
export async function validateEditions(
  reportDir: string,
  options: EditionOptions = {},
): Promise<EditionsCheckResult> {
  const base = options.base ?? (await loadReport(reportDir, { logger: options.logger }))
  const projectRoot = options.projectRoot ?? (await findProjectRoot(base.dir))
  const problems: Problem[] = []
  let ids: string[]
  try {
    ids = await listEditions(base.dir)
  } catch (error) {
    if (!isReportError(error)) throw error
    return { problems: [{ location: error.location, message: error.message }] }
  }
  let valid = 0
  for (const id of ids) {
    try {
      await loadEdition(base.dir, id, { ...options, base, projectRoot })
      valid++
    } catch (error) {
      if (!isReportError(error)) throw error
      problems.push({ location: error.location, message: `edition ${id}: ${error.message}` })
      problems.push(...error.problems)
    }
  }
  const summary =
    ids.length === 0 ? undefined : `${valid} of ${ids.length} edition${ids.length === 1 ? '' : 's'}`
  return { problems, summary }
}

/**
 * validateEditions in the shape of a `huibao validate` check (ReportCheck in commands/validate.ts):
 * add it to defaultReportChecks.
 */
export async function editionsCheck(
  loaded: LoadedReport,
  context: { logger: Logger },
): Promise<EditionsCheckResult> {
  return validateEditions(loaded.dir, { base: loaded, logger: context.logger })
}
