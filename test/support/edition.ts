// Builds an Edition of the example report for tests of later stages, without going through the
// whole pipeline: the YAML is read as it is (the data stage has its own tests).
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'yaml'
import type { Edition } from '../../src/context.js'
import type { Report } from '../../src/data/types.js'
import { loadLocale } from '../../src/i18n/locale.js'
import { projectRoot } from './browser.js'

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
