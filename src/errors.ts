// Every failure the library reports is a ReportError (or a subclass per pipeline stage). The library
// always throws; only cli.ts prints errors and turns them into exit codes.

export const ExitCode = {
  ok: 0,
  /** The input is wrong: invalid data, a template that cannot render, a slide that overflows. */
  invalidInput: 1,
  /** The command line itself is wrong. */
  usage: 2,
  /** The machine is missing something: no browser, a PDF that could not be made. */
  environment: 3,
  /** A bug in huibao. */
  internal: 70,
} as const
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

export interface SourceLocation {
  file: string
  line?: number
  column?: number
}

export interface ReportErrorOptions {
  cause?: unknown
  location?: SourceLocation
  hint?: string
  /** Further problems found in the same pass (validation reports all at once). */
  problems?: Problem[]
}

/** One finding with its place: validation, overflow and confinement checks report lists of these. */
export interface Problem {
  location?: SourceLocation
  /** JSON-pointer-like path of the field, e.g. sections[2].keywords[0].title */
  path?: string
  message: string
}

export class ReportError extends Error {
  readonly location?: SourceLocation
  readonly hint?: string
  readonly problems: Problem[]

  constructor(message: string, options: ReportErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.location = options.location
    this.hint = options.hint
    this.problems = options.problems ?? []
  }
}

// The classes below say what kind of failure it is; the CLI's one table (EXIT_CODES in cli.ts) turns
// the kind into an exit code.

export class ConfigError extends ReportError {}
export class DataParseError extends ReportError {}
export class DataValidationError extends ReportError {}
export class MergeError extends ReportError {}
export class ChartError extends ReportError {}
export class TemplateRenderError extends ReportError {}
export class OverflowError extends ReportError {}
export class ConfinementError extends ReportError {}
/** The command line itself is wrong: an unknown option value, edition or format. */
export class UsageError extends ReportError {}
/** The machine, not the input: no browser, a full disk, no permission to write. */
export class EnvironmentError extends ReportError {}
export class ConvertError extends EnvironmentError {}
export class BrowserNotFoundError extends EnvironmentError {}
/** The browser died (crashed, was killed) or stopped answering while it worked for us. */
export class BrowserCrashError extends EnvironmentError {
  constructor(
    message: string,
    readonly exitSignal?: string,
    options: ReportErrorOptions = {},
  ) {
    super(message, options)
  }
}
/** Something huibao did not expect: a bug (exit 70), kept with its cause for --debug. */
export class InternalError extends ReportError {}
/** The build was stopped by a signal (Ctrl-C, kill): exit 128 + the signal's number. */
export class InterruptedError extends ReportError {
  constructor(readonly signal: NodeJS.Signals) {
    super(`stopped by ${signal}`)
  }
}
/** The whole build took longer than --build-timeout: the machine is too slow or something hangs. */
export class BuildTimeoutError extends EnvironmentError {}
/** Some editions of a build failed; each failure keeps its own error (and so its own class). */
export class BuildFailedError extends ReportError {
  constructor(
    message: string,
    readonly failures: { id: string; error: Error }[],
  ) {
    super(message)
  }
}

/** Error codes of the file system that say the input's files are laid out wrongly. */
const INPUT_FS_CODES = new Set([
  'EISDIR',
  'ENOTDIR',
  'ENOENT',
  'EEXIST',
  'ENOTEMPTY',
  'ELOOP',
  'ENAMETOOLONG',
])
/** Error codes that say the machine cannot do it: full disk, read-only, no permission, no handles. */
const ENVIRONMENT_FS_CODES = new Set([
  'ENOSPC',
  'EDQUOT',
  'EROFS',
  'EACCES',
  'EPERM',
  'EIO',
  'EMFILE',
  'ENFILE',
  'EBUSY',
  'EFBIG',
])

const FS_WORDS: Record<string, string> = {
  EISDIR: 'is a folder where a file must go',
  ENOTDIR: 'a part of the path is a file where a folder must go',
  ENOENT: 'does not exist',
  EEXIST: 'already exists',
  ENOTEMPTY: 'is a folder that is not empty',
  ELOOP: 'is a loop of symbolic links',
  ENAMETOOLONG: 'the path is too long',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files on the system',
  EBUSY: 'the file is busy',
  EFBIG: 'the file is too large for the file system',
}

/**
 * A Node.js file-system error (anywhere in the cause chain) as a ReportError that names the path:
 * a wrong layout is invalid input, a full or read-only disk is the environment. Else undefined.
 */
export function fromSystemError(error: unknown): ReportError | undefined {
  let e: unknown = error
  while (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (typeof code === 'string' && (INPUT_FS_CODES.has(code) || ENVIRONMENT_FS_CODES.has(code))) {
      const sys = e as NodeJS.ErrnoException
      const path = (sys as { dest?: string }).dest ?? sys.path
      const what = `${path ? `${path}: ` : ''}${FS_WORDS[code] ?? code} (${code}${sys.syscall ? ` in ${sys.syscall}` : ''})`
      const outer = error instanceof Error && error !== e ? `${error.message}: ` : ''
      const message = `${outer}${what}`
      return ENVIRONMENT_FS_CODES.has(code)
        ? new EnvironmentError(message, { cause: error })
        : new ReportError(message, { cause: error })
    }
    e = (e as { cause?: unknown }).cause
  }
  return undefined
}

export function isReportError(value: unknown): value is ReportError {
  return value instanceof ReportError
}

/** "file:line:column" as editors and terminals make clickable. */
export function formatLocation(loc: SourceLocation): string {
  let s = loc.file
  if (loc.line !== undefined) s += `:${loc.line}`
  if (loc.line !== undefined && loc.column !== undefined) s += `:${loc.column}`
  return s
}
