#!/usr/bin/env node
// The published entry point. huibao runs its TypeScript sources through tsx's loader so that a
// checkout works without a compile step; the CLI proper lives in ../cli.ts.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../cli.ts')
process.exitCode = await main(process.argv.slice(2))
