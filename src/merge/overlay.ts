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
// The merge itself: merge-map.ts (maps, values new in the overlay), merge-id-list.ts (lists merged by
// id, add, remove, order), section-rules.ts (what holds only for the report's sections); the types
// in overlay-types.ts. Callers import from here.
import { formatLocation, type SourceLocation } from '../errors.js'
import { OverlayMerger } from './merge-map.js'
import type { DataPath, MergeOptions, MergeResult, Obj, Origin, ProvenanceNode } from './overlay-types.js'

export type {
  Change,
  ChangeKind,
  DataPath,
  Layer,
  MergeOptions,
  MergeResult,
  Origin,
  ProvenanceNode,
} from './overlay-types.js'
export { RESERVED } from './overlay-types.js'
export { isObject, shortenValue } from './overlay-values.js'

/**
 * Merges an overlay (already stripped of `base`) onto a base report value. Pure: neither input is
 * changed. Problems are collected, not thrown, so that the caller reports all of them at once.
 */
export function applyOverlay(base: Obj, overlay: Obj, options: MergeOptions): MergeResult {
  const merger = new OverlayMerger(options)
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
