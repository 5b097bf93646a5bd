// Work over a list with at most `limit` items in flight: editions are built side by side, but not
// all at once (each holds pages of the one browser, and memory).

/** Runs fn over items with at most `limit` at a time, keeping the input order in the results. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
