// The charts a build would draw, checked before the browser starts: the headline targets chart and
// the chart of every section and keyword (the attachment rule of src/charts/lookup.ts). Each is
// bound to the report's data (metric ids, selectors, data files) and checked against Vega-Lite's schema.
import { bindChart } from '../charts/bind.js'
import { loadDefinition } from '../charts/definition.js'
import { type ChartFile, chartCatalog, chartOf, TARGETS_CHART } from '../charts/lookup.js'
import { type SchemaProblem, schemaProblem } from '../charts/validate.js'
import type { Edition } from '../context.js'
import { isReportError, type Problem } from '../errors.js'
import { diskCache, hashKey } from '../utils/cache.js'
import { packageVersion } from '../utils/packages.js'

/** Bump when what counts as valid Vega-Lite here changes without a new vega-lite or ajv. */
const VALID_SPEC_CACHE_VERSION = '1'

/**
 * Vega-Lite's schema validator is 8 MB of JavaScript: loading it is most of the time `huibao
 * validate` takes, yet charts change far less often than the text. So a spec found valid is
 * remembered in the disk cache (keyed by the spec itself and the versions of vega-lite and ajv) and
 * not checked again; a spec with a problem is never cached, so its message is always worked out now.
 */
async function vegaLiteProblem(spec: object, projectRoot: string): Promise<SchemaProblem | undefined> {
  const cache = diskCache('charts', { projectRoot })
  const key = hashKey(
    'valid-vega-lite-spec',
    VALID_SPEC_CACHE_VERSION,
    packageVersion('vega-lite'),
    packageVersion('ajv'),
    JSON.stringify(spec),
  )
  if (await cache.get(key)) return undefined
  const problem = await schemaProblem(spec, projectRoot)
  if (!problem) await cache.set(key, 'valid')
  return problem
}

/** The charts a build of this edition draws, each with the section it is placed in (for "{section}"). */
function usedCharts(edition: Edition, catalog: Map<string, ChartFile>): { name: string; section?: string }[] {
  const used = [{ name: TARGETS_CHART }]
  for (const section of edition.report.sections) {
    for (const item of [section, ...section.keywords]) {
      const name = chartOf(item, catalog)
      if (name) used.push({ name, section: section.id } as { name: string; section?: string })
    }
  }
  return used.filter((u) => catalog.has(u.name))
}

/**
 * Every problem of the charts a build of `edition` would draw: which chart each section and keyword
 * gets (the attachment rule of src/charts/lookup.ts), the binding (metric ids, selectors, data files)
 * and the Vega-Lite schema. A chart drawn in one of huibao's forms (huibao.form) has its marks made
 * from the data at render time, so only its binding is checked here.
 */
export async function chartProblems(edition: Edition, projectRoot: string): Promise<Problem[]> {
  const problems: Problem[] = []
  const push = (error: unknown) => {
    if (!isReportError(error)) throw error
    problems.push(
      ...(error.problems.length > 0
        ? error.problems
        : [{ location: error.location, message: error.message }]),
    )
  }
  const catalog = await chartCatalog(projectRoot, edition.reportDir)
  let used: { name: string; section?: string }[] = []
  try {
    used = usedCharts(edition, catalog)
  } catch (error) {
    push(error)
  }
  const seen = new Set<string>()
  for (const { name, section } of used) {
    const key = `${name}/${section ?? ''}`
    if (seen.has(key)) continue
    seen.add(key)
    let def: Awaited<ReturnType<typeof loadDefinition>>
    try {
      def = await loadDefinition(projectRoot, name, undefined, edition.reportDir)
    } catch (error) {
      push(error)
      continue
    }
    // The binding and the spec are checked apart, so that one run names the problems of both.
    await bindChart(def, edition, projectRoot, undefined, section).catch(push)
    if (def.binding.form) continue
    const vl = await vegaLiteProblem({ ...def.spec, data: { values: [] } }, projectRoot)
    if (vl)
      problems.push({
        location: def.locate(vl.path),
        path: vl.path.join('.'),
        message: `Vega-Lite: ${vl.message}`,
      })
  }
  return problems
}
