// The order the outputs of one edition are made in: the one that measures the slides for overflow
// first (nothing is written for a deck that overflows), then the independent ones side by side on
// the browser's page pool, then those that read another output's file.
import type { BuiltFile, OutputInput, OutputSpec } from './outputs.js'
import { OUTPUT_KINDS } from './outputs.js'

export interface OutputProgress {
  started(spec: OutputSpec): void
  finished(built: BuiltFile): void
}

/** Makes every planned output of one edition; returns the files in the registry's order. */
export async function runOutputs(
  outputs: readonly OutputSpec[],
  input: OutputInput,
  progress: OutputProgress,
): Promise<BuiltFile[]> {
  const files: BuiltFile[] = []
  const runOne = async (spec: OutputSpec) => {
    const t0 = performance.now()
    progress.started(spec)
    const file = await spec.run(input)
    const built: BuiltFile = { kind: spec.kind, ...file, ms: performance.now() - t0 }
    files.push(built)
    progress.finished(built)
  }
  const measuring = outputs.find((o) => o.checksOverflow)
  if (measuring) await runOne(measuring)
  await Promise.all(outputs.filter((o) => o !== measuring && !o.after).map(runOne))
  await Promise.all(outputs.filter((o) => o !== measuring && o.after).map(runOne))
  return files.sort((a, b) => OUTPUT_KINDS.indexOf(a.kind) - OUTPUT_KINDS.indexOf(b.kind))
}
