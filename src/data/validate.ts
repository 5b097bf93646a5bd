// Stage 2 of the pipeline, validation of report data: the JSON Schema (ajv, compiled from the TypeBox
// types: schema-validator.ts, schema-problems.ts) and then the checks a schema cannot express
// (semantic-rules.ts). Every problem is collected and thrown together, each with its
// file:line:column and data path, worded for the person editing the YAML (wording.ts).
import { DataValidationError, type Problem } from '../errors.js'
import { schemaProblems } from './schema-problems.js'
import type { NumberingOptions } from './section-numbers.js'
import { semanticProblems } from './semantic-rules.js'
import type { Report } from './types.js'

// What callers outside src/data/ (editions, charts) use, so that they keep one import.
export { checkMetricRefs, type MetricRefsWhere } from './metric-refs.js'
export { schemaProblems } from './schema-problems.js'
export { createAjv } from './schema-validator.js'
export { closest, describeValue, formatDataPath } from './wording.js'

export interface ValidateOptions extends NumberingOptions {
  /** The file as messages name it. */
  file: string
}

/** More problems than this are summarised in one last line. */
export const MAX_PROBLEMS = 200

function byPlace(a: Problem, b: Problem): number {
  const la = a.location?.line ?? Number.MAX_SAFE_INTEGER
  const lb = b.location?.line ?? Number.MAX_SAFE_INTEGER
  return la - lb || (a.location?.column ?? 0) - (b.location?.column ?? 0)
}

/**
 * Checks a report value against the schema and the semantic rules and returns it typed. Throws one
 * DataValidationError("<file>: N problems") listing every problem.
 */
export function validateReport(value: unknown, options: ValidateOptions): Report {
  const all = [...schemaProblems(value, options), ...semanticProblems(value, options)]
  const seen = new Set<string>()
  const problems = all
    .filter((p) => {
      const key = `${p.path}\u0000${p.message}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
    .sort(byPlace)
  if (problems.length === 0) return value as Report
  const n = problems.length
  const shown = problems.slice(0, MAX_PROBLEMS)
  if (n > MAX_PROBLEMS) shown.push({ message: `… and ${n - MAX_PROBLEMS} more problems` })
  throw new DataValidationError(`${options.file}: ${n} problem${n === 1 ? '' : 's'}`, { problems: shown })
}
