/** Pure helpers the formulas share: splitting by sex, counting, sums, medians and shares. */
import type { FormulaResult, Sex } from './formula.js'

export const NO_RECORDS = 'Inga underlag under perioden.'

const groups = <T extends { sex: Sex | null }>(facts: readonly T[]) => ({
  total: facts,
  women: facts.filter((f) => f.sex === 'female'),
  men: facts.filter((f) => f.sex === 'male')
})

const basisOf = <T extends { sex: Sex | null }>(facts: readonly T[]) => {
  const g = groups(facts)
  return { total: g.total.length, women: g.women.length, men: g.men.length }
}

/** Four decimals, as stored: what is returned is exactly what is kept. */
export const round4 = (value: number) => Math.round(value * 10_000) / 10_000

/** A fact with no sex (no person linked) counts in the total only. */
export function countBySex<T extends { sex: Sex | null }>(facts: readonly T[]): FormulaResult {
  const basis = basisOf(facts)
  return { ...basis, basis, missingReason: null }
}

export function sumBySex<T extends { sex: Sex }>(facts: readonly T[], amount: (fact: T) => number): FormulaResult {
  const g = groups(facts)
  const sum = (list: readonly T[]) => round4(list.reduce((acc, f) => acc + amount(f), 0))
  return { total: sum(g.total), women: sum(g.women), men: sum(g.men), basis: basisOf(facts), missingReason: null }
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const value = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  return round4(value)
}

export function medianBySex<T extends { sex: Sex }>(facts: readonly T[], value: (fact: T) => number): FormulaResult {
  const g = groups(facts)
  const m = (list: readonly T[]) => median(list.map(value))
  return { total: m(g.total), women: m(g.women), men: m(g.men), basis: basisOf(facts), missingReason: facts.length === 0 ? NO_RECORDS : null }
}

/** Percent of the facts that satisfy `counts`; the basis is the denominator. */
export function shareBySex<T extends { sex: Sex }>(facts: readonly T[], counts: (fact: T) => boolean): FormulaResult {
  const g = groups(facts)
  const share = (list: readonly T[]) => (list.length === 0 ? null : round4((100 * list.filter(counts).length) / list.length))
  return { total: share(g.total), women: share(g.women), men: share(g.men), basis: basisOf(facts), missingReason: facts.length === 0 ? NO_RECORDS : null }
}
