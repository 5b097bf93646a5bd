// `--shard k/n`: a stable k-th share of the editions, so that a CI job matrix of n runners builds
// every edition exactly once. Editions are sorted by id and dealt out in turn (the 1st, n+1-th …
// to shard 1): shares differ by at most one edition, and the same ids always give the same shares.

export interface Shard {
  /** 1-based */
  index: number
  count: number
}

/** Parses "k/n" (1 <= k <= n); undefined with the reason when it is not one. */
export function parseShard(value: string): { shard?: Shard; problem?: string } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value)
  if (!m) return { problem: `"${value}" is not k/n (for example 2/4)` }
  const index = Number(m[1])
  const count = Number(m[2])
  if (count < 1 || count > 10_000) return { problem: `"${value}": n must be between 1 and 10000` }
  if (index < 1 || index > count) return { problem: `"${value}": k must be between 1 and ${count}` }
  return { shard: { index, count } }
}

/** The ids of `shard`, in sorted order. */
export function shareOf(ids: readonly string[], shard: Shard): string[] {
  const sorted = [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return sorted.filter((_, i) => i % shard.count === shard.index - 1)
}
