/**
 * One step of the application's process, the same way every time: lock the row, check the
 * caller's If-Match and the state the step is allowed in, apply the change, bump the version,
 * and log the access — all in one transaction.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely, Updateable } from 'kysely'
import { allowedIn, isAllowed, lockedByDecision, type ApplicationAction } from '../../domain/application-process.js'
import type { ApplicationTable, DB } from '../../db/schema.js'
import { assertVersion, setEtag } from '../../http/etag.js'
import { conflict, invalidState, notFound } from '../../http/problem.js'
import { toApplication } from './present.js'
import { findVisibleApplication, requestedServicesOf, updateApplication, type ApplicationRow } from './repository.js'

export type Changes = Omit<Updateable<ApplicationTable>, 'id' | 'version'>

export interface StepOptions {
  action: ApplicationAction
  /** How the refused action reads in a 409: "Cannot <label> in state …". */
  label: string
  change: (current: ApplicationRow, trx: Kysely<DB>) => Promise<Changes> | Changes
}

export async function applicationStep(
  app: FastifyInstance,
  request: FastifyRequest<{ Params: { id: string } }>,
  { action, label, change }: StepOptions
) {
  const { application, services } = await app.db.transaction().execute(async (trx) => {
    const current = await findVisibleApplication(trx, request.actor, request.params.id, { forUpdate: true })
    if (!current) throw notFound('Application')
    assertVersion(request, current.version)
    if (!isAllowed(action, current.status)) throw invalidState(label, current.status, allowedIn(action))
    const services = (await requestedServicesOf(trx, [current.id])).get(current.id) ?? []
    const decided = services.filter((s) => s.decision_id !== null).length
    if (lockedByDecision(action, decided)) {
      throw conflict(`Cannot ${label}: ${decided} of the requested services ${decided === 1 ? 'is' : 'are'} already decided.`, { currentState: current.status, rule: 'locked_by_decision' })
    }
    const application = await updateApplication(trx, current.id, await change(current, trx))
    await app.audit(request, [{ action: 'update', resourceType: 'application', resourceId: current.id, personId: current.person_id }], trx)
    return { application, services }
  })
  return { application, services }
}

export function sendApplication(reply: FastifyReply, result: Awaited<ReturnType<typeof applicationStep>>) {
  setEtag(reply, result.application.version)
  return toApplication(result.application, result.services)
}
