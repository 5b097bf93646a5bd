// The value of a YAML file that read cleanly before, with the places of its data (place-index.ts),
// from the disk cache (src/utils/cache.ts).
// Parsing YAML with positions is the largest part of `huibao validate` once nothing else is slow,
// and between two runs most files (the editions, the other report) have not changed. The entry is
// keyed by the file's text and by the build of huibao that wrote it (build-stamp.ts), so a changed
// file or a changed rule never reads an old answer. Only a clean load is kept: no warning, no cycle,
// nothing JSON cannot carry exactly.
import { type DiskCache, diskCache, hashKey } from '../utils/cache.js'
import { buildStamp } from './build-stamp.js'
import type { PlaceIndex } from './place-index.js'

/**
 * Whether JSON gives back exactly this value: plain maps, lists, text, finite numbers, true/false,
 * null, and no cycle (an alias inside its own anchor).
 */
function jsonExact(value: unknown, open = new Set<unknown>()): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0)
  if (typeof value !== 'object' || open.has(value)) return false
  open.add(value)
  const exact = Array.isArray(value)
    ? value.every((v) => jsonExact(v, open))
    : Object.getPrototypeOf(value) === Object.prototype &&
      Object.entries(value).every(([k, v]) => k !== '__proto__' && jsonExact(v, open))
  open.delete(value)
  return exact
}

export interface CachedYaml {
  value: unknown
  /** absent for a file the quick path read (its places are parsed when a message needs one) */
  places?: PlaceIndex
}

/** What a clean load gives to keep: its places, or 'later' when the quick path read it. */
export interface CleanLoad {
  value: unknown
  places: PlaceIndex | 'later' | undefined
}

export interface YamlValueCache {
  /** The value the text read as before, with its places, or undefined. */
  get(): Promise<CachedYaml | undefined>
  /** Keeps a clean load, when its places are indexed (or left for later) and JSON carries its value exactly. */
  set(entry: CleanLoad): Promise<void>
}

/** The cache entry of one file's text (a no-op when huibao runs from its sources). */
export async function yamlValueCache(text: string): Promise<YamlValueCache> {
  const build = await buildStamp()
  if (build === undefined) return { get: async () => undefined, set: async () => {} }
  const cache: DiskCache = diskCache('yaml')
  const key = hashKey('yaml-value-and-places', build, text)
  return {
    async get() {
      const hit = await cache.get(key)
      return hit ? (JSON.parse(hit.toString('utf8')) as CachedYaml) : undefined
    },
    async set(entry) {
      if (!entry.places || !jsonExact(entry.value)) return
      const places = entry.places === 'later' ? undefined : entry.places
      await cache.set(key, JSON.stringify({ value: entry.value, places }))
    },
  }
}
