/**
 * Lex Sarah reports received in the period (SoL 14 kap., DOMAIN §3; seed 004: "13 lex
 * Sarah" in elderly care in 2021), by reported date. Reports from private providers "for
 * information" count too. `lex-sarah-serious.ts` counts those of them assessed serious.
 */
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.js'
import { defineFormula, type FormulaScope, type Sex } from './formula.js'
import { countBySex } from './split.js'

export interface LexSarahFact {
  /** The person the report concerns; null when none is linked. */
  sex: Sex | null
  reportedDate: string
  /** The assessment's answer; null while not yet assessed. */
  serious: boolean | null
}

export const BY_SEX = 'Women and men count only the reports linked to a person, by that person\'s sex; the total counts all, so it may exceed women + men.'

export const loadLexSarahFacts = (db: Kysely<DB>, scope: FormulaScope): Promise<LexSarahFact[]> => db.selectFrom('lex_sarah_reports as r')
  .leftJoin('persons as p', 'p.id', 'r.person_id')
  .select(['p.sex', 'r.reported_date as reportedDate', 'r.serious'])
  .where('r.unit_id', '=', scope.unitId)
  .where('r.reported_date', '>=', scope.start)
  .where('r.reported_date', '<=', scope.end)
  .orderBy('r.id')
  .execute()

export const inPeriod = (f: LexSarahFact, scope: { start: string; end: string }) => f.reportedDate >= scope.start && f.reportedDate <= scope.end

export const lexSarahReports = defineFormula<LexSarahFact>({
  code: 'lex_sarah_reports',
  version: 1,
  title: 'Antal lex Sarah-rapporter',
  description: `Lex Sarah reports with a reported date in the period, whatever their assessment. ${BY_SEX}`,
  unit: 'count',
  direction: 'lower_is_better',
  params: [],
  load: loadLexSarahFacts,
  compute: (facts, scope) => countBySex(facts.filter((f) => inPeriod(f, scope)))
})
