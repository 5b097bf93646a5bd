// The map merge of an overlay: maps merge key by key, scalars and lists without ids are replaced
// whole, lists of items with ids go to merge-id-list.ts, and a value new in the overlay is copied
// minus its `add: true` markers. Collects changes (for `huibao diff`) and problems (each at the
// overlay's file:line) instead of throwing, so that one run reports all of them.
import type { Problem } from '../errors.js'
import { mergeIdList } from './merge-id-list.js'
import type {
  Change,
  DataPath,
  Merged,
  MergeOptions,
  MergeSteps,
  Obj,
  ProvenanceNode,
} from './overlay-types.js'
import { RESERVED } from './overlay-types.js'
import { clone, isEmptyOrAbsent, isIdList, isObject } from './overlay-values.js'

export class OverlayMerger implements MergeSteps {
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
  ): Merged<Obj> {
    const value: Obj = base ? clone(base) : {}
    const children = new Map<string | number, ProvenanceNode>()
    const node: ProvenanceNode = {
      origin: base ? { layer: 'base', path: basePath } : { layer: 'overlay', path: overlayPath },
      children,
    }
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
      if (ov === null) {
        this.problem(
          oPath,
          `"${key}" has no value; to leave an item out use "remove: true" on it, to inherit a field leave it out`,
          childDisplay,
        )
        continue
      }
      let merged: Merged<unknown>
      if (isObject(ov) && bv === undefined) {
        this.changes.push({ kind: 'added', path: childDisplay, at: oPath, after: ov })
        merged = this.addedValue(ov, oPath, childDisplay)
      } else if (isObject(ov) && isObject(bv)) {
        merged = this.mergeMap(bv, [...basePath, key], ov, oPath, childDisplay)
      } else if (Array.isArray(ov) && (isIdList(bv) || (isEmptyOrAbsent(bv) && isIdList(ov)))) {
        merged = mergeIdList(this, (bv as Obj[] | undefined) ?? [], ov, {
          basePath: [...basePath, key],
          overlayPath: oPath,
          display: childDisplay,
          parent: overlay,
          parentPath: overlayPath,
          key,
        })
      } else {
        merged = this.replaced(bv, ov, oPath, childDisplay)
      }
      value[key] = merged.value
      children.set(key, merged.node)
    }
    this.checkOrderKeys(overlay, overlayPath, value, display)
    return { value, node }
  }

  /** Scalars, lists of scalars, lists without ids, and type changes (validation judges those). */
  replaced(bv: unknown, ov: unknown, oPath: DataPath, display: string): Merged<unknown> {
    if (bv === undefined) this.changes.push({ kind: 'added', path: display, at: oPath, after: ov })
    else if (JSON.stringify(bv) !== JSON.stringify(ov))
      this.changes.push({ kind: 'overridden', path: display, at: oPath, before: bv, after: ov })
    return { value: clone(ov), node: { origin: { layer: 'overlay', path: oPath } } }
  }

  /** A value that is new in the overlay: copied as it is, minus `add: true` markers. */
  addedValue(ov: unknown, oPath: DataPath, display: string): Merged<unknown> {
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
