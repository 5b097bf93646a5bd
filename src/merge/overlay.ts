// Edition overlays: a district or language edition is a small YAML file that says only what differs
// from the city's report, merged onto it like Eleventy's data cascade (the closest data wins), with
// provenance kept for every value so that errors and `huibao diff` name the file:line that set it.
//
// ─── Format ──────────────────────────────────────────────────────────────────────────────────────
// data/<report>/editions/<id>.yaml — <id> is the file name, an ASCII slug (north-district, en).
//
//   base: city-2030                 # required: id of the report this edition overlays
//   locale: en                      # optional: zh-CN | en (default: the base's)
//   presentation:                   # edition name, office, accent colour, logo, theme
//     edition: 某某区
//     office: 某某区人民政府
//     accent: '#0e7c66'
//     logo: logos/north.svg         # relative to THIS file
//   sections:                       # items with ids merge BY ID
//     - id: local-industry          # a new section: needs add: true
//       add: true
//       title: …
//       lead: …
//       keywords: [{ id: county-economy, title: 县域经济, paragraphs: [ … ] }]
//     - id: ecology                 # leave a base section out
//       remove: true
//     - id: rural                   # patch a base section: only the fields that change
//       keywords:
//         - id: county-economy
//           paragraphs: [ … ]       # lists of strings replace the base list whole
//   order:
//     sections: [local-industry, rural] # these first, in this order; the rest follow as before
//
// ─── Rules ───────────────────────────────────────────────────────────────────────────────────────
//   maps (meta, presentation, intro, a section …)   merge deeply, key by key; the rest is inherited
//   scalars                                          the overlay's value replaces the base's
//   lists of scalars (paragraphs, highlights) and    replace as a whole
//     lists of items without ids (nonMetricNumbers)
//   lists of items with ids (sections, keywords,     merge by id: each overlay item patches the
//     metrics, projects)                               base item with the same id
//   new items                                        need `add: true`; an unknown id without it is
//                                                      an error at the overlay's file:line
//   removal                                          `remove: true` on the item (and nothing else)
//   order                                            the base's; added items follow the base items;
//                                                      `order: {<list>: [ids]}` on the map holding
//                                                      the list puts those ids first, in that order
//   section numbers                                  the city's sections keep the report's numbers
//                                                      wherever the edition puts them (never
//                                                      renumbered; an overlay sets no number)
//   an edition's own sections                        a section added with `add: true` is local: the
//                                                      merge sets `local: true` and it has no number
//                                                      (it is not one of the report's key tasks)
//   reserved keys                                    base (top level), add, remove, order
// Inside an item that is being added, nothing needs `add: true`: all of it is new.
// ──────────────────────────────────────────────────────────────────────────────────────────────────
import { formatLocation, type Problem, type SourceLocation } from '../errors.js'

export type DataPath = readonly (string | number)[]
export type Layer = 'base' | 'overlay'

/** Where a merged value came from: a layer and the value's path in that layer's file. */
export interface Origin {
  layer: Layer
  path: DataPath
}

/**
 * Provenance tree, the same shape as the merged value. A node without an entry for a child means the
 * child came whole from the node's origin (same layer, path extended by the child's key or index).
 */
export interface ProvenanceNode {
  origin: Origin
  children?: Map<string | number, ProvenanceNode>
}

export type ChangeKind = 'added' | 'removed' | 'overridden' | 'reordered'

/** One difference an overlay makes, for `huibao diff`. */
export interface Change {
  kind: ChangeKind
  /** id-based display path: sections[rural].keywords[county-economy].paragraphs */
  path: string
  /** The overlay node that made the change (for locate). */
  at: DataPath
  before?: unknown
  after?: unknown
}

export interface MergeResult {
  value: Record<string, unknown>
  provenance: ProvenanceNode
  changes: Change[]
  problems: Problem[]
}

export interface MergeOptions {
  /** Locates a path of the overlay file (for problems). */
  locateOverlay: (path: DataPath, options?: { key?: boolean }) => SourceLocation
  /** Locates a path of the base file (for problems about base items). */
  locateBase?: (path: DataPath) => SourceLocation
}

/** Keys an overlay may use that are not data. */
export const RESERVED = { base: 'base', add: 'add', remove: 'remove', order: 'order' } as const

type Obj = Record<string, unknown>

export const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v)

/** A list whose items all are maps with a string id. */
function isIdList(v: unknown): v is Obj[] {
  return Array.isArray(v) && v.length > 0 && v.every((item) => isObject(item) && typeof item.id === 'string')
}

const isEmptyOrAbsent = (v: unknown) => v === undefined || (Array.isArray(v) && v.length === 0)

function clone<T>(v: T): T {
  return structuredClone(v)
}

function shorten(v: unknown, max = 40): string {
  if (v === undefined) return '(none)'
  const s = Array.isArray(v)
    ? v.every((x) => typeof x !== 'object')
      ? `[${v.map((x) => String(x)).join(', ')}]`
      : `${v.length} items`
    : isObject(v)
      ? '{…}'
      : String(v)
  const chars = [...s]
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s
}

export { shorten as shortenValue }

class Merger {
  readonly changes: Change[] = []
  readonly problems: Problem[] = []
  constructor(private readonly options: MergeOptions) {}

  problem(at: DataPath, message: string, path?: string, key = false): void {
    this.problems.push({ location: this.options.locateOverlay(at, { key }), path, message })
  }

  /** Merges an overlay map onto a base map (the base may be absent). */
  mergeMap(
    base: Obj | undefined,
    basePath: DataPath,
    overlay: Obj,
    overlayPath: DataPath,
    display: string,
  ): { value: Obj; node: ProvenanceNode } {
    const value: Obj = base ? clone(base) : {}
    const node: ProvenanceNode = {
      origin: base ? { layer: 'base', path: basePath } : { layer: 'overlay', path: overlayPath },
      children: new Map(),
    }
    const children = node.children as Map<string | number, ProvenanceNode>
    // A list named only in order: (no patches) still goes through the list merge.
    const order = overlay[RESERVED.order]
    const entries = Object.entries(overlay)
    if (isObject(order)) {
      for (const key of Object.keys(order)) {
        if (!(key in overlay) && isIdList(base?.[key])) entries.push([key, []])
      }
    }
    for (const [key, ov] of entries) {
      if (key === RESERVED.order) continue
      const childDisplay = display ? `${display}.${key}` : key
      const bv = base?.[key]
      const oPath = [...overlayPath, key]
      const bPath = [...basePath, key]
      if (ov === null) {
        this.problem(
          oPath,
          `"${key}" has no value; to leave an item out use "remove: true" on it, to inherit a field leave it out`,
          childDisplay,
        )
        continue
      }
      if (isObject(ov) && (isObject(bv) || bv === undefined)) {
        if (bv === undefined) {
          this.changes.push({ kind: 'added', path: childDisplay, at: oPath, after: ov })
          const added = this.addedValue(ov, oPath, childDisplay)
          value[key] = added.value
          children.set(key, added.node)
        } else {
          const merged = this.mergeMap(bv, bPath, ov, oPath, childDisplay)
          value[key] = merged.value
          children.set(key, merged.node)
        }
      } else if (Array.isArray(ov) && (isIdList(bv) || (isEmptyOrAbsent(bv) && isIdList(ov)))) {
        const merged = this.mergeIdList(
          (bv as Obj[] | undefined) ?? [],
          bPath,
          ov,
          oPath,
          childDisplay,
          overlay,
          overlayPath,
          key,
        )
        value[key] = merged.value
        children.set(key, merged.node)
      } else {
        // scalars, lists of scalars, lists without ids, and type changes (validation judges those)
        if (bv === undefined) this.changes.push({ kind: 'added', path: childDisplay, at: oPath, after: ov })
        else if (JSON.stringify(bv) !== JSON.stringify(ov))
          this.changes.push({ kind: 'overridden', path: childDisplay, at: oPath, before: bv, after: ov })
        value[key] = clone(ov)
        children.set(key, { origin: { layer: 'overlay', path: oPath } })
      }
    }
    this.checkOrderKeys(overlay, overlayPath, value, display)
    return { value, node }
  }

  /** A value that is new in the overlay: copied as it is, minus `add: true` markers. */
  addedValue(ov: unknown, oPath: DataPath, display: string): { value: unknown; node: ProvenanceNode } {
    const node: ProvenanceNode = { origin: { layer: 'overlay', path: oPath } }
    const strip = (v: unknown, path: DataPath): unknown => {
      if (Array.isArray(v)) return v.map((x, i) => strip(x, [...path, i]))
      if (!isObject(v)) return v
      const out: Obj = {}
      for (const [k, x] of Object.entries(v)) {
        if (k === RESERVED.add && x === true) continue
        if (k === RESERVED.remove || k === RESERVED.order) {
          this.problem(
            [...path, k],
            `"${k}" has no meaning inside an item that is being added`,
            display,
            true,
          )
          continue
        }
        out[k] = strip(x, [...path, k])
      }
      return out
    }
    return { value: strip(ov, oPath), node }
  }

  mergeIdList(
    base: Obj[],
    basePath: DataPath,
    overlay: unknown[],
    overlayPath: DataPath,
    display: string,
    parent: Obj,
    parentPath: DataPath,
    key: string,
  ): { value: Obj[]; node: ProvenanceNode } {
    type Entry = { value: Obj; node: ProvenanceNode; id: string }
    const entries: Entry[] = base.map((item, i) => ({
      value: clone(item),
      node: { origin: { layer: 'base', path: [...basePath, i] } },
      id: String(item.id),
    }))
    const baseIds = entries.map((e) => e.id)
    const removed = new Set<string>()
    const seen = new Set<string>()
    const added: Entry[] = []
    overlay.forEach((item, i) => {
      const oPath = [...overlayPath, i]
      if (!isObject(item) || typeof item.id !== 'string') {
        this.problem(
          oPath,
          `each item of "${key}" needs an "id" (items of this list are merged by id)`,
          `${display}[${i}]`,
        )
        return
      }
      const id = item.id
      const itemDisplay = `${display}[${id}]`
      if (seen.has(id)) {
        this.problem([...oPath, 'id'], `"${id}" is given twice in "${key}"; give each id once`, itemDisplay)
        return
      }
      seen.add(id)
      const index = baseIds.indexOf(id)
      const { add, remove, ...rest } = item
      if (add !== undefined && add !== true) {
        this.problem([...oPath, 'add'], 'expected "add: true" (or leave "add" out)', itemDisplay)
        return
      }
      if (remove !== undefined && remove !== true) {
        this.problem([...oPath, 'remove'], 'expected "remove: true" (or leave "remove" out)', itemDisplay)
        return
      }
      if (add && remove) {
        this.problem(oPath, `"${id}" cannot be both added and removed`, itemDisplay)
        return
      }
      if (remove) {
        if (index === -1) {
          this.problem([...oPath, 'id'], unknownId(id, key, baseIds, 'cannot remove it'), itemDisplay)
          return
        }
        const extra = Object.keys(rest).filter((k) => k !== 'id')
        if (extra.length > 0) {
          this.problem(
            [...oPath, extra[0] as string],
            `"remove: true" leaves the item out; it takes no other fields (found ${extra.join(', ')})`,
            itemDisplay,
            true,
          )
        }
        removed.add(id)
        this.changes.push({ kind: 'removed', path: itemDisplay, at: oPath, before: base[index] })
        return
      }
      if (add) {
        if (index !== -1) {
          this.problem(
            [...oPath, 'add'],
            `"${id}" already exists in the base ${key}; leave out "add: true" to change it, or choose a new id`,
            itemDisplay,
          )
          return
        }
        const section = key === 'sections' && parentPath.length === 0
        if (section) this.checkAddedSection(rest, oPath, itemDisplay)
        this.changes.push({ kind: 'added', path: itemDisplay, at: oPath, after: rest })
        const a = this.addedValue(rest, oPath, itemDisplay)
        let value = a.value as Obj
        if (section) {
          // the edition's own section: not one of the report's numbered key tasks
          const { number: _, ...fields } = value
          value = { id, local: true, ...fields }
        }
        added.push({ value, node: a.node, id })
        return
      }
      if (index === -1) {
        this.problem(
          [...oPath, 'id'],
          unknownId(id, key, baseIds, 'to add a new item, mark it "add: true"'),
          itemDisplay,
        )
        return
      }
      if (key === 'sections' && parentPath.length === 0) {
        if ('number' in rest) {
          this.problem(
            [...oPath, 'number'],
            'the city\'s sections keep the report\'s numbers wherever the edition puts them; use "order:" to move a section',
            itemDisplay,
            true,
          )
        }
        if ('local' in rest) {
          this.problem(
            [...oPath, 'local'],
            `"${id}" is one of the report's key tasks; only a section the edition adds ("add: true") is local`,
            itemDisplay,
            true,
          )
        }
      }
      const entry = entries[index] as Entry
      const merged = this.mergeMap(
        base[index],
        [...basePath, index],
        Object.fromEntries(Object.entries(item).filter(([k]) => k !== 'id')),
        oPath,
        itemDisplay,
      )
      merged.value.id = id
      entry.value = merged.value
      entry.node = merged.node
    })
    let list = [...entries.filter((e) => !removed.has(e.id)), ...added]
    const before = list.map((e) => e.id)

    // explicit order: order: {<key>: [ids]} on the parent map
    const order = isObject(parent[RESERVED.order]) ? (parent[RESERVED.order] as Obj)[key] : undefined
    if (order !== undefined) {
      const orderPath = [...parentPath, RESERVED.order, key]
      if (!Array.isArray(order) || !order.every((x) => typeof x === 'string')) {
        this.problem(orderPath, `expected a list of ${key} ids`, `${display}`)
      } else {
        const ids = list.map((e) => e.id)
        const first: Entry[] = []
        const listed = new Set<string>()
        order.forEach((id, i) => {
          if (listed.has(id)) {
            this.problem([...orderPath, i], `"${id}" is listed twice in order.${key}`, display)
            return
          }
          listed.add(id)
          const entry = list.find((e) => e.id === id)
          if (!entry) {
            const why = removed.has(id)
              ? `"${id}" is removed by this edition`
              : `no item with id "${id}" in this edition's ${key} (${ids.join(', ')})`
            this.problem([...orderPath, i], `order.${key}: ${why}`, display)
            return
          }
          first.push(entry)
        })
        list = [...first, ...list.filter((e) => !listed.has(e.id))]
        const after = list.map((e) => e.id)
        if (after.join() !== before.join()) {
          this.changes.push({ kind: 'reordered', path: display, at: orderPath, before: before, after })
        }
      }
    }
    const node: ProvenanceNode = { origin: { layer: 'base', path: basePath }, children: new Map() }
    list.forEach((e, i) => {
      node.children?.set(i, e.node)
    })
    return { value: list.map((e) => e.value), node }
  }

  /**
   * A section the edition adds is its own (local: true, set by the merge) and has no number: the
   * numbers are the report's, for the report's key tasks.
   */
  checkAddedSection(item: Obj, oPath: DataPath, display: string): void {
    if ('number' in item) {
      this.problem(
        [...oPath, 'number'],
        'a section the edition adds is not one of the report\'s numbered key tasks: leave out "number"',
        display,
        true,
      )
    }
    if ('local' in item && item.local !== true) {
      this.problem(
        [...oPath, 'local'],
        'a section the edition adds is always local; leave out "local" (the merge sets local: true)',
        display,
        true,
      )
    }
  }

  /** Every key of an `order:` map must name a list of items with ids on the same map. */
  checkOrderKeys(overlay: Obj, overlayPath: DataPath, merged: Obj, display: string): void {
    const order = overlay[RESERVED.order]
    if (order === undefined) return
    if (!isObject(order)) {
      this.problem(
        [...overlayPath, RESERVED.order],
        'expected "order:" to map list names to ids, e.g. order: {sections: [local-industry, rural]}',
        display || undefined,
      )
      return
    }
    for (const key of Object.keys(order)) {
      if (!isIdList(merged[key])) {
        this.problem(
          [...overlayPath, RESERVED.order, key],
          `order.${key}: "${key}" is not a list of items with ids here`,
          display || undefined,
          true,
        )
      }
    }
  }
}

function unknownId(id: string, key: string, known: string[], advice: string): string {
  const list = known.length > 8 ? `${known.slice(0, 8).join(', ')}, …` : known.join(', ')
  return `no item with id "${id}" in the base ${key} (known: ${list})${advice ? `; ${advice}` : ''}`
}

/**
 * Merges an overlay (already stripped of `base`) onto a base report value. Pure: neither input is
 * changed. Problems are collected, not thrown, so that the caller reports all of them at once.
 */
export function applyOverlay(base: Obj, overlay: Obj, options: MergeOptions): MergeResult {
  const merger = new Merger(options)
  const { value, node } = merger.mergeMap(base, [], overlay, [], '')
  return { value, provenance: node, changes: merger.changes, problems: merger.problems }
}

/** The origin of a merged path: the deepest provenance node on the way, extended by the rest. */
export function originOf(provenance: ProvenanceNode, path: DataPath): Origin {
  let node = provenance
  let i = 0
  for (; i < path.length; i++) {
    const child = node.children?.get(path[i] as string | number)
    if (!child) break
    node = child
  }
  return { layer: node.origin.layer, path: [...node.origin.path, ...path.slice(i)] }
}

/** "set by data/…/editions/north-district.yaml:14" */
export function describeOrigin(location: SourceLocation): string {
  return `set by ${formatLocation(location)}`
}
