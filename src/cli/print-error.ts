// How an error reaches the terminal: its message at file:line:column, every problem found in the
// same pass, the hint, and the chain of causes as numbered lines; the stack only under --debug.
// Lines are clipped, so that a value quoted in a message never floods the terminal.
import pc from 'picocolors'
import {
  BuildFailedError,
  formatLocation,
  fromSystemError,
  isReportError,
  type ReportError,
} from '../errors.js'
import { exitCodeFor } from '../exit-codes.js'

/** Most characters of one printed line: a value quoted in a message never floods the terminal. */
const MAX_LINE = 400
/** Most problems printed for one error. */
const MAX_PROBLEMS = 100

export function clipLine(text: string): string {
  if (text.length <= MAX_LINE) return text
  return `${text.slice(0, MAX_LINE - 60)}… (${text.length - MAX_LINE + 60} more characters)`
}

/** Prints the error chain as numbered lines, then the innermost stack under --debug. */
export function printError(
  error: unknown,
  debug: boolean,
  err: { write(text: string): unknown } = process.stderr,
): number {
  const code = exitCodeFor(error)
  const known = isReportError(error) ? error : fromSystemError(error)
  if (!known) {
    err.write(
      `${pc.red('error')} huibao failed unexpectedly: ${clipLine(String((error as Error)?.message ?? error))}\n`,
    )
    err.write('This is a bug in huibao; run again with --debug and report the output.\n')
    if (debug && error instanceof Error) err.write(`${error.stack}\n`)
    return code
  }
  const innermost = printOne(known, '', err)
  if (known instanceof BuildFailedError) {
    for (const failure of known.failures) {
      const one = isReportError(failure.error)
        ? failure.error
        : (fromSystemError(failure.error) ?? failure.error)
      err.write(`${pc.red('✗')} edition ${failure.id}:\n`)
      if (isReportError(one)) printOne(one, '  ', err)
      else err.write(`    bug: ${clipLine(String(one.message))}\n`)
    }
  }
  if (debug && innermost instanceof Error) err.write(`${innermost.stack}\n`)
  return code
}

/** One error: message with its place, its problems, hint and causes. Returns the innermost cause. */
function printOne(error: ReportError, indent: string, err: { write(text: string): unknown }): unknown {
  const where = error.location ? `${formatLocation(error.location)}: ` : ''
  err.write(`${indent}${indent ? '' : `${pc.red('error')} `}${clipLine(`${where}${error.message}`)}\n`)
  for (const p of error.problems.slice(0, MAX_PROBLEMS)) {
    const at = p.location ? `${formatLocation(p.location)}: ` : ''
    const path = p.path ? `${pc.bold(p.path)}: ` : ''
    err.write(`${indent}  ${clipLine(`${at}${path}${p.message}`)}\n`)
  }
  if (error.problems.length > MAX_PROBLEMS) {
    err.write(`${indent}  … and ${error.problems.length - MAX_PROBLEMS} more problems\n`)
  }
  if (error.hint) err.write(`${indent}${pc.cyan('hint')} ${clipLine(error.hint)}\n`)
  let cause = error.cause
  let n = 1
  let innermost: unknown = error
  while (cause) {
    err.write(
      `${indent}  ${n}. (via ${(cause as Error).name ?? 'Error'}) ${clipLine(String((cause as Error).message ?? cause))}\n`,
    )
    innermost = cause
    cause = (cause as Error).cause
    n++
  }
  return innermost
}
