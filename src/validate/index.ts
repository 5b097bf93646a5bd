// `huibao validate` checks everything a build would check before the browser starts, each problem
// with its file:line: the base edition's locale strings and placeholders, the number coverage, the
// templates and partials, the charts, and the published text (source.txt). The editions' own
// checks run beside these (editionsCheck in src/merge/), all in one pass.
import { isReportError, type Problem } from '../errors.js'
import { findProjectRoot, loadEdition } from '../merge/edition.js'
import { chartProblems } from './charts.js'
import type { ReportCheck } from './check.js'
import { numberCoverageProblems } from './numbers.js'
import { sourceProblems } from './source.js'
import { templateSetProblems } from './templates.js'

/** The report's own checks (its editions are checked by editionsCheck). */
export const buildChecks: ReportCheck = async (loaded, { logger }) => {
  const projectRoot = await findProjectRoot(loaded.dir)
  const problems: Problem[] = []
  problems.push(...numberCoverageProblems(loaded.report, loaded.locate))
  problems.push(...(await sourceProblems(loaded.report, loaded.dir)))
  problems.push(...(await templateSetProblems(loaded.report, loaded.dir, projectRoot)))
  try {
    const edition = await loadEdition(loaded.dir, loaded.report.id, { base: loaded, projectRoot, logger })
    problems.push(...(await chartProblems(edition, projectRoot)))
  } catch (error) {
    if (!isReportError(error)) throw error
    problems.push({ location: error.location, message: error.message }, ...error.problems)
  }
  return { problems }
}
