// The value of a YAML file that read cleanly before, from the disk cache (src/utils/cache.ts).
// Parsing YAML with positions is the largest part of `huibao validate` once nothing else is slow,
// and between two runs most files (the editions, the other report) have not changed. The entry is
// keyed by the file's text and by the build of huibao that wrote it (dist/build-info.json changes
// with every source file), so a changed file or a changed rule never reads an old answer. Only a
// clean load is kept: no warning, no alias, nothing JSON cannot carry exactly. Run from the
// TypeScript sources (tests, tsx) there is no build to key by, and nothing is cached.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type DiskCache, diskCache, hashKey } from '../utils/cache.js'
import { PACKAGE_ROOT } from '../utils/paths.js'
import { ifMissing } from './if-missing.js'

const DIST = join(PACKAGE_ROOT, 'dist')

let stamp: Promise<string | undefined> | undefined

/** The identity of the running build, or undefined when huibao runs from its sources. */
function buildStamp(): Promise<string | undefined> {
  stamp ??= fileURLToPath(import.meta.url).startsWith(`${DIST}/`)
    ? readFile(join(DIST, 'build-info.json'), 'utf8').catch(ifMissing(undefined))
    : Promise.resolve(undefined)
  return stamp
}

/** Whether JSON gives back exactly this value: plain maps, lists, text, finite numbers, true/false, null. */
function jsonExact(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0)
  if (Array.isArray(value)) return value.every(jsonExact)
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false
  return Object.entries(value).every(([k, v]) => k !== '__proto__' && jsonExact(v))
}

export interface YamlValueCache {
  /** The value the text read as before, or undefined. */
  get(): Promise<{ value: unknown } | undefined>
  /** Keeps the value of a clean load, when JSON carries it exactly. */
  set(value: unknown): Promise<void>
}

/** The cache entry of one file's text (a no-op when huibao runs from its sources). */
export async function yamlValueCache(text: string): Promise<YamlValueCache> {
  const build = await buildStamp()
  if (build === undefined || text.includes('*')) return { get: async () => undefined, set: async () => {} }
  const cache: DiskCache = diskCache('yaml')
  const key = hashKey('yaml-value', build, text)
  return {
    async get() {
      const hit = await cache.get(key)
      return hit ? { value: JSON.parse(hit.toString('utf8')) } : undefined
    },
    async set(value) {
      if (jsonExact(value)) await cache.set(key, JSON.stringify(value))
    },
  }
}
