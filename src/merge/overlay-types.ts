// The vocabulary of an overlay merge: paths, layers, provenance, the changes `huibao diff` shows and
// the problems the merge collects. Types only (and the reserved keys), so that every part of the
// merge can share them without importing one another.
import type { Problem, SourceLocation } from '../errors.js'

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

/** A map of the report or overlay data. */
export type Obj = Record<string, unknown>

/** A merged value with the provenance of each part of it. */
export interface Merged<T> {
  value: T
  node: ProvenanceNode
}

/**
 * What the list merge needs of the map merge (they recurse into each other): where to report
 * problems and changes, and how to merge a patched item or copy an added one.
 */
export interface MergeSteps {
  readonly changes: Change[]
  problem(at: DataPath, message: string, path?: string, key?: boolean): void
  mergeMap(
    base: Obj | undefined,
    basePath: DataPath,
    overlay: Obj,
    overlayPath: DataPath,
    display: string,
  ): Merged<Obj>
  addedValue(ov: unknown, oPath: DataPath, display: string): Merged<unknown>
}
