// Where the chart packages live. vega and vega-lite do not export their package.json, so
// require.resolve('vega/package.json') fails; walk up from the package's entry point instead.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const dirs = new Map<string, string>()

export function chartPackageDir(pkg: string): string {
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

export function chartPackageVersion(pkg: string): string {
  return (JSON.parse(readFileSync(join(chartPackageDir(pkg), 'package.json'), 'utf8')) as { version: string })
    .version
}
