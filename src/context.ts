// What every stage after loading works on: the resolved edition (merged data, locale strings, theme)
// and the build context (logger, shared browser, options). Passing these explicitly, instead of
// module-level state, keeps parallel edition builds and tests isolated.
import type { BrowserSession } from './browser/session.js'
import type { Report } from './data/types.js'
import type { LocaleStrings } from './i18n/locale.js'
import type { Logger } from './log/logger.js'

export interface BuildContext {
  /** Folder holding templates/, themes/ and the data; pages may load only files below it. */
  projectRoot: string
  logger: Logger
  session: BrowserSession
  /** false with --no-cache: render every chart again. */
  cache: boolean
  /** with --keep: the edition's output folder, where the files between the stages are written too */
  keep?: string
}

export interface ThemeChoice {
  /** folder name in themes/: formal | plain */
  name: string
  /** accent colour that overrides the theme's own (district colours) */
  accent?: string
  /** the report folder, whose own themes/<name>/ comes before the project's (src/resources.ts) */
  reportDir?: string
}

/** One edition, ready to render: the city's report or a district/language overlay merged onto it. */
export interface Edition {
  /** ASCII slug: the report id for the base edition, the overlay id otherwise (a district id, en) */
  id: string
  reportId: string
  /** the report folder (data/<report>); relative paths in the data resolve against it */
  reportDir: string
  report: Report
  locale: Report['locale']
  strings: LocaleStrings
  theme: ThemeChoice
  /** absolute path of the logo image, if the edition has one */
  logo?: string
  /** output/<report>/<edition>/ */
  outDir: string
}
