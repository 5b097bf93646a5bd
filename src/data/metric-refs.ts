// References to metrics by id, from highlights, charts, templates and editions: each must name a
// metric of the report, else a "dangling reference" problem with a guess at the id meant.
import type { Problem, SourceLocation } from '../errors.js'
import { indexMetrics } from './metrics.js'
import type { Report } from './types.js'
import { closest } from './wording.js'

export function metricRefProblems(
  ids: readonly (string | undefined)[],
  known: ReadonlySet<string>,
  location: (index: number) => SourceLocation,
  path: string | undefined,
): Problem[] {
  const problems: Problem[] = []
  ids.forEach((id, i) => {
    if (id === undefined || known.has(id)) return
    const guess = closest(id, known)
    problems.push({
      location: location(i),
      path: path ? `${path}[${i}]` : undefined,
      message: `dangling reference: no metric has the id "${id}"${guess ? ` (did you mean "${guess}"?)` : ''}`,
    })
  })
  return problems
}

export interface MetricRefsWhere {
  /** Where the references are: one place for all, or one per index. */
  location: SourceLocation | ((index: number) => SourceLocation)
  /** Data path of the list, e.g. "charts[0].metrics"; problems get "<path>[i]". */
  path?: string
}

/**
 * Problems for metric ids that name no metric of the report (for charts, templates and editions
 * that refer to metrics). Returns them rather than throwing, so callers can collect them.
 */
export function checkMetricRefs(ids: readonly string[], report: Report, where: MetricRefsWhere): Problem[] {
  const known = new Set(indexMetrics(report).keys())
  const { location } = where
  return metricRefProblems(ids, known, typeof location === 'function' ? location : () => location, where.path)
}
