// Every metric of a report with where it sits: the intro or targets block, or a section's keyword
// (and project). Charts, templates and validation look metrics up by id through this index.
import { isRawRef } from './refs.js'
import type { Keyword, Metric, Project, Report, Section } from './types.js'

export type MetricBlock = 'intro' | 'targets'

export interface MetricEntry {
  metric: Metric
  section?: Section
  keyword?: Keyword
  project?: Project
  block?: MetricBlock
  /** Data path of the metric, e.g. ["sections", 2, "keywords", 0, "metrics", 1], for locate(). */
  path: (string | number)[]
}

/**
 * All metrics in document order: intro, targets, then each section's keywords (metrics, then
 * projects). A report not yet resolved (resolveMetricRefs) may hold { ref, sentence } items: they
 * are citations, not metrics, and are left out.
 */
export function allMetrics(report: Report): MetricEntry[] {
  const all: MetricEntry[] = []
  const out = { push: (e: MetricEntry) => (isRawRef(e.metric) ? 0 : all.push(e)) }
  for (const block of ['intro', 'targets'] as const) {
    report[block].metrics?.forEach((metric, i) => {
      out.push({ metric, block, path: [block, 'metrics', i] })
    })
  }
  report.sections.forEach((section, s) => {
    section.keywords.forEach((keyword, k) => {
      const at = ['sections', s, 'keywords', k]
      keyword.metrics?.forEach((metric, i) => {
        out.push({ metric, section, keyword, path: [...at, 'metrics', i] })
      })
      keyword.projects?.forEach((project, p) => {
        project.metrics?.forEach((metric, i) => {
          out.push({ metric, section, keyword, project, path: [...at, 'projects', p, 'metrics', i] })
        })
      })
    })
  })
  return all
}

/** Metrics by id. Ids are unique in a valid report; should one repeat, the first one wins. */
export function indexMetrics(report: Report): Map<string, MetricEntry> {
  const index = new Map<string, MetricEntry>()
  for (const entry of allMetrics(report)) {
    if (!index.has(entry.metric.id)) index.set(entry.metric.id, entry)
  }
  return index
}
