// What a build reports as it goes: the pipeline calls BuildOptions.onEvent with these, and the
// progress views (live on a terminal, plain lines, JSON lines) turn them into output.
import type { SourceLocation } from '../errors.js'

export type BuildEvent =
  | { type: 'start'; report: string; editions: string[]; outputs: string[] }
  | { type: 'edition-start'; edition: string }
  | { type: 'output-start'; edition: string; output: string }
  | { type: 'output-done'; edition: string; output: string; path: string; pages?: number; ms: number }
  | { type: 'edition-done'; edition: string; name: string; ms: number }
  | { type: 'edition-failed'; edition: string; name: string; ms: number; error: ErrorSummary }

export interface ErrorSummary {
  message: string
  location?: SourceLocation
  problems: { message: string; path?: string; location?: SourceLocation }[]
}

export type BuildEventSink = (event: BuildEvent) => void
