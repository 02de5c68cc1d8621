/**
 * Shares as the annual report writes them (seed 004): "33 % (10/30) concerned private
 * providers". Rounded half up to whole percent; no share of nothing.
 */
export interface Share {
  count: number
  of: number
  /** Percent, rounded to a whole number; null when there is nothing to share. */
  percent: number | null
  text: string
}

export function share(count: number, of: number): Share {
  if (of === 0) return { count, of, percent: null, text: `– (${count}/${of})` }
  const percent = Math.floor((count * 100) / of + 0.5)
  return { count, of, percent, text: `${percent} % (${count}/${of})` }
}

export interface Comparison { key: string; current: Share; previous: Share }

/**
 * Counts by key for this year and last year, each as a share of its own year's total,
 * in the order of `keys` followed by any other key seen (sorted).
 */
export function compareCounts(
  current: ReadonlyMap<string, number>, currentTotal: number,
  previous: ReadonlyMap<string, number>, previousTotal: number,
  keys: readonly string[] = []
): Comparison[] {
  const extra = [...new Set([...current.keys(), ...previous.keys()])].filter((k) => !keys.includes(k)).sort()
  return [...keys, ...extra].map((key) => ({
    key,
    current: share(current.get(key) ?? 0, currentTotal),
    previous: share(previous.get(key) ?? 0, previousTotal)
  }))
}
