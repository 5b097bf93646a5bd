// After Vega has run a chart's dataflow: for each probe (a data field that a mark places on a
// quantitative scale, found by src/charts/axis-check.ts), the distinct unit, unit label and kind of
// the rows drawn, so that Node can refuse an axis that mixes units or kinds.
import type { AxisProbe, ProbeRows } from '../axis-check.js'

/** The one thing the probe needs of a Vega view: the rows of a named dataset. */
interface DataView {
  data(name: string): unknown
}

type Row = Record<string, unknown>

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

/** The distinct (unit, unitLabel, kind) of the rows each probe's field holds a number in. */
export function probeRows(view: DataView, probes: readonly AxisProbe[]): ProbeRows[] {
  return probes.map((probe) => {
    let rows: Row[]
    try {
      rows = (view.data(probe.data) as Row[] | undefined) ?? []
    } catch {
      // a dataset this view does not have draws nothing on the axis
      rows = []
    }
    const seen = new Set<string>()
    const out: ProbeRows = []
    for (const row of rows) {
      const value = row[probe.field]
      if (typeof value !== 'number' || !Number.isFinite(value)) continue
      const found = { unit: text(row.unit), unitLabel: text(row.unitLabel), kind: text(row.kind) }
      const key = JSON.stringify(found)
      if (!seen.has(key)) {
        seen.add(key)
        out.push(found)
      }
    }
    return out
  })
}
