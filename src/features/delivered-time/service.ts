/**
 * Ordered against delivered time (avvikelsekundlista), monthly: per customer and provider the
 * hours ordered and delivered, the difference, and whether it is outside the tolerance; a
 * summary split by women and men. Rows about persons with protected identity are listed only
 * for callers with that permission (the summary counts them all). Each listed row is logged.
 * Also what the worklist needs: customers below the ordered hours for months running, and the
 * delivered months of a decision for the IVO report's rules.
 */
import type { Kysely } from 'kysely'
import { seesProtectedIdentities } from '../../auth/access.js'
import type { DB } from '../../db/schema.js'
import {
  belowForMonths, deliveredPercent, deviationOf, differenceOf, monthEnd, monthsBefore, type Deviation, type DeliveredMonth, type Tolerance
} from '../../domain/delivered-time.js'
import type { Sex } from '../../domain/person.js'
import { notFound } from '../../http/problem.js'
import type { Caller } from '../../service/caller.js'
import { findReportUnit } from '../units/service.js'
import { deliveredMonthsOfDecision, deliveredTimeRows, isLocked, shortfalls } from './repository.js'

export { deliveredMonthsOfDecision }

interface Totals { orders: number; orderedHours: number; deliveredHours: number; differenceHours: number; deviations: Record<Deviation, number> }

const emptyTotals = (): Totals => ({ orders: 0, orderedHours: 0, deliveredHours: 0, differenceHours: 0, deviations: { within: 0, below: 0, above: 0, not_reported: 0 } })
const round2 = (n: number) => Math.round(n * 100) / 100

function add(t: Totals, ordered: number, delivered: number | null, deviation: Deviation) {
  t.orders += 1
  t.orderedHours = round2(t.orderedHours + ordered)
  t.deliveredHours = round2(t.deliveredHours + (delivered ?? 0))
  t.differenceHours = round2(t.deliveredHours - t.orderedHours)
  t.deviations[deviation] += 1
}

export async function deliveredTimeReport(db: Kysely<DB>, caller: Caller, first: string, tolerance: Tolerance) {
  const unit = await findReportUnit(db, caller.actor.unitId)
  if (!unit) throw notFound('Unit')
  const [rows, locked] = await Promise.all([deliveredTimeRows(db, unit.id, first, monthEnd(first)), isLocked(db, unit.id, first)])
  const all = rows.map((r) => {
    const ordered = r.hours_per_month as number
    const delivered = r.delivered_hours
    const deviation = deviationOf(ordered, delivered, tolerance)
    return {
      orderId: r.order_id, decisionId: r.decision_id, personId: r.person_id, personName: `${r.first_name} ${r.last_name}`, sex: r.sex as Sex,
      provider: { id: r.provider_id, name: r.provider_name }, serviceTypeCode: r.service_type_code,
      orderedHours: ordered, deliveredHours: delivered,
      differenceHours: delivered === null ? null : differenceOf(ordered, delivered),
      deliveredPercent: delivered === null ? null : deliveredPercent(ordered, delivered),
      deviation, flagged: deviation !== 'within', protectedIdentity: r.protected_identity
    }
  })
  const total = emptyTotals()
  const bySex: Record<Sex, Totals> = { female: emptyTotals(), male: emptyTotals() }
  for (const r of all) {
    add(total, r.orderedHours, r.deliveredHours, r.deviation)
    add(bySex[r.sex], r.orderedHours, r.deliveredHours, r.deviation)
  }
  const seesProtected = seesProtectedIdentities(caller.actor)
  const shown = all.filter((r) => seesProtected || !r.protectedIdentity)
  await caller.audit(shown.map((r) => ({ action: 'read' as const, resourceType: 'delivered_time_report', resourceId: r.orderId, personId: r.personId })))
  return {
    unit, month: first.slice(0, 7), locked, tolerance,
    items: shown.map(({ protectedIdentity: _p, ...r }) => r),
    summary: { ...total, women: bySex.female, men: bySex.male, withheld: all.length - shown.length }
  }
}

/**
 * Orders of the unit whose delivered hours stayed below the ordered, beyond the tolerance, in
 * each of the `months` whole months before `asOf`'s month: the case worker follows them up.
 */
export async function ordersBelowOrdered(db: Kysely<DB>, unitId: string, asOf: string, months: number, tolerance: Tolerance, caseWorker: string | null = null) {
  const window = monthsBefore(asOf, months)
  const rows = await shortfalls(db, unitId, window, caseWorker)
  const byOrder = new Map<string, { orderId: string; decisionId: string; personId: string; months: DeliveredMonth[] }>()
  for (const r of rows) {
    const entry = byOrder.get(r.order_id) ?? { orderId: r.order_id, decisionId: r.decision_id, personId: r.person_id, months: [] }
    entry.months.push({ month: r.month, ordered: r.hours_per_month as number, delivered: r.hours })
    byOrder.set(r.order_id, entry)
  }
  return [...byOrder.values()].filter((o) => belowForMonths(o.months, window, tolerance)).map((o) => ({ ...o, from: window[0] as string, to: window.at(-1) as string }))
}
