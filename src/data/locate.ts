import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml'
import type { SourceLocation } from '../errors.js'

export type DataPath = readonly (string | number)[]

export interface LocateOptions {
  /** Point at the key of the last path segment instead of its value (for unknown fields). */
  key?: boolean
}

/** Maps a data path to the place of its YAML node, or of the nearest parent that exists. */
export type Locate = (path: DataPath, options?: LocateOptions) => SourceLocation

/** The Locate of one parsed document; `shown` is the file as messages name it. */
export function makeLocate(doc: Document, lineCounter: LineCounter, shown: string): Locate {
  const at = (offset: number | undefined): SourceLocation => {
    if (offset === undefined) return { file: shown }
    const { line, col } = lineCounter.linePos(offset)
    return { file: shown, line, column: col }
  }
  return (dataPath, options = {}) => {
    let node: unknown = doc.contents
    let offset = (doc.contents?.range?.[0] as number | undefined) ?? 0
    for (const [i, segment] of dataPath.entries()) {
      const last = i === dataPath.length - 1
      if (isAlias(node)) node = node.resolve(doc)
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment))
        if (!pair) break
        const keyOffset = isScalar(pair.key) ? pair.key.range?.[0] : undefined
        const value = pair.value as { range?: [number, number, number] } | null
        if ((last && options.key) || !value?.range) return at(keyOffset ?? offset)
        node = value
        offset = value.range[0]
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as { range?: [number, number, number] } | undefined
        if (!item?.range) break
        node = item
        offset = item.range[0]
      } else break
    }
    return at(offset)
  }
}

/**
 * The Locate of a file read by the quick path (quick-yaml.ts): the text is parsed with positions
 * only when a message first asks for a place, and once.
 */
export function lazyLocate(text: string, shown: string): Locate {
  let locate: Locate | undefined
  return (dataPath, options) => {
    if (!locate) {
      const lineCounter = new LineCounter()
      locate = makeLocate(parseDocument(text, { lineCounter, uniqueKeys: true }), lineCounter, shown)
    }
    return locate(dataPath, options)
  }
}
