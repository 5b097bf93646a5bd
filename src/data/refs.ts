// A figure the report states twice is defined once and cited again: { ref: <metric id>, sentence }
// in any metrics list. Validation checks the figure against that sentence too (report-rules.ts);
// after validation the references are replaced by copies of the metric with the citing sentence,
// so templates and charts see full metrics everywhere the figure is stated.
import type { Metric, Report } from './types.js'

export interface RawRef {
  ref: string
  sentence: string
}

export function isRawRef(item: unknown): item is RawRef {
  return item !== null && typeof item === 'object' && 'ref' in item
}

/** Every metric defined in the report, by id (references are not definitions). */
function definitions(report: Report): Map<string, Metric> {
  const out = new Map<string, Metric>()
  const add = (list: readonly unknown[] | undefined) => {
    for (const m of list ?? [])
      if (!isRawRef(m) && !out.has((m as Metric).id)) out.set((m as Metric).id, m as Metric)
  }
  add(report.intro.metrics)
  add(report.targets.metrics)
  for (const s of report.sections)
    for (const k of s.keywords) {
      add(k.metrics)
      for (const p of k.projects ?? []) add(p.metrics)
    }
  return out
}

/** A copy of a valid report in which each reference is the metric it names, with its own sentence. */
export function resolveMetricRefs(report: Report): Report {
  const defs = definitions(report)
  const hasRefs = JSON.stringify(report).includes('"ref":')
  if (!hasRefs) return report
  const resolve = (list: Metric[] | undefined): Metric[] | undefined =>
    list?.map((m) => {
      if (!isRawRef(m)) return m
      const target = defs.get(m.ref)
      return target ? { ...target, sentence: m.sentence } : m
    })
  const copy = structuredClone(report)
  copy.intro.metrics = resolve(copy.intro.metrics)
  copy.targets.metrics = resolve(copy.targets.metrics)
  for (const s of copy.sections)
    for (const k of s.keywords) {
      k.metrics = resolve(k.metrics)
      for (const p of k.projects ?? []) p.metrics = resolve(p.metrics)
    }
  return copy
}
