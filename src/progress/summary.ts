// An error as plain data for the JSON summary: its message and every problem with file:line:column.
import { isReportError } from '../errors.js'
import type { ErrorSummary } from './events.js'

export function errorSummary(error: unknown): ErrorSummary {
  if (!isReportError(error)) return { message: String((error as Error)?.message ?? error), problems: [] }
  return {
    message: error.message,
    location: error.location,
    problems: error.problems.map((p) => ({ message: p.message, path: p.path, location: p.location })),
  }
}
