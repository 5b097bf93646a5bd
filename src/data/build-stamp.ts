// The identity of the running build of huibao: dist/build-info.json, which changes with every source
// file (src/bin/build-dist.js). Disk caches of what huibao's own code works out from a file (a YAML
// value, a template's references) are keyed by it, so that changed code never reads an old answer.
// Run from the TypeScript sources (tests, tsx) there is no build, and such caches are not used.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PACKAGE_ROOT } from '../utils/paths.js'
import { ifMissing } from './if-missing.js'

const DIST = join(PACKAGE_ROOT, 'dist')

let stamp: Promise<string | undefined> | undefined

/** The build's stamp, or undefined when huibao runs from its sources. */
export function buildStamp(): Promise<string | undefined> {
  stamp ??= fileURLToPath(import.meta.url).startsWith(`${DIST}/`)
    ? readFile(join(DIST, 'build-info.json'), 'utf8').catch(ifMissing(undefined))
    : Promise.resolve(undefined)
  return stamp
}
