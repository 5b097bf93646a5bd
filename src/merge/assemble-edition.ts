import path from 'node:path'
import type { ThemeChoice } from '../context.js'
import type { LoadedReport } from '../data/load.js'
import { resolveMetricRefs } from '../data/refs.js'
import type { Report } from '../data/types.js'
import { MergeError, type Problem } from '../errors.js'
import { bindReportVars, loadLocale } from '../i18n/locale.js'
import { placeholderProblems } from '../i18n/locale-check.js'
import { reportVars } from '../i18n/report-vars.js'
import { availableThemes, themeDir, themeRoots } from '../themes/find.js'
import { resolveSafePath, UnsafeFileError } from '../utils/safe-read.js'
import { SLUG } from './edition-files.js'
import type { EditionSource, LoadedEdition } from './edition-types.js'
import { loadCheckedLocale, missingTranslations } from './translations.js'
import { applyUnitWords } from './unit-words.js'

const DEFAULT_THEME = 'formal'

/** The edition of a validated report; throws MergeError naming every missing key and translation. */
export async function assembleEdition(
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
    report: applyUnitWords(resolveMetricRefs(report), strings, report.locale),
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
  // looked up only for a message: a file read quickly parses its places on first ask
  const location = () => source.locate(['presentation', 'theme'])
  if (!SLUG.test(name)) {
    throw new MergeError(`theme "${name}" is not a theme name (a folder name in themes/)`, {
      location: location(),
    })
  }
  try {
    await resolveSafePath(path.join(themeDir(name, reportDir, projectRoot), 'deck.css'), {
      roots: themeRoots(reportDir, projectRoot),
    })
  } catch (error) {
    if (!(error instanceof UnsafeFileError)) throw error
    const themes = await availableThemes(projectRoot)
    throw new MergeError(`unknown theme "${name}": themes/${name}/deck.css ${error.reason}`, {
      location: location(),
      hint: `themes: ${themes.sort().join(', ')}`,
    })
  }
}
