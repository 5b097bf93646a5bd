// Editions: overlays merged onto the city's report (see overlay.ts for the format and rules).
export {
  EDITIONS_DIR,
  type EditionOptions,
  type EditionSource,
  findProjectRoot,
  type LoadedEdition,
  listEditions,
  loadEdition,
} from './edition.js'
export { type EditionsCheckResult, editionsCheck, validateEditions } from './editions-check.js'
export { applyOverlay, type Change, type ChangeKind, type MergeResult, originOf } from './overlay.js'
export { loadCheckedLocale, missingTranslations } from './translations.js'
