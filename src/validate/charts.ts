// The charts a build would draw, checked before the browser starts: the headline targets chart and
// every chart named after a section or keyword. Each is parsed, bound to the report's data (metric
// ids, selectors) and checked against Vega-Lite's schema; a report's own charts/ are checked too.
import { readFile } from 'node:fs/promises'
import { relative } from 'node:path'
import { LineCounter, parseDocument } from 'yaml'
import { bindChart } from '../charts/bind.js'
import { loadDefinition } from '../charts/definition.js'
import { schemaProblem } from '../charts/validate.js'
import type { Edition } from '../context.js'
import { checkMetricRefs } from '../data/validate.js'
import { isReportError, type Problem, type SourceLocation } from '../errors.js'
import { listResources, type ResolvedResource } from '../resources.js'

/** The chart names a build of this edition uses: headline-targets, and ids that name a chart. */
function usedNames(edition: Edition, available: ReadonlySet<string>): string[] {
  const ids = edition.report.sections.flatMap((s) => [s.id, ...s.keywords.map((k) => k.id)])
  return ['headline-targets', ...ids].filter((n) => available.has(n))
}

/** A chart file of the report's own: JSON, metric ids and Vega-Lite, without binding. */
async function ownChartProblems(
  r: ResolvedResource,
  edition: Edition,
  projectRoot: string,
): Promise<Problem[]> {
  const file = relative(projectRoot, r.path).startsWith('..') ? r.path : relative(projectRoot, r.path)
  const source = await readFile(r.path, 'utf8')
  const lines = new LineCounter()
  const doc = parseDocument(source, { lineCounter: lines })
  const at = (path: (string | number)[]): SourceLocation => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined
    const pos = node?.range ? lines.linePos(node.range[0]) : undefined
    return { file, line: pos?.line, column: pos?.col }
  }
  let spec: Record<string, unknown>
  try {
    spec = JSON.parse(source) as Record<string, unknown>
  } catch (error) {
    const pos = doc.errors[0]?.linePos?.[0]
    return [
      {
        location: { file, line: pos?.line, column: pos?.col },
        message: `not valid JSON: ${(error as Error).message}`,
      },
    ]
  }
  const { huibao, ...vegaLite } = spec as { huibao?: { metrics?: unknown } }
  const problems: Problem[] = []
  const ids = Array.isArray(huibao?.metrics) ? huibao.metrics.map(String) : []
  problems.push(
    ...checkMetricRefs(ids, edition.report, {
      location: (i) => at(['huibao', 'metrics', i]),
      path: 'huibao.metrics',
    }),
  )
  const vl = await schemaProblem({ ...vegaLite, data: { values: [] } }, projectRoot)
  if (vl)
    problems.push({ location: at(vl.path), path: vl.path.join('.'), message: `Vega-Lite: ${vl.message}` })
  return problems
}

/** Every problem of the charts a build of `edition` would draw. */
export async function chartProblems(edition: Edition, projectRoot: string): Promise<Problem[]> {
  const available = await listResources('chart', '', edition.reportDir, projectRoot)
  const problems: Problem[] = []
  for (const name of usedNames(edition, new Set(available.keys()))) {
    const r = available.get(name) as ResolvedResource
    try {
      if (r.origin === 'report') {
        problems.push(...(await ownChartProblems(r, edition, projectRoot)))
        continue
      }
      const def = await loadDefinition(projectRoot, name)
      await bindChart(def, edition, projectRoot)
      const vl = await schemaProblem(def.spec, projectRoot)
      if (vl)
        problems.push({
          location: def.locate(vl.path),
          path: vl.path.join('.'),
          message: `Vega-Lite: ${vl.message}`,
        })
    } catch (error) {
      if (!isReportError(error)) throw error
      problems.push(
        ...(error.problems.length > 0
          ? error.problems
          : [{ location: error.location, message: error.message }]),
      )
    }
  }
  return problems
}
