// The honest-axis check: no quantitative axis may carry figures of two units or two kinds (a growth
// rate beside a share, 个 beside 家, 亿元 beside 万元). It reads the compiled Vega spec for every mark
// channel that places a data field on a quantitative scale (AxisProbe), the page that draws the chart
// reports the unit and kind of every row each probe actually draws (after the chart's own transforms
// and filters), and axisProblems() turns a scale that received more than one into an error naming the
// chart's JSON path. A unit is the scale and unit as written (亿元), except for the field `amount`,
// which is in the unit's base (240亿 as 24000000000) and so compares across 万 and 亿.
import type { JsonPath } from './definition.js'

export interface AxisProbe {
  /** the scale, qualified by the group it is defined in */
  scale: string
  /** the Vega dataset the mark draws (a facet's source for marks inside a facet) */
  data: string
  field: string
  /** the Vega mark's name: concat_0_layer_1_marks */
  mark: string
  channel: string
}

/** What the page found for one probe: the distinct unit, unit label and kind of the rows drawn. */
export type ProbeRows = { unit?: string; unitLabel?: string; kind?: string }[]

export interface AxisProblem {
  path: JsonPath
  message: string
}

const QUANTITATIVE = new Set(['linear', 'log', 'pow', 'sqrt', 'symlog'])
const CHANNELS = ['x', 'x2', 'xc', 'y', 'y2', 'yc', 'width', 'height']
type Node = Record<string, unknown>

/** Every (scale, dataset, field) a mark of the compiled Vega spec draws on a quantitative scale. */
export function axisProbes(vega: unknown): AxisProbe[] {
  const probes: AxisProbe[] = []
  type Scales = Map<string, { type: string; id: string }>
  const visit = (group: Node, scope: string, scales: Scales, facets: Map<string, string>) => {
    const local: Scales = new Map(scales)
    for (const s of (group.scales ?? []) as Node[])
      local.set(String(s.name), { type: String(s.type ?? 'linear'), id: `${scope}${String(s.name)}` })
    for (const mark of (group.marks ?? []) as Node[]) {
      const from = (mark.from ?? {}) as Node
      const facet = from.facet as Node | undefined
      const inner = new Map(facets)
      if (facet) inner.set(String(facet.name), String(facet.data))
      const data = typeof from.data === 'string' ? (facets.get(from.data) ?? from.data) : undefined
      const encode = (mark.encode ?? {}) as Record<string, Node>
      for (const set of Object.values(encode)) {
        for (const channel of CHANNELS) {
          const rules = ([] as unknown[]).concat(set[channel] ?? [])
          for (const rule of rules as Node[]) {
            const scale = typeof rule.scale === 'string' ? local.get(rule.scale) : undefined
            if (!scale || !data || typeof rule.field !== 'string' || !QUANTITATIVE.has(scale.type)) continue
            probes.push({
              scale: scale.id,
              data,
              field: rule.field,
              mark: String(mark.name ?? ''),
              channel,
            })
          }
        }
      }
      if (mark.type === 'group') visit(mark, `${scope}${String(mark.name ?? 'group')}/`, local, inner)
    }
  }
  if (vega && typeof vega === 'object') visit(vega as Node, '', new Map(), new Map())
  return probes
}

/** The Vega-Lite JSON path of a compiled mark: concat_0_layer_1_marks -> vconcat[0].layer[1]. */
export function vegaLitePath(spec: Node, markName: string, channel: string): JsonPath {
  const path: JsonPath = []
  let node: Node | undefined = spec
  for (const m of markName.matchAll(/(concat|layer)_(\d+)/g)) {
    const key =
      m[1] === 'layer'
        ? 'layer'
        : (['vconcat', 'hconcat', 'concat'].find((k) => Array.isArray(node?.[k])) ?? 'concat')
    const index = Number(m[2])
    path.push(key, index)
    node = (node?.[key] as Node[] | undefined)?.[index]
  }
  if (node && typeof node.spec === 'object') path.push('spec')
  return [...path, 'encoding', channel.replace(/c$/, '')]
}

/** One problem per scale that draws more than one unit or more than one kind. */
export function axisProblems(spec: Node, probes: AxisProbe[], results: ProbeRows[]): AxisProblem[] {
  const byScale = new Map<string, { units: Set<string>; kinds: Set<string>; first: AxisProbe }>()
  probes.forEach((probe, i) => {
    const seen = byScale.get(probe.scale) ?? { units: new Set(), kinds: new Set(), first: probe }
    for (const row of results[i] ?? []) {
      const unit = probe.field === 'amount' ? row.unit : (row.unitLabel ?? row.unit)
      if (unit !== undefined) seen.units.add(unit === '' ? '(no unit)' : unit)
      if (row.kind !== undefined) seen.kinds.add(row.kind)
    }
    byScale.set(probe.scale, seen)
  })
  const problems: AxisProblem[] = []
  for (const [scale, { units, kinds, first }] of byScale) {
    const mixed = [
      units.size > 1 ? `${units.size} units (${[...units].join(', ')})` : '',
      kinds.size > 1 ? `${kinds.size} kinds (${[...kinds].join(', ')})` : '',
    ].filter(Boolean)
    if (mixed.length === 0) continue
    problems.push({
      path: vegaLitePath(spec, first.mark, first.channel),
      message: `puts ${mixed.join(' and ')} on one quantitative axis (scale ${scale.slice(scale.lastIndexOf('/') + 1)}, field "${first.field}"); draw each unit and kind on its own axis, or use "form": "auto"`,
    })
  }
  return problems
}
