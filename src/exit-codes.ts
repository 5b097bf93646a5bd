// The one table from error class to exit code, and the rule for a build in which editions failed
// in different ways (the most serious wins). The CLI exits with exitCodeFor(error); so does the
// build's own time limit (src/commands/build.ts). No other module chooses an exit code.
import {
  BuildFailedError,
  EnvironmentError,
  ExitCode,
  fromSystemError,
  InternalError,
  InterruptedError,
  isReportError,
  ReportError,
  UsageError,
} from './errors.js'
import { signalExitCode } from './utils/shutdown.js'

/**
 * The one table from error class to exit code: the first row the error is an instance of wins.
 * Anything that is not a ReportError (nor a file-system error, see fromSystemError) is a bug: 70.
 */
export const EXIT_CODES: readonly (readonly [abstract new (...args: never[]) => Error, ExitCode])[] = [
  [InternalError, ExitCode.internal],
  [UsageError, ExitCode.usage],
  [EnvironmentError, ExitCode.environment],
  [ReportError, ExitCode.invalidInput],
]

/** How serious each exit code is, for a build where editions failed in different ways. */
const SEVERITY: readonly number[] = [
  ExitCode.invalidInput,
  ExitCode.usage,
  ExitCode.environment,
  ExitCode.internal,
]

/** The exit code for an error: the table above, the worst edition of a build, 128 + n for a signal. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof InterruptedError) return signalExitCode(error.signal)
  if (error instanceof BuildFailedError) {
    const codes = error.failures.map((f) => exitCodeFor(f.error))
    return codes.reduce(
      (worst, c) => (SEVERITY.indexOf(c) > SEVERITY.indexOf(worst) ? c : worst),
      ExitCode.invalidInput,
    )
  }
  const known = isReportError(error) ? error : fromSystemError(error)
  if (!known) return ExitCode.internal
  return EXIT_CODES.find(([kind]) => known instanceof kind)?.[1] ?? ExitCode.internal
}
