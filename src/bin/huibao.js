#!/usr/bin/env node
// The published entry point. It runs a compiled copy of the TypeScript sources (see compile.js),
// and falls back to running the sources through tsx's loader when no copy can be made.
import { compiledCli } from './compile.js'

let cli = await compiledCli()
if (!cli) {
  const { register } = await import('tsx/esm/api')
  register()
  cli = new URL('../cli.ts', import.meta.url).href
}
const { main } = await import(cli)
process.exitCode = await main(process.argv.slice(2))
