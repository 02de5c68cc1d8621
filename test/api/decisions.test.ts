import t from 'tap'
import { buildTestApp, createApplication, createPerson, readyForDecision, type TestContext } from '../helper.js'

const homeCare = (hours: number) => ({
  serviceTypeCode: 'home_care', outcome: 'granted', reason: 'Behov av stöd.', hoursPerMonth: hours,
  decisionDate: '2026-02-10', validFrom: '2026-02-15'
})

async function decidable(ctx: TestContext, token: string, services: { serviceTypeCode: string; requestedHoursPerMonth?: number }[] = [{ serviceTypeCode: 'home_care', requestedHoursPerMonth: 40 }]) {
  const application = await createApplication(ctx, token, { requestedServices: services })
  await readyForDecision(ctx, token, application.id)
  return application
}

t.test('decisions', async (t) => {
  const ctx = await buildTestApp(t)
  const worker = await ctx.token('case_worker')
  const special = await ctx.token('case_worker_special_delegation')
  const deputy = await ctx.token('deputy_unit_manager')
  const manager = await ctx.token('unit_manager')

  t.test('home care: 99 hours is within a case worker\'s delegation, 100 is not', async (t) => {
    const a = await decidable(ctx, worker)
    const at99 = await ctx.call('POST', `/v1/applications/${a.id}/decisions`, { token: worker, body: homeCare(99) })
    t.equal(at99.status, 201)
    t.equal(at99.body.decidedByRole, 'case_worker')
    t.equal(at99.body.delegationRuleCode, null)
    // Adjusted for issue 15: a decision of 2026 cites the act in force then, SoL (2025:400).
    t.equal(at99.body.legalBasis, 'SoL (2025:400) 11 kap. 1 §', 'the provision in force on the decision date')
    t.equal(at99.headers.location, `/v1/decisions/${at99.body.id}`)

    const b = await decidable(ctx, worker)
    for (const hours of [100, 99.01]) {
      const refused = await ctx.call('POST', `/v1/applications/${b.id}/decisions`, { token: worker, body: homeCare(hours) })
      t.equal(refused.status, 403, `${hours} hours refused`)
      t.equal(refused.body.rule, 'home_care_over_99_hours')
      t.match(refused.body.detail, /99 timmar/)
    }
    const after = await ctx.call('GET', `/v1/applications/${b.id}`, { token: worker })
    t.equal(after.body.status, 'communicated', 'a refused decision changes nothing')
    t.equal(after.body.requestedServices[0].decisionId, null)

    const bySpecial = await ctx.call('POST', `/v1/applications/${b.id}/decisions`, { token: special, body: homeCare(100) })
    t.equal(bySpecial.status, 201)
    t.equal(bySpecial.body.decidedByRole, 'case_worker_special_delegation')
    t.equal(bySpecial.body.delegationRuleCode, 'home_care_over_99_hours')
    const c = await decidable(ctx, worker)
    t.equal((await ctx.call('POST', `/v1/applications/${c.id}/decisions`, { token: manager, body: homeCare(300) })).status, 201)
  })

  t.test('the hours of the matter are the larger of requested and decided', async (t) => {
    const big = await decidable(ctx, worker, [{ serviceTypeCode: 'home_care', requestedHoursPerMonth: 300 }])
    const partly = await ctx.call('POST', `/v1/applications/${big.id}/decisions`, { token: worker, body: { ...homeCare(99), outcome: 'partially_granted' } })
    t.equal(partly.status, 403, 'partly granting 99 of 300 hours is still a matter over 99 hours')
    t.equal(partly.body.rule, 'home_care_over_99_hours')
    const rejected = await ctx.call('POST', `/v1/applications/${big.id}/decisions`, {
      token: worker, body: { serviceTypeCode: 'home_care', outcome: 'rejected', reason: 'r', decisionDate: '2026-02-10' }
    })
    t.equal(rejected.status, 403, 'so is rejecting it')
    const at99 = await decidable(ctx, worker, [{ serviceTypeCode: 'home_care', requestedHoursPerMonth: 99 }])
    t.equal((await ctx.call('POST', `/v1/applications/${at99.id}/decisions`, { token: worker, body: { ...homeCare(60), outcome: 'partially_granted' } })).status, 201, '99 requested is within')
  })

  t.test('a decision cannot precede its communication or joint review', async (t) => {
    const a = await decidable(ctx, worker)
    const early = await ctx.call('POST', `/v1/applications/${a.id}/decisions`, { token: worker, body: { ...homeCare(10), decisionDate: '2026-01-31' } })
    t.equal(early.status, 400, 'communicated 2026-02-01, decided the day before')
    t.match(early.body.errors[0].message, /communication/)
    t.equal((await ctx.call('POST', `/v1/applications/${a.id}/decisions`, { token: worker, body: { ...homeCare(10), decisionDate: '2026-02-01' } })).status, 201, 'the same day is allowed')
  })

  t.test('housing needs a unit manager or deputy, a joint case review and communication', async (t) => {
    const application = await createApplication(ctx, worker, { requestedServices: [{ serviceTypeCode: 'care_home' }] })
    await readyForDecision(ctx, worker, application.id, { communicate: false })
    const body = { serviceTypeCode: 'care_home', outcome: 'granted', reason: 'Behov av boende.', decisionDate: '2026-02-10', validFrom: '2026-03-01' }

    const noReview = await ctx.call('POST', `/v1/applications/${application.id}/decisions`, { token: deputy, body })
    t.equal(noReview.status, 409)
    t.equal(noReview.body.rule, 'joint_review_required')
    await ctx.call('POST', `/v1/applications/${application.id}/joint-review`, { token: worker, body: { date: '2026-02-05', participants: ['Eva Ek'] } })
    const notCommunicated = await ctx.call('POST', `/v1/applications/${application.id}/decisions`, { token: deputy, body })
    t.equal(notCommunicated.status, 409)
    t.equal(notCommunicated.body.rule, 'communication_required')
    await ctx.call('POST', `/v1/applications/${application.id}/communicate`, { token: worker, body: { date: '2026-02-06', recipient: 'Sökanden' } })

    for (const token of [worker, special]) {
      const refused = await ctx.call('POST', `/v1/applications/${application.id}/decisions`, { token, body })
      t.equal(refused.status, 403)
      t.equal(refused.body.rule, 'housing')
    }
    const ok = await ctx.call('POST', `/v1/applications/${application.id}/decisions`, { token: deputy, body })
    t.equal(ok.status, 201)
    t.equal(ok.body.decidedByRole, 'deputy_unit_manager')
    t.equal(ok.body.delegationRuleCode, 'housing')
  })

  t.test('an urgent matter may be decided without communication; an adverse one may not otherwise', async (t) => {
    const a = await createApplication(ctx, worker, { requestedServices: [{ serviceTypeCode: 'safety_alarm' }] })
    await readyForDecision(ctx, worker, a.id, { communicate: false })
    const reject = { serviceTypeCode: 'safety_alarm', outcome: 'rejected', reason: 'Inget behov.', decisionDate: '2026-02-10' }
    const refused = await ctx.call('POST', `/v1/applications/${a.id}/decisions`, { token: worker, body: reject })
    t.equal(refused.status, 409)
    t.equal(refused.body.rule, 'communication_required')
    const grant = await ctx.call('POST', `/v1/applications/${a.id}/decisions`, { token: worker, body: { ...reject, outcome: 'granted', validFrom: '2026-02-10' } })
    // Adjusted for issue 15: under the units' default policy (seeds 000/001) every non-urgent
    // investigation is communicated, a full grant too.
    t.equal(grant.status, 409, 'a full grant, too, is communicated first under the default policy')
    t.match(grant.body, { rule: 'communication_required', detail: /every non-urgent investigation/ })

    const urgent = await createApplication(ctx, worker, { urgent: true, requestedServices: [{ serviceTypeCode: 'safety_alarm' }] })
    await readyForDecision(ctx, worker, urgent.id, { communicate: false })
    t.equal((await ctx.call('POST', `/v1/applications/${urgent.id}/decisions`, { token: worker, body: reject })).status, 201)
  })

  t.test('the application is decided when every requested service is; partial rejection', async (t) => {
    const a = await decidable(ctx, worker, [{ serviceTypeCode: 'home_care', requestedHoursPerMonth: 60 }, { serviceTypeCode: 'safety_alarm' }])
    const first = await ctx.call('POST', `/v1/applications/${a.id}/decisions`, { token: worker, body: { ...homeCare(40), outcome: 'partially_granted' } })
    t.equal(first.status, 201)
    t.equal(first.body.outcome, 'partially_granted')
    let application = await ctx.call('GET', `/v1/applications/${a.id}`, { token: worker })
    t.equal(application.body.status, 'communicated', 'one service still undecided')
    const again = await ctx.call('POST', `/v1/applications/${a.id}/decisions`, { token: worker, body: homeCare(40) })
    t.equal(again.status, 409, 'a service is decided once')
    const notRequested = await ctx.call('POST', `/v1/applications/${a.id}/decisions`, { token: worker, body: { ...homeCare(1), serviceTypeCode: 'relief_at_home' } })
    t.equal(notRequested.status, 400)
    const second = await ctx.call('POST', `/v1/applications/${a.id}/decisions`, {
      token: worker, body: { serviceTypeCode: 'safety_alarm', outcome: 'rejected', reason: 'Annat stöd räcker.', decisionDate: '2026-02-10', legalBasis: 'SoL 4 kap. 1 §' }
    })
    t.equal(second.status, 201)
    application = await ctx.call('GET', `/v1/applications/${a.id}`, { token: worker })
    t.equal(application.body.status, 'decided')
    t.ok(application.body.decidedAt)
    t.same(application.body.requestedServices.map((s: { decisionId: string }) => s.decisionId).sort(), [first.body.id, second.body.id].sort())
    const late = await ctx.call('POST', `/v1/applications/${a.id}/withdraw`, { token: worker, body: { date: '2026-02-11' } })
    t.equal(late.status, 409)
    t.equal(late.body.currentState, 'decided')
  })

  t.test('a decision needs an investigation and a consistent body', async (t) => {
    const fresh = await createApplication(ctx, worker)
    const early = await ctx.call('POST', `/v1/applications/${fresh.id}/decisions`, { token: worker, body: homeCare(10) })
    t.equal(early.status, 409)
    t.equal(early.body.currentState, 'received')

    const a = await decidable(ctx, worker)
    const bad: [Record<string, unknown>, string][] = [
      [{ ...homeCare(10), hoursPerMonth: null }, '/hoursPerMonth'],
      [{ ...homeCare(10), validFrom: null }, '/validFrom'],
      [{ ...homeCare(10), validTo: '2026-02-14' }, '/validTo'],
      [{ ...homeCare(10), decisionDate: '2026-01-14' }, '/decisionDate'],
      [{ ...homeCare(10), decisionDate: '2099-01-01' }, '/decisionDate'],
      [{ ...homeCare(10), hoursPerMonth: 0 }, '/hoursPerMonth'],
      [{ ...homeCare(10), hoursPerMonth: 745 }, '/hoursPerMonth'],
      [{ ...homeCare(10), outcome: 'maybe' }, '/outcome'],
      [{ ...homeCare(10), decisionDate: '2026-02-30' }, '/decisionDate']
    ]
    for (const [body, pointer] of bad) {
      const res = await ctx.call('POST', `/v1/applications/${a.id}/decisions`, { token: worker, body })
      t.equal(res.status, 400, `400 for ${pointer}`)
      t.ok(res.body.errors?.some((e: { pointer: string }) => e.pointer === pointer), `points at ${pointer}: ${res.raw}`)
    }
    const fresh2 = await createApplication(ctx, worker, { requestedServices: [{ serviceTypeCode: 'safety_alarm' }] })
    await readyForDecision(ctx, worker, fresh2.id, { communicate: '2026-01-15' })
    const onReceived = await ctx.call('POST', `/v1/applications/${fresh2.id}/decisions`, {
      token: worker, body: { serviceTypeCode: 'safety_alarm', outcome: 'granted', reason: 'r', decisionDate: '2026-01-15', validFrom: '2026-02-15', validTo: '2026-02-15' }
    })
    t.equal(onReceived.status, 201, 'decided on the received date with a one-day validity')
  })

  t.test('roles that may not decide get 403', async (t) => {
    const a = await decidable(ctx, worker)
    for (const role of ['administrator', 'system_client', 'statistics_reader'] as const) {
      const res = await ctx.call('POST', `/v1/applications/${a.id}/decisions`, { token: await ctx.token(role), body: homeCare(10) })
      t.equal(res.status, 403, role)
    }
  })

  t.test('Idempotency-Key: a retry returns the first decision and creates nothing', async (t) => {
    const a = await decidable(ctx, worker)
    const headers = { 'idempotency-key': `decide-${a.id}` }
    const first = await ctx.call('POST', `/v1/applications/${a.id}/decisions`, { token: worker, headers, body: homeCare(20) })
    const retry = await ctx.call('POST', `/v1/applications/${a.id}/decisions`, { token: worker, headers, body: homeCare(20) })
    t.equal(first.status, 201)
    t.equal(retry.status, 201)
    t.equal(retry.body.id, first.body.id)
    t.equal(retry.headers.location, first.headers.location)
    t.equal(retry.headers['idempotent-replayed'], 'true')
    const count = await ctx.database.db.selectFrom('decisions').select((eb) => eb.fn.countAll<number>().as('n')).where('application_id', '=', a.id).executeTakeFirstOrThrow()
    t.equal(Number(count.n), 1)
    const different = await ctx.call('POST', `/v1/applications/${a.id}/decisions`, { token: worker, headers, body: homeCare(21) })
    t.equal(different.status, 422, 'the same key with another body is refused')
    const otherUser = await ctx.call('POST', `/v1/applications/${a.id}/decisions`, { token: special, headers, body: homeCare(20) })
    t.equal(otherUser.status, 409, 'keys are per caller: another caller\'s request runs (and finds the service decided)')

    const b = await decidable(ctx, worker)
    const retryable = { 'idempotency-key': `refused-${b.id}` }
    const refused = await ctx.call('POST', `/v1/applications/${b.id}/decisions`, { token: worker, headers: retryable, body: homeCare(120) })
    t.equal(refused.status, 403)
    const corrected = await ctx.call('POST', `/v1/applications/${b.id}/decisions`, { token: worker, headers: retryable, body: homeCare(90) })
    t.equal(corrected.status, 201, 'a refused request does not hold its key: the corrected retry runs')
    t.notOk(corrected.headers['idempotent-replayed'])
  })

  t.test('If-Match on deciding refers to the application', async (t) => {
    const a = await decidable(ctx, worker)
    const current = await ctx.call('GET', `/v1/applications/${a.id}`, { token: worker })
    const stale = await ctx.call('POST', `/v1/applications/${a.id}/decisions`, { token: worker, headers: { 'if-match': '"1"' }, body: homeCare(20) })
    t.equal(stale.status, 412)
    const ok = await ctx.call('POST', `/v1/applications/${a.id}/decisions`, { token: worker, headers: { 'if-match': current.headers.etag as string }, body: homeCare(20) })
    t.equal(ok.status, 201)
  })

  t.test('appeal: received, reconsidered, forwarded, court outcome, with refusals', async (t) => {
    const a = await createApplication(ctx, worker, { requestedServices: [{ serviceTypeCode: 'safety_alarm' }] })
    await readyForDecision(ctx, worker, a.id)
    const rejected = await ctx.call('POST', `/v1/applications/${a.id}/decisions`, { token: worker, body: { serviceTypeCode: 'safety_alarm', outcome: 'rejected', reason: 'Inget behov.', decisionDate: '2026-02-10' } })
    const id = rejected.body.id
    const tooEarly = await ctx.call('POST', `/v1/decisions/${id}/appeal/reconsideration`, { token: worker, body: { date: '2026-02-20', outcome: 'unchanged' } })
    t.equal(tooEarly.status, 409)
    t.equal(tooEarly.body.currentState, 'none')
    const beforeDecision = await ctx.call('POST', `/v1/decisions/${id}/appeal`, { token: worker, body: { receivedDate: '2026-02-09' } })
    t.equal(beforeDecision.status, 400)
    const received = await ctx.call('POST', `/v1/decisions/${id}/appeal`, { token: worker, body: { receivedDate: '2026-02-25' } })
    t.equal(received.status, 200)
    t.equal(received.body.appeal.stage, 'received')
    t.equal((await ctx.call('POST', `/v1/decisions/${id}/appeal`, { token: worker, body: { receivedDate: '2026-02-26' } })).status, 409)
    const reconsidered = await ctx.call('POST', `/v1/decisions/${id}/appeal/reconsideration`, { token: worker, body: { date: '2026-03-01', outcome: 'unchanged' } })
    t.equal(reconsidered.body.appeal.stage, 'reconsidered')
    const forwarded = await ctx.call('POST', `/v1/decisions/${id}/appeal/court-referral`, { token: worker, body: { date: '2026-03-02' } })
    t.equal(forwarded.body.appeal.stage, 'forwarded_to_court')
    const outcome = await ctx.call('POST', `/v1/decisions/${id}/appeal/court-outcome`, { token: worker, body: { date: '2026-05-02', outcome: 'appeal_rejected' } })
    t.equal(outcome.status, 200)
    t.same(outcome.body.appeal, {
      stage: 'court_decided', receivedDate: '2026-02-25', reconsideredDate: '2026-03-01', reconsiderationOutcome: 'unchanged',
      forwardedToCourtDate: '2026-03-02', courtOutcome: 'appeal_rejected', courtOutcomeDate: '2026-05-02',
      // No notification recorded: the three weeks have not begun to run (issue 15).
      lastDay: null, inTime: true, lateAcceptedReason: null, dismissedDate: null, forwardingDueDate: null
    })

    const granted = await ctx.call('POST', `/v1/applications/${(await decidable(ctx, worker)).id}/decisions`, { token: worker, body: homeCare(10) })
    const grantAppeal = await ctx.call('POST', `/v1/decisions/${granted.body.id}/appeal`, { token: worker, body: { receivedDate: '2026-02-20' } })
    t.equal(grantAppeal.status, 409, 'a full grant carries no appeal')

    const b = await createApplication(ctx, worker, { requestedServices: [{ serviceTypeCode: 'safety_alarm' }] })
    await readyForDecision(ctx, worker, b.id)
    const r2 = await ctx.call('POST', `/v1/applications/${b.id}/decisions`, { token: worker, body: { serviceTypeCode: 'safety_alarm', outcome: 'rejected', reason: 'x', decisionDate: '2026-02-10' } })
    await ctx.call('POST', `/v1/decisions/${r2.body.id}/appeal`, { token: worker, body: { receivedDate: '2026-02-20' } })
    await ctx.call('POST', `/v1/decisions/${r2.body.id}/appeal/reconsideration`, { token: worker, body: { date: '2026-02-21', outcome: 'changed_as_requested' } })
    const lapsed = await ctx.call('POST', `/v1/decisions/${r2.body.id}/appeal/court-referral`, { token: worker, body: { date: '2026-02-22' } })
    t.equal(lapsed.status, 409, 'an appeal that got what it asked for is not forwarded')
  })

  t.test('list filters: current on a date, expiring before a date, outcome, person; cross-unit', async (t) => {
    const fresh = await buildTestApp(t)
    const token = await fresh.token('case_worker')
    const person = await createPerson(fresh, token)
    const make = async (body: Record<string, unknown>, service = 'safety_alarm') => {
      const a = await createApplication(fresh, token, { personId: person.id, requestedServices: [{ serviceTypeCode: service }] })
      await readyForDecision(fresh, token, a.id)
      const res = await fresh.call('POST', `/v1/applications/${a.id}/decisions`, { token, body: { serviceTypeCode: service, reason: 'r', decisionDate: '2026-02-10', ...body } })
      if (res.status !== 201) throw new Error(res.raw)
      return res.body.id as string
    }
    const openEnded = await make({ outcome: 'granted', validFrom: '2026-03-01' })
    const limited = await make({ outcome: 'granted', validFrom: '2026-03-01', validTo: '2026-08-31' }, 'day_activity')
    const rejected = await make({ outcome: 'rejected' }, 'escort_service')
    const q = async (query: string) => (await fresh.call('GET', `/v1/decisions?${query}`, { token })).body.items.map((d: { id: string }) => d.id).sort()
    t.same(await q('currentOn=2026-02-28'), [], 'nothing is current the day before validFrom')
    t.same(await q('currentOn=2026-03-01'), [openEnded, limited].sort())
    t.same(await q('currentOn=2026-08-31'), [openEnded, limited].sort(), 'validTo is the last day in force')
    t.same(await q('currentOn=2026-09-01'), [openEnded])
    t.same(await q('expiringBefore=2026-08-31'), [])
    t.same(await q('expiringBefore=2026-09-01'), [limited])
    t.same(await q('outcome=rejected'), [rejected])
    t.same(await q(`personId=${person.id}`), [openEnded, limited, rejected].sort())
    t.same(await q('serviceType=day_activity'), [limited])
    const other = await fresh.token('case_worker', { unit: 'bromma' })
    t.same((await fresh.call('GET', '/v1/decisions', { token: other })).body.items, [])
    t.equal((await fresh.call('GET', `/v1/decisions/${limited}`, { token: other })).status, 404)
    const one = await fresh.call('GET', `/v1/decisions/${limited}`, { token })
    t.equal(one.status, 200)
    t.equal(one.headers.etag, '"1"')
  })

  t.test('protected identity hides the person\'s decisions without the permission', async (t) => {
    const permitted = await ctx.token('case_worker', { permissions: ['protected_identity'], subject: 'permitted' })
    const person = await createPerson(ctx, permitted, { protectedIdentity: true })
    const a = await createApplication(ctx, permitted, { personId: person.id, requestedServices: [{ serviceTypeCode: 'safety_alarm' }] })
    await readyForDecision(ctx, permitted, a.id)
    const d = await ctx.call('POST', `/v1/applications/${a.id}/decisions`, { token: permitted, body: { serviceTypeCode: 'safety_alarm', outcome: 'granted', reason: 'r', decisionDate: '2026-02-10', validFrom: '2026-02-10' } })
    t.equal(d.status, 201)
    t.equal((await ctx.call('GET', `/v1/decisions/${d.body.id}`, { token: worker })).status, 404)
    t.equal((await ctx.call('GET', `/v1/applications/${a.id}`, { token: worker })).status, 404)
    const list = await ctx.call('GET', `/v1/decisions?personId=${person.id}`, { token: worker })
    t.same(list.body.items, [])
    // The unfiltered list is the newest decisions first: the hidden one would be on top.
    const all = await ctx.call('GET', '/v1/decisions?limit=100', { token: worker })
    t.ok(all.body.items.length > 0, 'the list shows the other decisions')
    t.notOk(all.body.items.some((i: { id: string }) => i.id === d.body.id), 'but not the protected person\'s')
    const seen = await ctx.call('GET', '/v1/decisions?limit=100', { token: permitted })
    t.ok(seen.body.items.some((i: { id: string }) => i.id === d.body.id), 'the permission shows it in the list')
    t.equal((await ctx.call('GET', `/v1/decisions/${d.body.id}`, { token: permitted })).status, 200)
  })
})
