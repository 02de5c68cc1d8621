/** Decisions and executions for the follow-up and worklist tests. */
import { createApplication, readyForDecision, type TestContext } from './helper.js'

export interface Decided {
  service?: string
  hours?: number | null
  outcome?: 'granted' | 'partially_granted' | 'rejected'
  decisionDate?: string
  validFrom?: string | null
  validTo?: string | null
  channel?: string
  caseWorker?: string
  personId?: string
}

/** An application decided through the API; returns the decision. */
export async function decided(ctx: TestContext, token: string, o: Decided = {}) {
  const service = o.service ?? 'home_care'
  const hours = o.hours === undefined ? (service === 'home_care' ? 40 : null) : o.hours
  const application = await createApplication(ctx, token, {
    channel: o.channel ?? 'phone',
    assignedCaseWorker: o.caseWorker ?? 'anna.andersson',
    requestedServices: [{ serviceTypeCode: service, ...(hours !== null ? { requestedHoursPerMonth: hours } : {}) }],
    ...(o.personId ? { personId: o.personId } : {})
  })
  await readyForDecision(ctx, token, application.id)
  const outcome = o.outcome ?? 'granted'
  const body = outcome === 'rejected'
    ? { serviceTypeCode: service, outcome, reason: 'Inget behov.', decisionDate: o.decisionDate ?? '2026-03-25' }
    : {
        serviceTypeCode: service, outcome, reason: 'Behov av stöd.', decisionDate: o.decisionDate ?? '2026-03-25',
        ...(hours !== null ? { hoursPerMonth: hours } : {}),
        validFrom: o.validFrom === undefined ? '2026-04-01' : o.validFrom,
        ...(o.validTo !== undefined ? { validTo: o.validTo } : {})
      }
  const res = await ctx.call('POST', `/v1/applications/${application.id}/decisions`, { token, body })
  if (res.status !== 201) throw new Error(`decide: ${res.status} ${res.raw}`)
  return res.body
}

export const followUpsOf = async (ctx: TestContext, token: string, decisionId: string, status = 'planned') =>
  (await ctx.call('GET', `/v1/follow-ups?decisionId=${decisionId}&status=${status}`, { token })).body.items as any[]

export async function startExecution(ctx: TestContext, decisionId: string, startedDate: string) {
  await ctx.database.db.insertInto('executions').values({
    decision_id: decisionId, provider_id: null, ordered_date: null, ordered_hours_per_month: null, implementation_plan_due_date: null,
    implementation_plan_received_date: null, started_date: startedDate, ended_date: null, end_reason: null,
    delay_reason: null, delay_consequences: null, interim_services: null
  }).execute()
}
