// How problems are worded for the person editing the YAML: a data path as they would write it
// (sections[2].keywords[0].title), what a value is ("the string …", "a list of 2 items"), and the
// "did you mean" guess for a misspelt name. Shared by the schema problems, the report rules and
// the checks of templates, charts and editions, so that all speak the same words.
import type { DataPath } from './locate.js'

/** sections[2].keywords[0].title */
export function formatDataPath(dataPath: DataPath): string {
  let out = ''
  for (const segment of dataPath) {
    if (typeof segment === 'number') out += `[${segment}]`
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out ? `.${segment}` : segment
    else out += `[${JSON.stringify(segment)}]`
  }
  return out
}

export function truncate(s: string, max = 60): string {
  const chars = [...s]
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s
}

/** What a value is, for "found …": the string "abc", the number 3, a list of 2 items. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (an empty value)'
  if (typeof value === 'string')
    return value === '' ? 'an empty string' : `the string ${JSON.stringify(truncate(value))}`
  if (typeof value === 'number') return `the number ${value}`
  if (typeof value === 'boolean') return `the value ${value}`
  if (Array.isArray(value)) {
    return value.length === 0
      ? 'an empty list'
      : `a list of ${value.length} item${value.length === 1 ? '' : 's'}`
  }
  if (typeof value === 'object') return 'a mapping (key: value pairs)'
  return String(value)
}

/** Edit distance counting a swap of two neighbours as one edit (titel -> title). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.MAX_SAFE_INTEGER
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1)
      ;(d[i] as number[])[j] = best
    }
  }
  return at(a.length, b.length)
}

/** The candidate closest to `name`, if it is close enough to be a typo. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined
  let bestDistance = Math.max(1, Math.floor(name.length / 4)) + 1
  for (const c of candidates) {
    const d = editDistance(name, c)
    if (d < bestDistance) {
      best = c
      bestDistance = d
    }
  }
  return best
}
