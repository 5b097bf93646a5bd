#!/usr/bin/env node
// `npm run build`: compiles the CLI (src/cli.ts and everything it imports) to dist/ with esbuild, in a
// fraction of a second: ES modules for Node 20, split into chunks at each dynamic import, so that a
// command loads only its own code. Runs at install (`prepare`), in .ci/setup.sh and before the test
// suite, so the CLI starts in plain Node instead of compiling or loading TypeScript at start.
// Type checking is `npm run typecheck` (tsc); esbuild only strips the types.
//
// The small pure-JavaScript libraries every command loads (ajv, yaml, js-yaml, TypeBox, commander) are bundled
// in: Node then reads a few files instead of a few hundred, which takes about a third off the CPU time
// of `huibao validate`. Every other package stays an import from node_modules, because some find
// their own files at run time (fonts, WebAssembly, the browser driver).
//
// The scripts that run inside Chromium pages (deck.html's runtime, the chart page) are bundled first,
// each into one IIFE (page-scripts.js), and their texts go into the CLI through esbuild's define: the
// compiled CLI carries the exact text that deck.html's CSP hashes are computed on at render time.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'
import { DIST, ROOT, SRC, sourceFiles, sourcesState } from './dist.js'
import { bundleAllPageScripts } from './page-scripts.js'

const BUNDLED = new Set([
  'ajv',
  'ajv-formats',
  'fast-uri',
  'fast-deep-equal',
  'json-schema-traverse',
  'require-from-string',
  'yaml',
  'js-yaml',
  '@sinclair/typebox',
  'commander',
  'picocolors',
])
const packageName = (path) =>
  path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0]

const files = sourceFiles()
// The stamp is taken before compiling: a source saved during the build makes dist/ stale, not current.
const state = sourcesState(files)
const temp = join(ROOT, `dist.tmp-${process.pid}`)
mkdirSync(temp, { recursive: true })
try {
  const pageScripts = await bundleAllPageScripts()
  await build({
    entryPoints: [join(SRC, 'cli.ts')],
    outdir: temp,
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    // CommonJS libraries bundled into ES modules still call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __huibaoRequire } from 'node:module'; const require = __huibaoRequire(import.meta.url);",
    },
    plugins: [
      {
        name: 'node-modules-stay-external',
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('node:') || !BUNDLED.has(packageName(args.path))
              ? { path: args.path, external: true }
              : undefined,
          )
        },
      },
    ],
    // read by src/utils/page-scripts.ts
    define: { __HUIBAO_PAGE_SCRIPTS__: JSON.stringify(pageScripts) },
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
