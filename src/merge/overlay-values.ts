// What kind of value a piece of report data is, as the merge rules tell them apart (maps, lists of
// items with ids, everything else), and a short form of a value for `huibao diff`.
import type { Obj } from './overlay-types.js'

export const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v)

/** A list whose items all are maps with a string id. */
export function isIdList(v: unknown): v is Obj[] {
  return Array.isArray(v) && v.length > 0 && v.every((item) => isObject(item) && typeof item.id === 'string')
}

export const isEmptyOrAbsent = (v: unknown) => v === undefined || (Array.isArray(v) && v.length === 0)

export function clone<T>(v: T): T {
  return structuredClone(v)
}

function shorten(v: unknown, max = 40): string {
  if (v === undefined) return '(none)'
  const s = Array.isArray(v)
    ? v.every((x) => typeof x !== 'object')
      ? `[${v.map((x) => String(x)).join(', ')}]`
      : `${v.length} items`
    : isObject(v)
      ? '{…}'
      : String(v)
  const chars = [...s]
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s
}

export { shorten as shortenValue }
