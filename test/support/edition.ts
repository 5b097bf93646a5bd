// Builds an Edition of the example report for tests of later stages, without going through the
// whole pipeline: the YAML is read as it is (the data stage has its own tests).
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'yaml'
import type { BuildContext, Edition } from '../../src/context.js'
import type { Report } from '../../src/data/types.js'
import { loadLocale } from '../../src/i18n/locale.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { loadEdition } from '../../src/merge/edition.js'
import { projectRoot, sharedSession } from './browser.js'

export async function exampleEdition(
  overrides: Partial<Edition> = {},
  mutate?: (r: Report) => void,
): Promise<Edition> {
  const reportDir = join(projectRoot, 'data', 'zhengzhou-2021')
  const report = parse(await readFile(join(reportDir, 'report.yaml'), 'utf8')) as Report
  mutate?.(report)
  const locale = overrides.locale ?? report.locale
  return {
    id: report.id,
    reportId: report.id,
    reportDir,
    report,
    locale,
    strings: await loadLocale(projectRoot, locale, reportDir),
    theme: { name: report.presentation?.theme ?? 'formal' },
    outDir: join(projectRoot, 'output', 'test', report.id),
    ...overrides,
  }
}

/**
 * A report's edition loaded as a build loads it (overlay merged, validated), with its own output
 * folder under output/test/<suite>/<report>, and a build context on the suite's shared browser.
 */
export async function loadedEdition(
  report: string,
  editionId: string,
  suite: string,
): Promise<{ edition: Edition; ctx: BuildContext }> {
  const loaded = await loadEdition(join(projectRoot, 'data', report), editionId, { projectRoot })
  const outDir = join(projectRoot, 'output', 'test', suite, report)
  await mkdir(outDir, { recursive: true })
  const ctx: BuildContext = {
    projectRoot,
    logger: createMemoryLogger(),
    session: await sharedSession(),
    cache: true,
  }
  return { edition: { ...loaded, outDir }, ctx }
}
