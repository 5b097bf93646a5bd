// The folder huibao is installed in (the one with its package.json). Files that ship with huibao
// (the deck runtime, the schema, chart sources) are found from here rather than from
// import.meta.url, because the CLI runs a compiled copy of these modules from another folder.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

function findPackageRoot(from: string): string {
  let dir = from
  while (dirname(dir) !== dir) {
    const manifest = join(dir, 'package.json')
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'huibao'
    ) {
      return dir
    }
    dir = dirname(dir)
  }
  throw new Error(`huibao's package.json not found above ${from}`)
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)))

/** A file as messages show it: relative to the working folder when inside it, else absolute. */
export function displayPath(file: string): string {
  const abs = resolve(file)
  const rel = relative(process.cwd(), abs)
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs
}
