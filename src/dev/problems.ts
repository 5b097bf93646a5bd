// An error as the lines the CLI prints for it (cli.ts printError, without colours), so that the
// page's overlay uses the same words and file:line:column as the terminal.
import { formatLocation, isReportError } from '../errors.js'

export function errorLines(error: unknown): string[] {
  if (!isReportError(error)) {
    return [`error huibao failed unexpectedly: ${String((error as Error)?.message ?? error)}`]
  }
  const where = error.location ? `${formatLocation(error.location)}: ` : ''
  const lines = [`error ${where}${error.message}`]
  for (const p of error.problems) {
    const at = p.location ? `${formatLocation(p.location)}: ` : ''
    lines.push(`  ${at}${p.path ? `${p.path}: ` : ''}${p.message}`)
  }
  if (error.hint) lines.push(`hint ${error.hint}`)
  let cause = error.cause as Error | undefined
  for (let n = 1; cause; n++, cause = cause.cause as Error | undefined) {
    lines.push(`  ${n}. (via ${cause.name ?? 'Error'}) ${cause.message ?? String(cause)}`)
  }
  return lines
}
