// Where an npm package lives and which version it is. Some packages (vega, vega-lite) do not export
// their package.json, so require.resolve(`${pkg}/package.json`) fails; walk up from the entry point instead.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const dirs = new Map<string, string>()

export function packageDir(pkg: string): string {
  const known = dirs.get(pkg)
  if (known) return known
  let dir = dirname(require.resolve(pkg))
  for (;;) {
    try {
      const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }
      if (meta.name === pkg) break
    } catch {
      // no package.json here
    }
    const up = dirname(dir)
    if (up === dir) throw new Error(`cannot find the folder of the package ${pkg}`)
    dir = up
  }
  dirs.set(pkg, dir)
  return dir
}

export function packageVersion(pkg: string): string {
  return (JSON.parse(readFileSync(join(packageDir(pkg), 'package.json'), 'utf8')) as { version: string })
    .version
}
