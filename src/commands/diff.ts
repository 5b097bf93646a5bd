// `huibao diff <edition> [report]`: what an edition changes against the city's report, one line per
// change, each with the overlay's file:line: added, removed, overridden (old -> new) and reordered.
import path from 'node:path'
import { formatLocation } from '../errors.js'
import type { Logger } from '../log/logger.js'
import { loadEdition } from '../merge/edition.js'
import { type Change, isObject, shortenValue } from '../merge/overlay.js'

export interface DiffCommandOptions {
  logger: Logger
  projectRoot?: string
}

const LABEL: Record<Change['kind'], string> = {
  added: '+ added     ',
  removed: '- removed   ',
  overridden: '~ overridden',
  reordered: '↕ reordered ',
}

/** What an added or removed item is, in a few words: its title or label. */
function describeItem(value: unknown): string {
  if (!isObject(value)) return shortenValue(value)
  const name = value.title ?? value.label ?? value.text
  return typeof name === 'string' ? `“${shortenValue(name, 30)}”` : ''
}

/** One change as a line: "~ overridden presentation.edition: 某某市 -> 某某区  (editions/x.yaml:5)". */
export function formatChange(change: Change, where: string): string {
  let what: string
  switch (change.kind) {
    case 'overridden':
      what = `${change.path}: ${shortenValue(change.before)} -> ${shortenValue(change.after)}`
      break
    case 'reordered': {
      const ids = (v: unknown) => (Array.isArray(v) ? v.join(', ') : String(v))
      what = `${change.path}: ${shortenValue(ids(change.before), 50)} -> ${shortenValue(ids(change.after), 50)}`
      break
    }
    case 'added':
      what = `${change.path} ${describeItem(change.after)}`.trimEnd()
      break
    case 'removed':
      what = `${change.path} ${describeItem(change.before)}`.trimEnd()
      break
  }
  return `  ${LABEL[change.kind]} ${what}  (${where})`
}

/** Prints the changes of an edition through the logger. Exit code 0. */
export async function diffCommand(
  reportDir: string,
  editionId: string,
  options: DiffCommandOptions,
): Promise<number> {
  const edition = await loadEdition(path.resolve(reportDir), editionId, {
    projectRoot: options.projectRoot,
    logger: options.logger,
  })
  const { source } = edition
  const { logger } = options
  if (!source.overlayFile) {
    logger.info(`${editionId} is the base report (${source.baseFile}): it changes nothing`)
    return 0
  }
  const name = edition.report.presentation?.edition
  logger.info(
    `${editionId}${name ? ` (${name})` : ''}: ${source.overlayFile} over ${source.baseFile}, locale ${edition.locale}`,
  )
  for (const change of source.changes) {
    logger.info(formatChange(change, formatLocation(source.locateOverlay(change.at))))
  }
  const count = (kind: Change['kind']) => source.changes.filter((c) => c.kind === kind).length
  logger.info(
    `${source.changes.length} changes: ${count('added')} added, ${count('removed')} removed, ${count(
      'overridden',
    )} overridden, ${count('reordered')} reordered`,
  )
  return 0
}
