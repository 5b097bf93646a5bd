// The shape of a check `huibao validate` runs after loading a report (the build's own checks in
// index.ts, the editions' in src/merge/). Here rather than in commands/validate.ts so that the
// checks, a lower layer, do not import the command that runs them.
import type { LoadedReport } from '../data/load.js'
import type { Problem } from '../errors.js'
import type { Logger } from '../log/logger.js'

export interface ReportCheckContext {
  logger: Logger
}

export interface ReportCheckResult {
  /** Problems found; an empty list means the check passed. */
  problems: Problem[]
  /** Added to the ✓ line when the report passes, e.g. "3 editions". */
  summary?: string
}

/**
 * A further check of a loaded, schema-valid report, e.g. its edition overlays
 * (data/<report>/editions/*.yaml). It returns problems rather than throwing them so that all
 * checks run; it may still throw a ReportError for a file it cannot read.
 */
export type ReportCheck = (loaded: LoadedReport, context: ReportCheckContext) => Promise<ReportCheckResult>
