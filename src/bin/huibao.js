#!/usr/bin/env node
// The published entry point. It runs the compiled JavaScript in dist/ (made by `npm run build`, which
// runs at install), never the TypeScript sources, so that the CLI starts in plain Node.
import { pathToFileURL } from 'node:url'
import { DIST, distProblem } from './dist.js'

const problem = distProblem()
if (problem) {
  process.stderr.write(`error ${problem}\nhint run \`npm run build\` in ${DIST.replace(/dist$/, '')}\n`)
  process.exitCode = 3
} else {
  const { main } = await import(pathToFileURL(`${DIST}/cli.js`).href)
  process.exitCode = await main(process.argv.slice(2))
}
