// Compiling a chart: the version of everything that shapes its SVG (for the cache key), Vega-Lite's
// schema check and compiler, and the text whose glyphs the page must load.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { LoggerInterface } from 'vega'
import type { BuildContext } from '../context.js'
import { hashKey } from '../utils/cache.js'
import { packageVersion } from '../utils/packages.js'
import { PACKAGE_ROOT } from '../utils/paths.js'
import { type ChartDefinition, chartError } from './definition.js'
import { schemaProblem } from './validate.js'

let codeVersion: Promise<string> | undefined
/** Versions of everything outside the spec that shapes the SVG: Vega, Vega-Lite, fonts, this code. */
export function rendererVersion(): Promise<string> {
  codeVersion ??= (async () => {
    const parts: string[] = []
    for (const pkg of [
      'vega',
      'vega-lite',
      '@fontsource/noto-sans',
      '@fontsource/noto-sans-sc',
      '@fontsource/noto-serif',
      '@fontsource/noto-serif-sc',
    ]) {
      parts.push(`${pkg}@${packageVersion(pkg)}`)
    }
    const dir = join(PACKAGE_ROOT, 'src', 'charts')
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.ts')).sort()) {
      parts.push(file, await readFile(join(dir, file), 'utf8'))
    }
    return hashKey(...parts)
  })()
  return codeVersion
}

/** Schema check, then Vega-Lite's compiler (Vega-Lite warnings go to the logger). */
export async function compileSpec(
  p: { def: ChartDefinition; spec: Record<string, unknown> },
  ctx: BuildContext,
): Promise<unknown> {
  const problem = await schemaProblem(p.spec, ctx.projectRoot)
  if (problem) throw chartError(p.def, problem.path, problem.message)
  const warnings: string[] = []
  const logger = {
    level: () => logger,
    error: (...args: unknown[]) => warnings.push(args.map(String).join(' ')),
    warn: (...args: unknown[]) => warnings.push(args.map(String).join(' ')),
    info: () => logger,
    debug: () => logger,
  } as unknown as LoggerInterface
  try {
    // Imported on a cache miss only: a build whose charts are all cached never loads Vega-Lite.
    const { compile } = await import('vega-lite')
    const { spec } = compile(p.spec as unknown as Parameters<typeof compile>[0], { logger })
    for (const w of warnings) ctx.logger.warn(`chart ${p.def.relFile}: ${w}`)
    return spec
  } catch (cause) {
    throw chartError(p.def, [], `Vega-Lite cannot compile it: ${(cause as Error).message}`, cause)
  }
}

/** Every character the chart may draw, so that the page loads those glyphs before measuring. */
export function pageText(p: { spec: Record<string, unknown> }): string {
  return [...new Set(JSON.stringify(p.spec))].join('')
}
