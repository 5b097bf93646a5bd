// Every place of a parsed YAML file, kept as plain data: for each data path, the line and column of
// its value and of its key. A file whose value comes from the cache (yaml-cache.ts) answers
// "where is sections[2].title?" from this index instead of parsing the YAML again, with exactly the
// answers of makeLocate (locate.ts) on the parsed document.
import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter } from 'yaml'
import type { SourceLocation } from '../errors.js'
import type { Locate } from './locate.js'

/** [line, column] */
type Place = [number, number]

/** One entry: the kind of collection it is in, the place of its value and (in a map) of its key. */
interface Entry {
  inSeq?: true
  value?: Place
  key?: Place
}

export interface PlaceIndex {
  root: Place
  /** By JSON.stringify of the path's segments as strings. */
  entries: Record<string, Entry>
}

const keyOf = (path: readonly string[]) => JSON.stringify(path)

/**
 * The index of a parsed document. An alias (*name) is entered as makeLocate enters it: its own
 * place, then the places inside its anchor's node. Undefined when an alias is inside its own anchor
 * (a cycle no index can hold).
 */
export function indexPlaces(doc: Document, lineCounter: LineCounter): PlaceIndex | undefined {
  const place = (offset: number): Place => {
    const { line, col } = lineCounter.linePos(offset)
    return [line, col]
  }
  const entries: Record<string, Entry> = {}
  const open = new Set<unknown>()
  let cyclic = false
  const walk = (start: unknown, path: string[]) => {
    const node = isAlias(start) ? start.resolve(doc) : start
    if (open.has(node)) {
      cyclic = true
      return
    }
    open.add(node)
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue
        const at = [...path, String(pair.key.value)]
        if (keyOf(at) in entries) continue // the first pair with a key is the one locate finds
        const value = pair.value as { range?: [number, number, number] } | null
        const keyOffset = pair.key.range?.[0]
        entries[keyOf(at)] = {
          key: keyOffset === undefined ? undefined : place(keyOffset),
          value: value?.range ? place(value.range[0]) : undefined,
        }
        if (value?.range) walk(value, at)
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const range = (item as { range?: [number, number, number] } | null)?.range
        if (!range) return
        const at = [...path, String(i)]
        entries[keyOf(at)] = { inSeq: true, value: place(range[0]) }
        walk(item, at)
      })
    }
    open.delete(node)
  }
  walk(doc.contents, [])
  if (cyclic) return undefined
  return { root: place((doc.contents?.range?.[0] as number | undefined) ?? 0), entries }
}

/** The Locate of an indexed file: the same walk as makeLocate, over the index. */
export function locateFromIndex(index: PlaceIndex, shown: string): Locate {
  const at = ([line, column]: Place): SourceLocation => ({ file: shown, line, column })
  return (dataPath, options = {}) => {
    let place = index.root
    const path: string[] = []
    for (const [i, segment] of dataPath.entries()) {
      path.push(String(segment))
      const entry = index.entries[keyOf(path)]
      if (!entry || (entry.inSeq && typeof segment !== 'number')) break
      if (!entry.inSeq && ((i === dataPath.length - 1 && options.key) || !entry.value))
        return at(entry.key ?? place)
      if (!entry.value) break
      place = entry.value
    }
    return at(place)
  }
}
