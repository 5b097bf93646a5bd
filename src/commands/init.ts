// `huibao init <id>` writes data/<id>/report.yaml (and a source.txt for the published text);
// `huibao new-edition <report> <id>` writes data/<report>/editions/<id>.yaml. Both write files that
// validate and build as they are, and never overwrite one that exists.
import { mkdir, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { loadYaml, resolveReportFile } from '../data/load.js'
import type { Logger } from '../log/logger.js'
import { editionYaml, reportYaml, sourceTxt } from '../scaffold/report-template.js'
import { displayPath } from '../utils/paths.js'
import { UsageError } from './build.js'

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

export interface InitOptions {
  logger: Logger
  /** folder holding data/ (default: the working directory) */
  projectRoot?: string
  /** the report's year (default: this year) */
  year?: number
}

function checkSlug(id: string, what: string, example: string): void {
  if (!SLUG.test(id)) {
    throw new UsageError(
      `"${id}" is not a ${what} id: use lower-case ASCII letters, digits and single hyphens`,
      {
        hint: `e.g. ${example}`,
      },
    )
  }
}

async function refuseExisting(file: string): Promise<void> {
  const there = await stat(file).then(
    () => true,
    () => false,
  )
  if (there) throw new UsageError(`${displayPath(file)} already exists; huibao never overwrites it`)
}

export async function initCommand(id: string, options: InitOptions): Promise<number> {
  checkSlug(id, 'report', 'province-2030, national-2030')
  const dir = path.join(options.projectRoot ?? process.cwd(), 'data', id)
  const report = path.join(dir, 'report.yaml')
  const source = path.join(dir, 'source.txt')
  await refuseExisting(report)
  await mkdir(dir, { recursive: true })
  await writeFile(report, reportYaml({ id, year: options.year ?? new Date().getFullYear() }), { flag: 'wx' })
  await writeFile(source, sourceTxt(id), { flag: 'wx' }).catch(() => undefined)
  const shown = displayPath(dir)
  options.logger.info(`wrote ${displayPath(report)} and ${displayPath(source)}`)
  options.logger.info(`next: edit them, then  huibao validate ${shown}  and  huibao build ${shown}`)
  return 0
}

export interface NewEditionOptions extends InitOptions {
  /** the edition's name on the cover (default: the id) */
  name?: string
}

/** The report folder for "data/x", "x" or a report.yaml path. */
async function reportFolder(report: string, projectRoot: string): Promise<string> {
  const direct = path.resolve(projectRoot, report)
  const there = await stat(direct).then(
    () => true,
    () => false,
  )
  const file = await resolveReportFile(
    there || report.includes('/') ? direct : path.join(projectRoot, 'data', report),
  )
  return path.dirname(file)
}

export async function newEditionCommand(
  report: string,
  id: string,
  options: NewEditionOptions,
): Promise<number> {
  checkSlug(id, 'edition', 'east-district, en')
  const root = options.projectRoot ?? process.cwd()
  const dir = await reportFolder(report, root)
  const reportId = (await loadYaml(path.join(dir, 'report.yaml'))).value as { id?: unknown }
  if (typeof reportId.id !== 'string') {
    throw new UsageError(
      `${displayPath(path.join(dir, 'report.yaml'))} has no id; run huibao validate on it first`,
    )
  }
  if (id === reportId.id) throw new UsageError(`"${id}" is the report's own id; choose another edition id`)
  const file = path.join(dir, 'editions', `${id}.yaml`)
  await refuseExisting(file)
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, editionYaml({ reportId: reportId.id, id, name: options.name ?? id }), { flag: 'wx' })
  options.logger.info(`wrote ${displayPath(file)}`)
  options.logger.info(
    `next: edit it, then  huibao validate ${displayPath(dir)}  and  huibao build ${displayPath(dir)} -e ${id}`,
  )
  return 0
}
