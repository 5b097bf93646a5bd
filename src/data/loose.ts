// Reading a value that has not passed the schema yet. The report rules run even when the schema
// failed (so that one run names every problem), so they read the value defensively and skip
// whatever is not well-formed: the schema problems already say why.

export type Loose = Record<string, unknown>

export const asObject = (v: unknown): Loose | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : undefined
export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
export const asStrings = (v: unknown): string[] =>
  asArray(v).filter((s): s is string => typeof s === 'string')

/** Whitespace carries no meaning in Chinese text, and YAML folding may add or drop it. */
export const squash = (s: string) => s.replace(/\s+/g, '')
