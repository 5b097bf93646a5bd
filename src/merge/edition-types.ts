// What loading an edition gives back and takes: the Edition the stages use plus where each of its
// values came from. Types only, shared by the parts of the edition loader.
import type { Edition } from '../context.js'
import type { LoadedReport } from '../data/load.js'
import type { SourceLocation } from '../errors.js'
import type { Logger } from '../log/logger.js'
import type { Change, DataPath, Origin } from './overlay.js'

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
