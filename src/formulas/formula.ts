/**
 * A computed indicator's formula: one file each, listed in `registry.ts`. `load` fetches the
 * facts for one unit and period with Kysely; `compute` is a pure function of those facts, so
 * the same data always gives the same numbers and tests can call it directly. Change what a
 * formula computes → raise its `version`: stored values name the version they came from.
 *
 * A person never changes unit, so the persons joined for their sex are the unit's own:
 * `p.unit_id = unitId` changes no result, but lets the planner read the unit's persons only.
 */
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.js'
import type { Period } from '../domain/indicators/period.js'
import type { Direction, MeasureUnit } from '../domain/indicators/targets.js'

export type { Sex } from '../domain/person.js'

export interface FormulaScope {
  unitId: string
  year: number
  /** A reporting period, or a calendar month (`month`: computed on demand, not stored). */
  period: Period | 'month'
  /** The period's first and last day (legal dates). */
  start: string
  end: string
  params: Readonly<Record<string, string>>
}

export interface FormulaResult {
  total: number | null
  women: number | null
  men: number | null
  /** The number of answers or records behind each figure (for a share: its denominator). */
  basis: { total: number; women: number; men: number }
  /** Why there is no value (e.g. no records behind a share or median). */
  missingReason: string | null
}

export interface FormulaParam {
  name: string
  description: string
  required: boolean
  /** What the value must name; checked when an indicator is defined. */
  kind: 'service_type_code' | 'outcome'
}

interface FormulaInfo {
  code: string
  version: number
  title: string
  description: string
  unit: MeasureUnit
  direction: Direction
  params: readonly FormulaParam[]
}

export interface FormulaDefinition<Fact> extends FormulaInfo {
  load(db: Kysely<DB>, scope: FormulaScope): Promise<Fact[]>
  compute(facts: readonly Fact[], scope: FormulaScope): FormulaResult
}

/** What the registry keeps: the facts' type is the formula's own business. */
export interface Formula extends FormulaInfo {
  run(db: Kysely<DB>, scope: FormulaScope): Promise<FormulaResult>
}

export function defineFormula<Fact>(definition: FormulaDefinition<Fact>): FormulaDefinition<Fact> & Formula {
  return { ...definition, run: async (db, scope) => definition.compute(await definition.load(db, scope), scope) }
}
