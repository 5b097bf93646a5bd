// Helpers for the chart tests: throwaway projects (the repo's themes plus the charts a case needs) and
// a build context on the suite's shared browser.
import { cp, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserSession } from '../../src/browser/session.js'
import type { BuildContext } from '../../src/context.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { projectRoot } from '../support/browser.js'

export const fixtures = join(projectRoot, 'test', 'fixtures', 'charts')

/**
 * A fresh project folder with the repo's themes and either the repo's charts or the charts of a
 * fixture case (test/fixtures/charts/<case>/templates/charts). Its chart cache is its own.
 */
export async function makeProject(fixtureCase?: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'huibao-charts-'))
  await cp(join(projectRoot, 'themes'), join(dir, 'themes'), { recursive: true })
  const from = fixtureCase ? join(fixtures, fixtureCase) : join(projectRoot, 'templates', 'charts')
  await cp(from, fixtureCase ? dir : join(dir, 'templates', 'charts'), { recursive: true })
  return dir
}

export function context(
  session: BrowserSession,
  root: string,
  cache = true,
): BuildContext & {
  logger: ReturnType<typeof createMemoryLogger>
} {
  return { projectRoot: root, logger: createMemoryLogger(), session, cache }
}

/** Numbers written in a text: "7.5%以上" -> [7.5], "3至5个" -> [3, 5]. */
export function numbersIn(text: string): number[] {
  return (text.match(/\d+(?:\.\d+)?/g) ?? []).map(Number)
}

/** The text content of every <text> element of an SVG string. */
export function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) =>
    (m[1] ?? '')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'"),
  )
}

/** A report folder's own edition (loaded and validated as a build would), rendered with this repo's templates. */
export async function reportEdition(reportDir: string, editionId?: string) {
  const { loadEdition } = await import('../../src/merge/edition.js')
  const { parse } = await import('yaml')
  const { readFile } = await import('node:fs/promises')
  const id = editionId ?? (parse(await readFile(join(reportDir, 'report.yaml'), 'utf8')) as { id: string }).id
  return loadEdition(reportDir, id, { projectRoot })
}

/**
 * Every chart the example can use (its own, the project's, the built-in ones) with `options`; the
 * built-in key figures are placed with the example's first section.
 */
export async function exampleChartNames(root: string): Promise<string[]> {
  const { listCharts } = await import('../../src/charts/index.js')
  return listCharts(root, join(projectRoot, 'data', 'zhengzhou-2021'))
}

export function placedOptions<T extends object>(name: string, options: T): T & { section?: string } {
  return name === 'key-figures' ? { ...options, section: 'innovation' } : options
}
