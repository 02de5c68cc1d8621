/** Turns the loaded facts into the quarter's IVO rows, the summary, and the council's anonymous statistics. */
import { ivoIdentity } from '../../domain/ivo-identity.js'
import { quarterEntries, type Quarter } from '../../domain/not-executed.js'
import type { NotExecutedCandidate } from '../../queries/not-executed.js'

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const list = groups.get(key(row))
    if (list) list.push(row)
    else groups.set(key(row), [row])
  }
  return groups
}

export function notExecutedRows(candidates: readonly NotExecutedCandidate[], quarter: Quarter) {
  return candidates.flatMap(({ decision: d, facts, interruptions: ownInterruptions, offers }) => {
    return quarterEntries(facts, quarter).map((entry) => ({
      // How IVO identifies the person from quarter to quarter: personnummer, or IVO's T-number.
      personalIdentity: ivoIdentity({
        personId: d.person_id, identityKind: d.identity_kind, identityNumber: d.personal_identity_number, birthDate: d.birth_date, sex: d.sex
      }),
      // The unit's own way back to the case.
      decisionId: d.id,
      personId: d.person_id,
      protectedIdentity: d.protected_identity,
      kind: entry.episode.kind,
      status: entry.status,
      sex: d.sex,
      birthDate: d.birth_date,
      serviceTypeCode: d.service_type_code,
      serviceTypeLabel: d.service_type_label,
      legalBasis: d.legal_basis,
      decisionDate: d.decision_date,
      // Changed in the applicant's favour on reconsideration or by a court: the clock ran from this day.
      executableFrom: d.executable_from ?? d.decision_date,
      reducedFrom: entry.episode.kind === 'reduced' ? entry.episode.clockStart : null,
      interruption: entry.episode.kind === 'interrupted'
        ? { startDate: entry.episode.clockStart, reason: ownInterruptions.find((i) => i.start_date === entry.episode.clockStart)?.reason ?? 'other' }
        : null,
      lateFrom: entry.lateFrom,
      daysWaited: entry.daysWaited,
      resolvedDate: entry.resolution?.date ?? null,
      endReason: entry.resolution === null || entry.resolution.kind === 'executed'
        ? null
        : entry.resolution.kind === 'expired' ? 'decision_expired' : entry.resolution.endReason,
      partlyExecuted: entry.partlyExecuted,
      delayReason: d.delay_reason,
      consequences: d.delay_consequences,
      interimServices: d.interim_services,
      offers: offers.map((o) => ({ offeredDate: o.offered_date, description: o.description, response: o.response, responseDate: o.response_date })),
      firstReportedQuarter: entry.firstReportedQuarter,
      reportedBefore: entry.firstReportedQuarter < quarter.label
    }))
  })
}

export type NotExecutedRow = ReturnType<typeof notExecutedRows>[number]

export function notExecutedSummary(rows: readonly NotExecutedRow[]) {
  const byType = groupBy(rows, (r) => r.serviceTypeCode)
  const count = (list: readonly NotExecutedRow[], status?: NotExecutedRow['status']) => list.filter((r) => status === undefined || r.status === status).length
  return {
    total: rows.length,
    waiting: count(rows, 'waiting'),
    executed: count(rows, 'executed'),
    ended: count(rows, 'ended'),
    women: rows.filter((r) => r.sex === 'female').length,
    men: rows.filter((r) => r.sex === 'male').length,
    byServiceType: [...byType.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, list]) => ({
      serviceTypeCode: code,
      total: list.length,
      women: list.filter((r) => r.sex === 'female').length,
      men: list.filter((r) => r.sex === 'male').length,
      waiting: count(list, 'waiting'),
      executed: count(list, 'executed'),
      ended: count(list, 'ended')
    }))
  }
}

/** Time waited, in the bands the council's report counts (from the clock start to resolution or the quarter's end). */
export const WAITED_BANDS = ['3_to_6_months', '6_to_12_months', 'over_12_months'] as const
export type WaitedBand = (typeof WAITED_BANDS)[number]

export function waitedBand(daysWaited: number): WaitedBand {
  if (daysWaited <= 183) return '3_to_6_months'
  if (daysWaited <= 366) return '6_to_12_months'
  return 'over_12_months'
}

const tally = <K extends string>(rows: readonly NotExecutedRow[], key: (r: NotExecutedRow) => K) => {
  const groups = groupBy(rows, key)
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([value, list]) => ({
    value: value as K,
    total: list.length,
    women: list.filter((r) => r.sex === 'female').length,
    men: list.filter((r) => r.sex === 'male').length
  }))
}

/**
 * The anonymous statistics for the council (nämnden, fullmäktige) and the auditors: counts by
 * service type, sex, time waited and reason — no row, no identity, no date of a person.
 */
export function notExecutedStatistics(rows: readonly NotExecutedRow[]) {
  return {
    ...notExecutedSummary(rows),
    byWaited: tally(rows, (r) => waitedBand(r.daysWaited)),
    byReason: tally(rows, (r) => r.interruption === null ? r.kind : `interrupted_${r.interruption.reason}`),
    byEndReason: tally(rows.filter((r) => r.endReason !== null), (r) => r.endReason ?? 'none')
  }
}
