// Loading an edition: the city's report (validated), the overlay data/<report>/editions/<id>.yaml
// merged onto it with provenance, the merged report validated like the base (problems at the file
// and line that set each value), locale strings checked, translations checked, logo resolved.
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { Value } from '@sinclair/typebox/value'
import type { Edition, ThemeChoice } from '../context.js'
import { formatMetric } from '../data/format.js'
import { displayPath, type LoadedReport, loadReport, loadYaml } from '../data/load.js'
import { allMetrics } from '../data/metrics.js'
import { resolveMetricRefs } from '../data/refs.js'
import { reportVars } from '../data/region.js'
import { Metric, type Report } from '../data/types.js'
import { formatDataPath, validateReport } from '../data/validate.js'
import {
  DataValidationError,
  isReportError,
  MergeError,
  type Problem,
  type SourceLocation,
} from '../errors.js'
import type { Logger } from '../log/logger.js'
import { bindReportVars, loadLocale } from '../render/locale.js'
import { placeholderProblems } from '../render/locale-check.js'
import { themeDir } from '../resources.js'
import { resolveSafePath, UnsafeFileError } from '../utils/safe-read.js'
import { applyOverlay, type Change, type DataPath, isObject, type Origin, originOf } from './overlay.js'
import { loadCheckedLocale, missingTranslations } from './translations.js'

/** Folder of the overlays inside a report folder. */
export const EDITIONS_DIR = 'editions'
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const DEFAULT_THEME = 'formal'

export interface EditionOptions {
  /** Folder holding templates/ and themes/ (default: found above the report folder, else the cwd). */
  projectRoot?: string
  logger?: Logger
  /** An already loaded base report (saves reading it again for each edition). */
  base?: LoadedReport
}

/** Where each value of an edition came from. */
export interface EditionSource {
  /** The base report file as messages name it. */
  baseFile: string
  /** The overlay file as messages name it; absent for the base edition. */
  overlayFile?: string
  /** Which layer and which path in that layer's file set a value of the merged report. */
  origin(path: DataPath): Origin
  /** file:line:column of the value at a merged path, in the file that set it. */
  locate(path: DataPath, options?: { key?: boolean }): SourceLocation
  /** file:line:column of a path in the overlay file itself. */
  locateOverlay(path: DataPath, options?: { key?: boolean }): SourceLocation
  /** What the overlay changes against the base, in overlay order. */
  changes: Change[]
}

export interface LoadedEdition extends Edition {
  source: EditionSource
}

/** The folder above `from` holding templates/locales, or the working directory. */
export async function findProjectRoot(from: string): Promise<string> {
  let dir = path.resolve(from)
  for (;;) {
    try {
      if ((await stat(path.join(dir, 'templates', 'locales'))).isDirectory()) return dir
    } catch {}
    const up = path.dirname(dir)
    if (up === dir) return process.cwd()
    dir = up
  }
}

/** The overlay ids of a report (file names in editions/, sorted); the base edition is not listed. */
export async function listEditions(reportDir: string): Promise<string[]> {
  const dir = path.join(path.resolve(reportDir), EDITIONS_DIR)
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return []
  }
  const ids: string[] = []
  for (const name of names.sort()) {
    if (!name.endsWith('.yaml') && !name.endsWith('.yml')) continue
    const id = name.replace(/\.ya?ml$/, '')
    if (!SLUG.test(id)) {
      throw new MergeError(
        `edition file name "${name}" is not an ASCII slug (lower-case letters, digits, single hyphens)`,
        {
          location: { file: displayPath(path.join(dir, name)) },
          hint: 'rename it, e.g. north-district.yaml',
        },
      )
    }
    ids.push(id)
  }
  return ids
}

/** Validation problems of a merged language edition with the Chinese figure check replaced. */
function localeAwareValidate(value: unknown, file: string, locate: EditionSource['locate'], locale: string) {
  try {
    return validateReport(value, { file, locate, numbering: 'edition' })
  } catch (error) {
    if (!(error instanceof DataValidationError) || locale === 'zh-CN') throw error
    // The schema and semantic checks hold for every language, except that a figure must appear in
    // its sentence as the Chinese report writes it. For other locales, drop those two findings for
    // metrics that are otherwise well-formed and check the figure as that language writes it.
    const report = value as Report
    const wellFormed = new Set<string>()
    const ownProblems: Problem[] = []
    for (const entry of safeMetrics(report)) {
      if (!Value.Check(Metric, entry.metric)) continue
      const at = formatDataPath(entry.path)
      wellFormed.add(`${at}.value`)
      wellFormed.add(`${at}.sentence`)
      ownProblems.push(...figureProblems(entry.metric, entry.paragraphs, entry.path, locate))
    }
    const kept = error.problems.filter((p) => !(p.path && wellFormed.has(p.path)))
    const problems = [...kept, ...ownProblems]
    if (problems.length === 0) return report
    const n = problems.length
    throw new DataValidationError(`${file}: ${n} problem${n === 1 ? '' : 's'}`, { problems })
  }
}

function safeMetrics(report: Report): { metric: Metric; path: DataPath; paragraphs: string[] }[] {
  try {
    return allMetrics(report).map((e) => ({
      metric: e.metric,
      path: e.path,
      paragraphs: [
        ...(e.project ? [e.project.text] : []),
        ...(e.keyword?.paragraphs ?? (e.block ? report[e.block].paragraphs : [])),
      ],
    }))
  } catch {
    return []
  }
}

const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase()

/** The number(s) of a figure as English writes them: "7.5%", "24 billion", "3 to 5", "1,500". */
export function englishFigureCore(metric: Metric): string {
  const plain = formatMetric(
    { ...metric, comparator: metric.comparator === 'range' ? 'range' : 'exact' },
    'en',
  )
  const m = /\d[\d,.]*(?:%| to [\d,.]+)?(?: trillion| billion| million)?/.exec(plain)
  return m ? m[0] : plain
}

function figureProblems(
  metric: Metric,
  paragraphs: string[],
  at: DataPath,
  locate: EditionSource['locate'],
): Problem[] {
  const problems: Problem[] = []
  const core = englishFigureCore(metric)
  if (!squash(metric.sentence).includes(squash(core))) {
    problems.push({
      location: locate([...at, 'sentence']),
      path: formatDataPath([...at, 'sentence']),
      message: `the figure "${core}" (${formatMetric(metric, 'en')}) does not appear in its sentence`,
    })
  }
  if (paragraphs.length > 0 && !paragraphs.some((p) => squash(p).includes(squash(metric.sentence)))) {
    problems.push({
      location: locate([...at, 'sentence']),
      path: formatDataPath([...at, 'sentence']),
      message: 'the sentence is not part of its (translated) paragraph: copy it verbatim from there',
    })
  }
  return problems
}

function baseSource(base: LoadedReport): EditionSource {
  return {
    baseFile: base.displayFile,
    origin: (p) => ({ layer: 'base', path: p }),
    locate: (p, o) => base.locate(p, o),
    locateOverlay: () => ({ file: base.displayFile }),
    changes: [],
  }
}

/**
 * Loads one edition of a report: the report's own id gives the base edition, any other id the
 * overlay data/<report>/editions/<id>.yaml merged onto it. Throws MergeError (overlay problems,
 * untranslated text, incomplete locale strings) or DataValidationError (the merged report), each
 * problem with the file:line that set the value.
 */
export async function loadEdition(
  reportDir: string,
  editionId: string,
  options: EditionOptions = {},
): Promise<LoadedEdition> {
  const projectRoot = options.projectRoot ?? (await findProjectRoot(reportDir))
  const base = options.base ?? (await loadReport(reportDir, { logger: options.logger }))
  const reportId = base.report.id
  if (editionId === reportId) {
    return finish(base.report, editionId, base, baseSource(base), projectRoot)
  }
  if (!SLUG.test(editionId)) {
    throw new MergeError(`"${editionId}" is not an edition id (an ASCII slug such as north-district)`)
  }
  const file = path.join(base.dir, EDITIONS_DIR, `${editionId}.yaml`)
  try {
    await stat(file)
  } catch {
    const known = await listEditions(base.dir).catch(() => [])
    throw new MergeError(`no edition "${editionId}": ${displayPath(file)} does not exist`, {
      hint: `editions of ${reportId}: ${[reportId, ...known].join(', ')}`,
    })
  }
  const overlay = await loadYaml(file, { logger: options.logger, roots: [base.dir, projectRoot] })
  const shown = overlay.displayFile
  if (!isObject(overlay.value)) {
    throw new MergeError('an edition overlay is a map (base: …, presentation: …, sections: …)', {
      location: overlay.locate([]),
    })
  }
  const { base: baseId, ...patch } = overlay.value
  const problems: Problem[] = []
  if (baseId === undefined) {
    problems.push({
      location: { file: shown, line: 1 },
      message: `missing "base: ${reportId}" (the id of the report this edition overlays)`,
    })
  } else if (baseId !== reportId) {
    problems.push({
      location: overlay.locate(['base']),
      path: 'base',
      message: `base is "${String(baseId)}", but the report in ${displayPath(base.dir)} is "${reportId}"`,
    })
  }
  if ('id' in patch) {
    problems.push({
      location: overlay.locate(['id'], { key: true }),
      path: 'id',
      message: `an edition takes its id from its file name ("${editionId}"); remove "id"`,
    })
    delete patch.id
  }
  const merged = applyOverlay(base.report as unknown as Record<string, unknown>, patch, {
    locateOverlay: overlay.locate,
  })
  problems.push(...merged.problems)
  const source: EditionSource = {
    baseFile: base.displayFile,
    overlayFile: shown,
    origin: (p) => originOf(merged.provenance, p),
    locate: (p, o) => {
      const origin = originOf(merged.provenance, p)
      return origin.layer === 'overlay' ? overlay.locate(origin.path, o) : base.locate(origin.path, o)
    },
    locateOverlay: overlay.locate,
    changes: merged.changes,
  }

  // The logo: relative to the file that names it; the merged data holds it relative to the report.
  const presentation = merged.value.presentation
  if (isObject(presentation) && typeof presentation.logo === 'string') {
    const origin = source.origin(['presentation', 'logo'])
    const from = origin.layer === 'overlay' ? path.dirname(overlay.file) : base.dir
    const abs = path.resolve(from, presentation.logo)
    try {
      // The one rule for paths from data: inside the report or project folder, a regular file.
      await resolveSafePath(abs, { roots: [base.dir, projectRoot], what: 'logo' })
      presentation.logo = path.relative(base.dir, abs).split(path.sep).join('/')
    } catch (error) {
      if (!(error instanceof UnsafeFileError)) throw error
      problems.push({
        location: source.locate(['presentation', 'logo']),
        path: 'presentation.logo',
        message: `${error.message}${error.reason === 'does not exist' ? ' (the path is relative to the file that names it)' : ''}`,
      })
    }
  }
  // Removing every section is the overlay's doing: say so there, not at the report's sections.
  const sections = merged.value.sections
  if (Array.isArray(sections) && sections.length === 0 && isObject(patch) && 'sections' in patch) {
    problems.push({
      location: overlay.locate(['sections'], { key: true }),
      path: 'sections',
      message: 'the overlay removes every section; an edition keeps or adds at least one',
    })
  }
  const locale = typeof merged.value.locale === 'string' ? merged.value.locale : 'zh-CN'
  let report: Report
  try {
    report = localeAwareValidate(merged.value, shown, source.locate, locale)
  } catch (error) {
    // Name items by id, as the overlay does: sections[<id>].keywords[0] is sections[0]… merged.
    if (!(error instanceof DataValidationError)) throw error
    const all = [
      ...problems,
      ...error.problems.map((p) => (p.path ? { ...p, path: idPath(p.path, merged.value) } : p)),
    ]
    // Overlay problems and the merged report's come in one list, not in rounds.
    const Kind = problems.length > 0 ? MergeError : DataValidationError
    throw new Kind(problems.length > 0 ? `${shown}: ${all.length} problems` : error.message, {
      problems: all,
      hint: error.hint,
    })
  }
  if (problems.length > 0) {
    const n = problems.length
    throw new MergeError(`${shown}: ${n} problem${n === 1 ? '' : 's'}`, { problems })
  }
  return finish(report, editionId, base, source, projectRoot)
}

/** "sections[1].keywords[0].title" -> "sections[industry].keywords[digital-economy].title". */
export function idPath(formatted: string, root: unknown): string {
  let value: unknown = root
  let out = ''
  for (const m of formatted.matchAll(/\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([^.[\]]+)/g)) {
    if (m[1] !== undefined) {
      const item: unknown = Array.isArray(value) ? value[Number(m[1])] : undefined
      const id = isObject(item) && typeof item.id === 'string' ? item.id : undefined
      out += id ? `[${id}]` : m[0]
      value = item
    } else {
      const key = m[2] !== undefined ? (JSON.parse(m[2]) as string) : (m[3] as string)
      out += m[0]
      value = isObject(value) ? value[key] : undefined
    }
  }
  return out
}

async function finish(
  report: Report,
  id: string,
  base: LoadedReport,
  source: EditionSource,
  projectRoot: string,
): Promise<LoadedEdition> {
  const shown = source.overlayFile ?? source.baseFile
  const {
    strings,
    problems: localeProblems,
    file: localeFile,
  } = await loadCheckedLocale(projectRoot, report.locale, base.dir)
  // Locale keys, placeholders and translations: every problem in one list, not in rounds.
  const placeholders = placeholderProblems(strings, await loadLocale(projectRoot, 'zh-CN'))
  const untranslated = missingTranslations({ locale: report.locale, report, source })
  const parts: [Problem[], string][] = [
    [
      localeProblems,
      `${localeFile} lacks ${localeProblems.length} key${localeProblems.length === 1 ? '' : 's'} that zh-CN.yaml has (the locale of ${shown})`,
    ],
    [
      placeholders,
      `${placeholders.length} locale string${placeholders.length === 1 ? '' : 's'} use${placeholders.length === 1 ? 's' : ''} an unknown placeholder`,
    ],
    [
      untranslated,
      `${shown}: ${untranslated.length} text${untranslated.length === 1 ? '' : 's'} not translated to ${report.locale}`,
    ],
  ]
  const failing = parts.filter(([list]) => list.length > 0)
  if (failing.length > 0) {
    const hints = [
      localeProblems.length > 0 ? `add the missing keys to ${localeFile}` : '',
      untranslated.length > 0
        ? `translate them in ${shown} (by id, as the overlay format says); nothing is shown in Chinese silently`
        : '',
    ].filter(Boolean)
    const [only] = failing
    throw new MergeError(failing.length === 1 && only ? only[1] : failing.map(([, m]) => m).join('; '), {
      problems: failing.flatMap(([list, message]) => (failing.length === 1 ? list : [{ message }, ...list])),
      hint: hints.join('; ') || undefined,
    })
  }
  const theme: ThemeChoice = { name: report.presentation?.theme ?? DEFAULT_THEME, reportDir: base.dir }
  if (report.presentation?.theme) await checkTheme(theme.name, projectRoot, source, base.dir)
  if (report.presentation?.accent) theme.accent = report.presentation.accent
  const edition: LoadedEdition = {
    id,
    reportId: base.report.id,
    reportDir: base.dir,
    report: resolveMetricRefs(report),
    locale: report.locale,
    strings: bindReportVars(strings, reportVars(report.meta, report.presentation)),
    theme,
    outDir: path.join(projectRoot, 'output', base.report.id, id),
    source,
  }
  if (report.presentation?.logo) {
    const abs = path.resolve(base.dir, report.presentation.logo)
    try {
      edition.logo = await resolveSafePath(abs, { roots: [base.dir, projectRoot], what: 'logo' })
    } catch (error) {
      if (!(error instanceof UnsafeFileError)) throw error
      throw new MergeError(error.message, { location: source.locate(['presentation', 'logo']) })
    }
  }
  return edition
}

/** A theme the data names must be a folder of themes/ with a deck.css: said at the line that names it. */
async function checkTheme(
  name: string,
  projectRoot: string,
  source: EditionSource,
  reportDir: string,
): Promise<void> {
  const location = source.locate(['presentation', 'theme'])
  if (!SLUG.test(name)) {
    throw new MergeError(`theme "${name}" is not a theme name (a folder name in themes/)`, { location })
  }
  try {
    await resolveSafePath(path.join(themeDir(name, reportDir, projectRoot), 'deck.css'), {
      roots: [projectRoot, reportDir],
    })
  } catch (error) {
    if (!(error instanceof UnsafeFileError)) throw error
    const themes = await readdir(path.join(projectRoot, 'themes')).catch(() => [] as string[])
    throw new MergeError(`unknown theme "${name}": themes/${name}/deck.css ${error.reason}`, {
      location,
      hint: `themes: ${themes.sort().join(', ')}`,
    })
  }
}

export interface EditionsCheckResult {
  problems: Problem[]
  summary?: string
}

/**
 * Loads and checks every edition of a report; returns all problems (each with file:line) instead
 * of stopping at the first edition that fails. For `huibao validate`.
 */
export async function validateEditions(
  reportDir: string,
  options: EditionOptions = {},
): Promise<EditionsCheckResult> {
  const base = options.base ?? (await loadReport(reportDir, { logger: options.logger }))
  const projectRoot = options.projectRoot ?? (await findProjectRoot(base.dir))
  const problems: Problem[] = []
  let ids: string[]
  try {
    ids = await listEditions(base.dir)
  } catch (error) {
    if (!isReportError(error)) throw error
    return { problems: [{ location: error.location, message: error.message }] }
  }
  let valid = 0
  for (const id of ids) {
    try {
      await loadEdition(base.dir, id, { ...options, base, projectRoot })
      valid++
    } catch (error) {
      if (!isReportError(error)) throw error
      problems.push({ location: error.location, message: `edition ${id}: ${error.message}` })
      problems.push(...error.problems)
    }
  }
  const summary =
    ids.length === 0 ? undefined : `${valid} of ${ids.length} edition${ids.length === 1 ? '' : 's'}`
  return { problems, summary }
}

/**
 * validateEditions in the shape of a `huibao validate` check (ReportCheck in commands/validate.ts):
 * add it to defaultReportChecks.
 */
export async function editionsCheck(
  loaded: LoadedReport,
  context: { logger: Logger },
): Promise<EditionsCheckResult> {
  return validateEditions(loaded.dir, { base: loaded, logger: context.logger })
}
