/** Turns the loaded facts into the quarter's IVO rows and the council's summary. */
import { ivoReference, quarterEntries, type Quarter } from '../../domain/not-executed.js'
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
      reference: ivoReference(d.id),
      // The unit's own way back to the case.
      decisionId: d.id,
      personId: d.person_id,
      protectedIdentity: d.protected_identity,
      kind: entry.episode.kind,
      status: entry.status,
      sex: d.sex,
      birthYear: Number(d.birth_date.slice(0, 4)),
      serviceTypeCode: d.service_type_code,
      serviceTypeLabel: d.service_type_label,
      legalBasis: d.legal_basis,
      decisionDate: d.decision_date,
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
