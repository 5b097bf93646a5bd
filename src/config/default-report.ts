// Which report a command works on when none is named: the config's `report`, else the only report
// folder in data/, else a usage error that lists the reports there. huibao itself knows no report.
import { readdir, stat } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { ifMissing } from '../data/if-missing.js'
import { UsageError } from '../errors.js'

export class NoDefaultReportError extends UsageError {}

/** Report folders in <projectRoot>/data: those holding a report.yaml, sorted. */
export async function reportFolders(projectRoot: string): Promise<string[]> {
  const data = join(resolve(projectRoot), 'data')
  // No data/ folder is no report (said below); any other failure to read it is not hidden.
  const entries = await readdir(data, { withFileTypes: true }).catch(ifMissing([]))
  const found: string[] = []
  for (const entry of entries) {
    if (!entry.isDirectory()) continue
    const info = await stat(join(data, entry.name, 'report.yaml')).catch(ifMissing(undefined))
    if (info?.isFile()) found.push(relative(resolve(projectRoot), join(data, entry.name)))
  }
  return found.sort()
}

/** The only report in data/, or NoDefaultReportError naming the choices (exit 2). */
export async function onlyReport(projectRoot: string): Promise<string> {
  const reports = await reportFolders(projectRoot)
  if (reports.length === 1) return reports[0] as string
  if (reports.length === 0) {
    throw new NoDefaultReportError(
      'no report given, and data/ holds no report folder (data/<id>/report.yaml)',
      {
        hint: 'name a report folder, or set `report:` in huibao.config.yaml',
      },
    )
  }
  throw new NoDefaultReportError(`no report given, and data/ holds ${reports.length} reports`, {
    problems: reports.map((r) => ({ message: r })),
    hint: 'name one of them (e.g. `huibao build data/…`), or set `report:` in huibao.config.yaml',
  })
}
