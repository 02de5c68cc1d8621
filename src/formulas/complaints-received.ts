/**
 * Complaints and feedback received in the period (synpunkter och klagomål, DOMAIN §3; seed
 * 004: "30 synpunkter och klagomål" in elderly care in 2021): every kind — complaint,
 * feedback, idea, praise, question — by received date.
 */
import { defineFormula, type Sex } from './formula.js'
import { countBySex } from './split.js'

export interface ReceivedComplaint {
  /** The linked person's sex; null when no person is linked (anonymous, about the unit in general). */
  sex: Sex | null
  receivedDate: string
}

export const complaintsReceived = defineFormula<ReceivedComplaint>({
  code: 'complaints_received',
  version: 1,
  title: 'Antal synpunkter och klagomål',
  description: 'Complaints and feedback of every kind (complaint, feedback, idea, praise, question) received in the period. Women and men count only those linked to a person, by that person\'s sex; the total counts all, so it may exceed women + men.',
  unit: 'count',
  direction: 'lower_is_better',
  params: [],
  load: (db, scope) => db.selectFrom('complaints as c')
    .leftJoin('persons as p', 'p.id', 'c.person_id')
    .select(['p.sex', 'c.received_date as receivedDate'])
    .where('c.unit_id', '=', scope.unitId)
    .where('c.received_date', '>=', scope.start)
    .where('c.received_date', '<=', scope.end)
    .orderBy('c.id')
    .execute(),
  compute: (facts, scope) => countBySex(facts.filter((f) => f.receivedDate >= scope.start && f.receivedDate <= scope.end))
})
