// Where a chart comes from, and which section or keyword it belongs to.
//
// Lookup: a chart named N is the first of <report>/charts/N.vl.json, <project>/templates/charts/N.vl.json
// and huibao's own templates/charts/N.vl.json (the built-in charts every report gets).
//
// Attachment: a chart belongs to a section or keyword only when the data names it (`chart: <name>`) or
// when the report's or the project's chart file is named exactly the id. A name that merely starts
// with the id, or a built-in chart, never attaches itself. A section with no chart of its own and at
// least two metrics gets the built-in key-figures view; `chart: false` turns that off.
import { readdir } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve } from 'node:path'
import type { Keyword, Section } from '../data/types.js'
import { ChartError } from '../errors.js'
import { PACKAGE_ROOT } from '../utils/paths.js'

export const CHART_SUFFIX = '.vl.json'
/** The built-in per-section view (templates/charts/key-figures.vl.json). */
export const KEY_FIGURES_CHART = 'key-figures'
/** The built-in targets view (templates/charts/headline-targets.vl.json). */
export const TARGETS_CHART = 'headline-targets'

export type ChartOrigin = 'report' | 'project' | 'built-in'

export interface ChartFile {
  name: string
  /** absolute path */
  file: string
  /** path for messages: relative to the project when inside it */
  relFile: string
  origin: ChartOrigin
}

export function chartDirs(projectRoot: string, reportDir?: string): { dir: string; origin: ChartOrigin }[] {
  const builtIn = resolve(PACKAGE_ROOT, 'templates', 'charts')
  const dirs: { dir: string; origin: ChartOrigin }[] = []
  if (reportDir) dirs.push({ dir: resolve(reportDir, 'charts'), origin: 'report' })
  dirs.push({ dir: resolve(projectRoot, 'templates', 'charts'), origin: 'project' })
  dirs.push({ dir: builtIn, origin: 'built-in' })
  // huibao's own folder is "built-in" even when it is also the project (as in huibao's repository)
  const seen = new Map<string, ChartOrigin>()
  for (const d of dirs) seen.set(d.dir, d.dir === builtIn ? 'built-in' : (seen.get(d.dir) ?? d.origin))
  return [...seen].map(([dir, origin]) => ({ dir, origin }))
}

function relFor(projectRoot: string, file: string): string {
  const rel = relative(resolve(projectRoot), file)
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel
}

/** Every chart the report can use, by name; a report's chart hides the project's and the built-in one. */
export async function chartCatalog(projectRoot: string, reportDir?: string): Promise<Map<string, ChartFile>> {
  const catalog = new Map<string, ChartFile>()
  for (const { dir, origin } of chartDirs(projectRoot, reportDir)) {
    const names = await readdir(dir).catch(() => [] as string[])
    for (const entry of names.filter((n) => n.endsWith(CHART_SUFFIX)).sort()) {
      const name = entry.slice(0, -CHART_SUFFIX.length)
      const file = join(dir, entry)
      if (!catalog.has(name)) catalog.set(name, { name, file, relFile: relFor(projectRoot, file), origin })
    }
  }
  return catalog
}

type Attachable = Pick<Section, 'id' | 'chart'> | Pick<Keyword, 'id' | 'chart'>

/**
 * The chart shown with a section or keyword, or undefined. `metricCount` (sections only) decides
 * whether the built-in key-figures view stands in when nothing else is named.
 */
export function attachedChart(
  item: Attachable,
  catalog: Map<string, ChartFile>,
  metricCount?: number,
): string | undefined {
  if (item.chart === false) return undefined
  if (typeof item.chart === 'string') {
    if (!catalog.has(item.chart)) {
      throw new ChartError(`"${item.id}" names the chart "${item.chart}", which does not exist`, {
        hint: `charts of this report: ${[...catalog.keys()].join(', ')}`,
      })
    }
    return item.chart
  }
  const own = catalog.get(item.id)
  if (own && own.origin !== 'built-in') return item.id
  if (metricCount !== undefined && metricCount >= 2 && catalog.has(KEY_FIGURES_CHART))
    return KEY_FIGURES_CHART
  return undefined
}

/** How many metrics a section states (its keywords' and their projects'). */
export function sectionMetricCount(section: Section): number {
  return section.keywords.reduce(
    (n, k) =>
      n + (k.metrics?.length ?? 0) + (k.projects ?? []).reduce((m, p) => m + (p.metrics?.length ?? 0), 0),
    0,
  )
}

/** The chart of a section (built-in key figures as a fallback) or of a keyword (its own only). */
export function chartOf(item: Section | Keyword, catalog: Map<string, ChartFile>): string | undefined {
  return attachedChart(item, catalog, 'lead' in item ? sectionMetricCount(item) : undefined)
}
