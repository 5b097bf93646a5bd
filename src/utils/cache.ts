// A small content-addressed disk cache (chart SVGs, font subsets). Keys are hashes of everything the
// value depends on, so a stale entry can never be returned; nothing ever needs invalidating by hand.
import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'

export function hashKey(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256')
  for (const part of parts) {
    hash.update(part)
    hash.update('\0')
  }
  return hash.digest('hex').slice(0, 32)
}

/** node_modules/.cache/huibao, the conventional place for tool caches, or HUIBAO_CACHE_DIR. */
export function cacheRoot(projectRoot = process.cwd()): string {
  return process.env.HUIBAO_CACHE_DIR ?? resolve(projectRoot, 'node_modules', '.cache', 'huibao')
}

export interface DiskCache {
  get(key: string): Promise<Buffer | undefined>
  set(key: string, value: string | Uint8Array): Promise<void>
  /** Returns the cached value or computes, stores and returns it. */
  through(key: string, compute: () => Promise<string | Uint8Array>): Promise<Buffer>
}

export function diskCache(
  kind: string,
  options: { projectRoot?: string; disabled?: boolean } = {},
): DiskCache {
  const dir = join(cacheRoot(options.projectRoot), kind)
  const get = async (key: string) =>
    options.disabled ? undefined : readFile(join(dir, key)).catch(() => undefined)
  const set = async (key: string, value: string | Uint8Array) => {
    await mkdir(dir, { recursive: true })
    // Write then rename, so a concurrent reader never sees half a file.
    const tmp = join(dir, `${key}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`)
    await writeFile(tmp, value)
    await rename(tmp, join(dir, key))
  }
  return {
    get,
    set,
    async through(key, compute) {
      const hit = await get(key)
      if (hit) return hit
      const value = await compute()
      await set(key, value)
      return Buffer.from(value)
    },
  }
}
