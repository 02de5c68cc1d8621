/**
 * Deadlines of the quality work, in calendar days (configurable): a complaint's answer is due
 * COMPLAINT_ANSWER_DAYS after it was received, and a serious Lex Sarah report must be notified
 * to IVO within LEX_SARAH_IVO_NOTIFICATION_DAYS of the assessment. The due date itself is the
 * last day inside the deadline; the day after it the item is overdue.
 */
import { addDays } from './calendar.js'

export function dueDate(start: string, days: number): string {
  return addDays(start, days)
}

/** Overdue on `today` when still open and the due date has passed. */
export function isOverdue(due: string | null, open: boolean, today: string): boolean {
  return open && due !== null && today > due
}

/** Whether an action done on `done` kept the deadline. */
export function withinDeadline(due: string, done: string): boolean {
  return done <= due
}
