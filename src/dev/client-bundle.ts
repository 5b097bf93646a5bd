// The dev page's script: src/dev/client/ (TypeScript, type-checked with the rest by `npm run
// typecheck`) bundled by esbuild into one classic script, once per server, when it starts. The page
// allows it by its hash (src/dev/page.ts), so the bundle is made once and kept: every page gets the
// same bytes.
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { PACKAGE_ROOT } from '../utils/paths.js'

export interface ClientScript {
  code: string
  /** for the page's Content-Security-Policy: 'sha256-…' */
  hash: string
}

const ENTRY = join(PACKAGE_ROOT, 'src', 'dev', 'client', 'main.ts')

let bundled: Promise<ClientScript> | undefined

export function clientScript(): Promise<ClientScript> {
  bundled ??= bundle()
  return bundled
}

async function bundle(): Promise<ClientScript> {
  const { build } = await import('esbuild')
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'silent',
  })
  const code = result.outputFiles[0]?.text
  if (!code) throw new Error(`esbuild made no script from ${ENTRY}`)
  // "</script" cannot occur in it: the page inlines it in a <script> element.
  if (/<\/script/i.test(code)) throw new Error(`the dev page script from ${ENTRY} contains "</script"`)
  return { code, hash: `'sha256-${createHash('sha256').update(code).digest('base64')}'` }
}
