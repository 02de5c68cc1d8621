/**
 * The worklist's item about executing a granted decision, decided by the IVO rule in
 * `not-executed.ts` rather than restated: warned before the three months pass, listed as past
 * them after, and gone once the whole granted service is executed, the service ended or the
 * decision lapsed — exactly when the quarterly IVO report stops counting it as waiting.
 */
import { openDecisionWait, type ExecutionFacts } from './not-executed.js'
import { executionItem, type WorklistItemKind } from './worklist.js'

export interface ExecutionWaitItem {
  kind: WorklistItemKind
  why: string
  dueDate: string
}

/** The item on `asOf`, or null when the decision's wait from the decision date is over by then. */
export function executionWaitItem(serviceType: string, facts: ExecutionFacts, asOf: string): ExecutionWaitItem | null {
  const wait = openDecisionWait(facts, asOf)
  if (wait === null) return null
  const item = executionItem(serviceType, facts.decisionDate, asOf)
  const partly = wait.partlyExecuted
  if (partly === null) return item
  return { ...item, why: `${item.why} Partly executed: ${partly.executedHours} of ${partly.grantedHours} hours a month, ${partly.missingHours} missing.` }
}
