// Editions: overlays merged onto the city's report (see overlay.ts for the format and rules).
export {
  EDITIONS_DIR,
  type EditionOptions,
  type EditionSource,
  type EditionsCheckResult,
  editionsCheck,
  findProjectRoot,
  type LoadedEdition,
  listEditions,
  loadEdition,
  validateEditions,
} from './edition.js'
export { applyOverlay, type Change, type ChangeKind, type MergeResult, originOf } from './overlay.js'
export { loadCheckedLocale, missingTranslations } from './translations.js'
