// Loading an edition: the city's report (validated), the overlay data/<report>/editions/<id>.yaml
// merged onto it with provenance, the merged report validated like the base (problems at the file
// and line that set each value), then assembled into the Edition the stages use. The parts: where
// editions live (edition-files.ts), the merge (overlay.ts), validation in the edition's language
// (language-validation.ts), the finished edition (assemble-edition.ts).
import path from 'node:path'
import { type LoadedReport, loadReport, loadYaml } from '../data/load.js'
import type { Report } from '../data/types.js'
import { DataValidationError, MergeError, type Problem } from '../errors.js'
import { displayPath } from '../utils/paths.js'
import { resolveSafePath, UnsafeFileError } from '../utils/safe-read.js'
import { assembleEdition } from './assemble-edition.js'
import { editionFile, findProjectRoot } from './edition-files.js'
import type { EditionOptions, EditionSource, LoadedEdition } from './edition-types.js'
import { validateInLanguage } from './language-validation.js'
import { applyOverlay, isObject, originOf } from './overlay.js'

export { EDITIONS_DIR, findProjectRoot, listEditions } from './edition-files.js'
export type { EditionOptions, EditionSource, LoadedEdition } from './edition-types.js'

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
    return assembleEdition(base.report, editionId, base, baseSource(base), projectRoot)
  }
  const file = await editionFile(base.dir, reportId, editionId)
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
    report = validateInLanguage(merged.value, shown, source.locate, locale)
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
  return assembleEdition(report, editionId, base, source, projectRoot)
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
