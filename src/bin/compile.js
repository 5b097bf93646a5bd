// Keeps a compiled JavaScript copy of huibao's TypeScript sources in node_modules/.cache/huibao/
// and says where its CLI is. Running the sources through a TypeScript loader costs most of a second
// at every start (the loader sees every module of every dependency); the compiled copy starts in
// plain Node. Copies are named by a hash of the sources' names and times (and esbuild's version), so
// an edited checkout never runs stale code, and runs that start at the same time never see a copy
// being replaced: a copy, once there, never changes.
import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const cacheDir = join(root, 'node_modules', '.cache', 'huibao')
const STALE_MS = 60 * 60 * 1000

async function sources(dir) {
  const found = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) found.push(...(await sources(path)))
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(path)
  }
  return found.sort()
}

async function sourcesHash(files) {
  const hash = createHash('sha256')
  const { version } = JSON.parse(
    await readFile(join(root, 'node_modules', 'esbuild', 'package.json'), 'utf8'),
  )
  hash.update(`esbuild ${version}\n`)
  for (const file of files) hash.update(`${relative(root, file)} ${(await stat(file)).mtimeMs}\n`)
  return hash.digest('hex').slice(0, 16)
}

/** URL of the compiled src/cli.js, compiled now if needed; undefined when it cannot be made. */
export async function compiledCli() {
  try {
    const files = await sources(join(root, 'src'))
    const dist = join(cacheDir, `dist-${await sourcesHash(files)}`)
    const cli = join(dist, 'src', 'cli.js')
    if (!(await stat(cli).catch(() => undefined))) {
      const { build } = await import('esbuild')
      const temp = join(cacheDir, `tmp-${process.pid}-${Date.now()}`)
      await mkdir(cacheDir, { recursive: true })
      await build({
        entryPoints: files,
        outdir: temp,
        outbase: root,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        logLevel: 'silent',
      })
      // Another run may have made the same copy meanwhile: then keep theirs.
      await rename(temp, dist).catch(() => rm(temp, { recursive: true, force: true }))
      await removeOldCopies(dist)
    }
    return pathToFileURL(cli).href
  } catch {
    return undefined
  }
}

/** Copies of sources that changed more than an hour ago: no run can still be using them. */
async function removeOldCopies(keep) {
  for (const name of await readdir(cacheDir)) {
    const path = join(cacheDir, name)
    if (path === keep || !/^(dist|tmp)-/.test(name)) continue
    const info = await stat(path).catch(() => undefined)
    if (info && Date.now() - info.mtimeMs > STALE_MS) await rm(path, { recursive: true, force: true })
  }
}
