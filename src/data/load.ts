// Stage 1 of the pipeline, reading a report: the report path -> its YAML file -> a value with
// positions (load-yaml.ts, read-text.ts) -> stage 2, validation (validate.ts), which returns it typed.
// Bad input never gets a stack trace or a hang: every refusal is a DataParseError at file:line.
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { DataParseError } from '../errors.js'
import { displayPath } from '../utils/paths.js'
import { isMissing } from './if-missing.js'
import { type LoadOptions, loadYaml } from './load-yaml.js'
import type { Locate } from './locate.js'
import type { Report } from './types.js'
import { validateReport } from './validate.js'

// What callers of the loader use, so that they keep one import (the parts live in their own modules).
export { type LoadedYaml, type LoadOptions, loadYaml, MAX_ALIAS_COUNT } from './load-yaml.js'
export type { DataPath, Locate, LocateOptions } from './locate.js'
export { firstInvalidUtf8, MAX_FILE_BYTES } from './read-text.js'

/** The file loadReport() reads inside a report folder. */
export const REPORT_FILE = 'report.yaml'

export interface LoadedReport {
  /** Absolute path of the report folder (the folder holding the YAML file). */
  dir: string
  /** Absolute path of the YAML file. */
  file: string
  /** The file as messages name it. */
  displayFile: string
  report: Report
  locate: Locate
}

/** The YAML file for a report path: the path itself if it is a file, else <dir>/report.yaml. */
export async function resolveReportFile(reportPath: string): Promise<string> {
  const abs = path.resolve(reportPath)
  let isDir: boolean
  try {
    isDir = (await stat(abs)).isDirectory()
  } catch (error) {
    if (!isMissing(error)) throw error // no permission and the like: the CLI names the path and code
    throw new DataParseError(`cannot find ${displayPath(abs)}: no such file or folder`, {
      hint: 'give a report folder such as data/<report>, or its report.yaml',
    })
  }
  if (!isDir) return abs
  const file = path.join(abs, REPORT_FILE)
  try {
    await stat(file)
  } catch (error) {
    if (!isMissing(error)) throw error
    throw new DataParseError(`${displayPath(abs)} has no ${REPORT_FILE}`, {
      hint: 'a report folder holds report.yaml (and optionally editions/)',
    })
  }
  return file
}

/**
 * Loads and validates a report: `reportPath` is a report folder (reads <dir>/report.yaml) or a YAML
 * file. Throws DataParseError (unreadable YAML) or DataValidationError (every problem at once).
 */
export async function loadReport(reportPath: string, options: LoadOptions = {}): Promise<LoadedReport> {
  const file = await resolveReportFile(reportPath)
  const loaded = await loadYaml(file, options)
  const report = validateReport(loaded.value, { file: loaded.displayFile, locate: loaded.locate })
  return {
    dir: path.dirname(loaded.file),
    file: loaded.file,
    displayFile: loaded.displayFile,
    report,
    locate: loaded.locate,
  }
}
