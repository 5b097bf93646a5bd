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
  readonly exitCode: ExitCode = ExitCode.invalidInput
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

export class ConfigError extends ReportError {}
export class DataParseError extends ReportError {}
export class DataValidationError extends ReportError {}
export class MergeError extends ReportError {}
export class ChartError extends ReportError {}
export class TemplateRenderError extends ReportError {}
export class OverflowError extends ReportError {}
export class ConfinementError extends ReportError {}
export class ConvertError extends ReportError {
  override readonly exitCode: ExitCode = ExitCode.environment
}
export class BrowserNotFoundError extends ReportError {
  override readonly exitCode: ExitCode = ExitCode.environment
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
