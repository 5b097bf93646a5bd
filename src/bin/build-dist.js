#!/usr/bin/env node
// `npm run build`: compiles src/**/*.ts to dist/ (one JavaScript file per source, ES modules, Node 20)
// with esbuild, in a fraction of a second. Runs at install (`prepare`), in .ci/setup.sh and before the
// test suite, so the CLI starts in plain Node instead of compiling or loading TypeScript at start.
// Type checking is `npm run typecheck` (tsc); esbuild only strips the types.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'
import { DIST, ROOT, SRC, sourceFiles, sourcesState } from './dist.js'

const files = sourceFiles()
// The stamp is taken before compiling: a source saved during the build makes dist/ stale, not current.
const state = sourcesState(files)
const temp = join(ROOT, `dist.tmp-${process.pid}`)
mkdirSync(temp, { recursive: true })
try {
  await build({
    entryPoints: files,
    outdir: temp,
    outbase: SRC,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  })
  writeFileSync(join(temp, 'build-info.json'), `${JSON.stringify(state)}\n`)
  // Swap in one step, so that a CLI started meanwhile sees the old copy or the new one, never half.
  const old = join(ROOT, `dist.old-${process.pid}`)
  try {
    renameSync(DIST, old)
  } catch {}
  renameSync(temp, DIST)
  rmSync(old, { recursive: true, force: true })
} catch (error) {
  rmSync(temp, { recursive: true, force: true })
  process.stderr.write(`build: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
}
