// Where the compiled CLI lives and whether it is up to date. Shared by the bin (which only reads)
// and build-dist.js (which writes). Kept in plain JavaScript so that it runs before anything is built.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const SRC = join(ROOT, 'src')
export const DIST = join(ROOT, 'dist')
export const STAMP = join(DIST, 'build-info.json')

/** Every TypeScript source below src/ (not .d.ts), sorted. */
export function sourceFiles(dir = SRC) {
  const found = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) found.push(...sourceFiles(path))
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(path)
  }
  return found.sort()
}

/** The sources' names and modification times: what the stamp records and the bin compares. */
export function sourcesState(files = sourceFiles()) {
  let newest = 0
  for (const file of files) newest = Math.max(newest, statSync(file).mtimeMs)
  return { files: files.map((f) => relative(SRC, f)), newestMs: newest }
}

/**
 * Why dist/ cannot be run, or undefined when it is current: missing, built from other files, or
 * older than a source. One readdir and a stat per source: a few milliseconds.
 */
export function distProblem() {
  let stamp
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8'))
  } catch {
    return 'the compiled CLI (dist/) is missing'
  }
  const now = sourcesState()
  if (now.files.join('\n') !== stamp.files.join('\n')) return 'src/ has files that dist/ was not built from'
  if (now.newestMs > stamp.newestMs) return 'a file in src/ changed after dist/ was built'
  return undefined
}
