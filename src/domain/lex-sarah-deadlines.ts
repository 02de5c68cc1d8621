/**
 * Lex Sarah: the unit investigates "utan dröjsmål" (SoL (2001:453) 14 kap. 6 §, SOSFS 2011:5;
 * from 2025-07-01 SoL (2025:400) 27 kap. 5 §: "genast dokumenteras och utredas"). The law names
 * no number of days, so the service holds the
 * unit to configurable ones from the reported date: the investigation started within
 * LEX_SARAH_INVESTIGATION_START_DAYS, finished (assessed) within LEX_SARAH_INVESTIGATION_DAYS.
 * A provider's report sent for information is investigated by the provider, not here.
 */
import { dueDate, isOverdue } from './quality-deadlines.js'

export interface InvestigationDays {
  start: number
  finish: number
}

export const DEFAULT_INVESTIGATION_DAYS: InvestigationDays = { start: 7, finish: 60 }

export interface InvestigationFacts {
  reportedDate: string
  forInformation: boolean
  investigationStartedDate: string | null
  assessedDate: string | null
}

export interface InvestigationDeadlines {
  startDueDate: string
  startOverdue: boolean
  finishDueDate: string
  finishOverdue: boolean
}

/** The deadlines and whether each is overdue on `today`; null for a report received for information. */
export function investigationDeadlines(f: InvestigationFacts, days: InvestigationDays, today: string): InvestigationDeadlines | null {
  if (f.forInformation) return null
  const startDueDate = dueDate(f.reportedDate, days.start)
  const finishDueDate = dueDate(f.reportedDate, days.finish)
  return {
    startDueDate,
    startOverdue: isOverdue(startDueDate, f.investigationStartedDate === null || f.investigationStartedDate > today, today),
    finishDueDate,
    finishOverdue: isOverdue(finishDueDate, f.assessedDate === null || f.assessedDate > today, today)
  }
}

/** The latest reported date whose deadline of `days` has passed on `today`: the SQL bound of the overdue filter. */
export const reportedOnOrBeforeForOverdue = (today: string, days: number): string => dueDate(today, -days - 1)
