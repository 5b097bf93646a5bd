#!/usr/bin/env node
// `npm run build`: compiles the CLI (src/cli.ts and everything it imports) to dist/ with esbuild, in a
// fraction of a second: ES modules for Node 20, split into chunks at each dynamic import, so that a
// command loads only its own code. Runs at install (`prepare`), in .ci/setup.sh and before the test
// suite, so the CLI starts in plain Node instead of compiling or loading TypeScript at start.
// Type checking is `npm run typecheck` (tsc); esbuild only strips the types.
//
// The pure-JavaScript libraries on the build's path are bundled in, with everything they import:
// Node then reads and compiles a few files instead of hundreds. Loading an ES module package from
// node_modules costs more in resolving and linking its files than in running them: bundled,
// puppeteer-core loads in about 190 ms instead of 350-520, Marp in 110 instead of 205, pdf-lib in
// 100-150 instead of 350, and `huibao validate` takes a third less CPU. The packages that find their
// own files at run time (fonts, WebAssembly: subset-font, vega's canvas) and the optional native
// add-ons stay imports from node_modules.
//
// The scripts that run inside Chromium pages (deck.html's runtime, the chart page) are bundled first,
// each into one IIFE (page-scripts.js), and their texts go into the CLI through esbuild's define: the
// compiled CLI carries the exact text that deck.html's CSP hashes are computed on at render time.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { build } from 'esbuild'
import { DIST, ROOT, SRC, sourceFiles, sourcesState } from './dist.js'
import { bundleAllPageScripts } from './page-scripts.js'
import { precompileBuiltInTemplates } from './precompile-templates.js'

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
  'puppeteer-core',
  '@marp-team/marp-core',
  'pdf-lib',
  'handlebars',
  'budoux',
  'postcss',
  'postcss-value-parser',
  'parse5',
  'entities',
])
/** Imported from bundled code, yet left to Node: optional native add-ons that `ws` tries in a try/catch. */
const NEVER_BUNDLED = new Set(['bufferutil', 'utf-8-validate'])
/** puppeteer-core's base64 helpers, replaced by Node's own at bundling (see the plugin below). */
const PUPPETEER_ENCODING = /[\\/]puppeteer-core[\\/]lib[\\/]esm[\\/]puppeteer[\\/]util[\\/]encoding\.js$/
const packageName = (path) =>
  path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0]
/** A package imported from a bundled package is bundled with it, so that the whole tree is one file. */
const bundled = (args) =>
  !NEVER_BUNDLED.has(packageName(args.path)) &&
  (BUNDLED.has(packageName(args.path)) || /[\\/]node_modules[\\/]/.test(args.importer))

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
          // Handlebars builds every compiled template as a tree of source-map nodes when the
          // `source-map` package loads, and as plain strings when it does not: templates carry no
          // source map here, and the plain way takes a quarter of the compile time away.
          build.onResolve({ filter: /^source-map$/ }, (args) =>
            /[\\/]node_modules[\\/]handlebars[\\/]/.test(args.importer)
              ? { path: 'source-map', namespace: 'not-bundled' }
              : undefined,
          )
          build.onLoad({ filter: /^source-map$/, namespace: 'not-bundled' }, () => ({
            contents: "throw new Error('source-map is left out of the bundle')",
          }))
          // Puppeteer's browser downloader reaches the network through proxy-agent (2 MB with its
          // FTP, PAC and SOCKS clients, loaded at every start). huibao never downloads a browser: it
          // uses the one installed (src/browser/find.ts), so the downloader's agent is left out.
          build.onResolve({ filter: /^proxy-agent$/ }, (args) =>
            /[\\/]node_modules[\\/]@puppeteer[\\/]browsers[\\/]/.test(args.importer)
              ? { path: 'proxy-agent', namespace: 'not-bundled' }
              : undefined,
          )
          build.onLoad({ filter: /^proxy-agent$/, namespace: 'not-bundled' }, () => ({
            contents:
              "export class ProxyAgent { constructor() { throw new Error('huibao does not download browsers') } }",
          }))
          // Puppeteer encodes every answer to a page's request (our documents, fonts, images) in
          // base64 through String.fromCodePoint and btoa, a character at a time: 0.4 s of Node CPU
          // an edition. Node's Buffer does the same encoding natively; the output is identical.
          build.onLoad({ filter: PUPPETEER_ENCODING }, async (args) => {
            const text = await readFile(args.path, 'utf8')
            const patched = text.replace(
              /export function typedArrayToBase64\(typedArray\) \{[\s\S]*?\n\}/,
              'export function typedArrayToBase64(typedArray) {\n  return Buffer.from(typedArray.buffer, typedArray.byteOffset, typedArray.byteLength).toString("base64");\n}',
            )
            if (patched === text)
              process.stderr.write(`build: ${args.path} changed; its base64 is left as it is\n`)
            return { contents: patched, loader: 'js' }
          })
          build.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('node:') || !bundled(args) ? { path: args.path, external: true } : undefined,
          )
        },
      },
    ],
    // read by src/utils/page-scripts.ts and src/render/template-code.ts
    define: {
      __HUIBAO_PAGE_SCRIPTS__: JSON.stringify(pageScripts),
      __HUIBAO_TEMPLATE_CODE__: JSON.stringify(precompileBuiltInTemplates()),
    },
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
