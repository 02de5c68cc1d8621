/**
 * Persons through the HTTP surface: registration and identity-number normalisation, validation,
 * uniqueness per unit, unit scoping (404, never 403), optimistic concurrency, exact search,
 * protected identities, role checks, authentication and request ids.
 */
import { randomUUID } from 'node:crypto'
import t, { type Test } from 'tap'
import { buildTestApp, createPerson, nextPersonnummer, personnummer, type Response } from '../helper.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** 19380315-NNNC etc. — birth dates that nextPersonnummer (1940-06-12) never produces. */
const hyphenated = (twelve: string) => `${twelve.slice(0, 8)}-${twelve.slice(8)}`
const tenDigits = (twelve: string, separator = '-') => `${twelve.slice(2, 8)}${separator}${twelve.slice(8)}`

function assertProblem(t: Test, res: Response, status: number) {
  t.equal(res.status, status, `status ${status}`)
  t.match(res.headers['content-type'], /^application\/problem\+json/, 'problem+json')
  t.equal(res.body.status, status, 'body.status')
  t.type(res.body.type, 'string', 'body.type')
  t.type(res.body.title, 'string', 'body.title')
  t.type(res.body.detail, 'string', 'body.detail')
  t.notMatch(res.raw, /at .+\.(ts|js):\d+|SELECT |INSERT |UPDATE /, 'no stack trace or SQL')
}

t.test('persons', async (t) => {
  const ctx = await buildTestApp(t)
  const caseWorker = await ctx.token('case_worker')
  const ownUnitId = await ctx.unitId('hagersten-alvsjo')
  const brommaCaseWorker = await ctx.token('case_worker', { unit: 'bromma', subject: 'bromma.case_worker' })

  t.test('create answers 201 with Location and ETag, normalises and derives', async (t) => {
    const number = personnummer('19380315', '123') // serial digit 3: odd → male
    const res = await ctx.call('POST', '/v1/persons', {
      token: caseWorker,
      body: { personalIdentityNumber: hyphenated(number), firstName: 'Tolvan', lastName: 'Tolvansson' }
    })
    t.equal(res.status, 201)
    t.match(res.body.id, UUID)
    t.equal(res.headers.location, `/v1/persons/${res.body.id}`)
    t.equal(res.headers.etag, '"1"')
    t.equal(res.body.version, 1)
    t.equal(res.body.unitId, ownUnitId, 'registered in the caller\'s unit')
    t.equal(res.body.personalIdentityNumber, number, '12 digits, no hyphen')
    t.equal(res.body.identityKind, 'personnummer')
    t.equal(res.body.birthDate, '1938-03-15')
    t.equal(res.body.sex, 'male', 'defaults to legal sex')
    t.equal(res.body.protectedIdentity, false)
    t.same(res.body.representatives, [])

    const fetched = await ctx.call('GET', res.headers.location as string, { token: caseWorker })
    t.equal(fetched.status, 200, 'Location points at the person')
    t.equal(fetched.body.personalIdentityNumber, number)
  })

  t.test('10-digit input (with and without hyphen) is normalised to 12 digits', async (t) => {
    const a = personnummer('19380316', '124') // 4: even → female
    const res = await ctx.call('POST', '/v1/persons', {
      token: caseWorker, body: { personalIdentityNumber: tenDigits(a), firstName: 'Anna', lastName: 'Andersson' }
    })
    t.equal(res.status, 201)
    t.equal(res.body.personalIdentityNumber, a)
    t.equal(res.body.birthDate, '1938-03-16')
    t.equal(res.body.sex, 'female', 'defaults to legal sex (even digit)')

    const b = personnummer('19380317', '125')
    const plain = await ctx.call('POST', '/v1/persons', {
      token: caseWorker, body: { personalIdentityNumber: tenDigits(b, ''), firstName: 'Bo', lastName: 'Bengtsson' }
    })
    t.equal(plain.status, 201)
    t.equal(plain.body.personalIdentityNumber, b)
    t.equal(plain.body.birthDate, '1938-03-17')

    const c = personnummer('19380318', '127')
    const twelve = await ctx.call('POST', '/v1/persons', {
      token: caseWorker, body: { personalIdentityNumber: c, firstName: 'Cia', lastName: 'Carlsson' }
    })
    t.equal(twelve.status, 201)
    t.equal(twelve.body.personalIdentityNumber, c)
  })

  t.test('a plus sign marks a person aged 100 or more', async (t) => {
    const number = personnummer('19200612', '123')
    const res = await ctx.call('POST', '/v1/persons', {
      token: caseWorker, body: { personalIdentityNumber: tenDigits(number, '+'), firstName: 'Gammel', lastName: 'Gammelsson' }
    })
    t.equal(res.status, 201)
    t.equal(res.body.personalIdentityNumber, number, '1920, not 2020')
    t.equal(res.body.birthDate, '1920-06-12')
  })

  t.test('an explicit sex overrides the legal sex', async (t) => {
    const res = await ctx.call('POST', '/v1/persons', {
      token: caseWorker, body: { personalIdentityNumber: personnummer('19380319', '123'), firstName: 'Kim', lastName: 'Kimsson', sex: 'female' }
    })
    t.equal(res.status, 201)
    t.equal(res.body.sex, 'female')
  })

  t.test('optional fields: defaults, explicit nulls and representatives', async (t) => {
    const full = await ctx.call('POST', '/v1/persons', {
      token: caseWorker,
      body: {
        personalIdentityNumber: nextPersonnummer(), firstName: 'Full', lastName: 'Fullsson', district: 'Älvsjö', language: 'finska',
        interpreterNeeded: true, interpreterLanguage: 'finska', childrenInHousehold: true, violenceAsked: true,
        representatives: [{ kind: 'god_man', name: 'Greta Gode', phone: '08-123 45' }]
      }
    })
    t.equal(full.status, 201)
    t.match(full.body, { district: 'Älvsjö', language: 'finska', interpreterNeeded: true, childrenInHousehold: true, violenceAsked: true, violenceSuspected: false })
    t.same(full.body.representatives, [{ kind: 'god_man', name: 'Greta Gode', phone: '08-123 45' }])

    const cleared = await ctx.call('PATCH', `/v1/persons/${full.body.id}`, { token: caseWorker, body: { district: null, language: null } })
    t.equal(cleared.status, 200)
    t.equal(cleared.body.district, null)
    t.equal(cleared.body.language, null)

    // "null when not asked" must not become "no children" (false).
    const notAsked = await ctx.call('PATCH', `/v1/persons/${full.body.id}`, { token: caseWorker, body: { childrenInHousehold: null } })
    t.equal(notAsked.status, 200)
    t.equal(notAsked.body.childrenInHousehold, null, 'PATCH childrenInHousehold: null clears it')
    const created = await ctx.call('POST', '/v1/persons', {
      token: caseWorker, body: { personalIdentityNumber: nextPersonnummer(), firstName: 'Noll', lastName: 'Nollsson', childrenInHousehold: null }
    })
    t.equal(created.status, 201)
    t.equal(created.body.childrenInHousehold, null, 'create with childrenInHousehold: null keeps null')
    const omitted = await createPerson(ctx, caseWorker)
    t.equal(omitted.childrenInHousehold, null, 'omitted: null')

    const badRepresentative = await ctx.call('POST', '/v1/persons', {
      token: caseWorker,
      body: { personalIdentityNumber: nextPersonnummer(), firstName: 'Rep', lastName: 'Repsson', representatives: [{ kind: 'uncle', name: 'X' }] }
    })
    assertProblem(t, badRepresentative, 400)
    t.match(badRepresentative.body.errors?.[0]?.pointer, /^\/representatives\/0/)
  })

  t.test('a samordningsnummer is accepted (day + 60)', async (t) => {
    const number = personnummer('19400672', '123')
    const res = await ctx.call('POST', '/v1/persons', {
      token: caseWorker, body: { personalIdentityNumber: hyphenated(number), firstName: 'Samo', lastName: 'Ordning' }
    })
    t.equal(res.status, 201, res.raw)
    t.equal(res.body.identityKind, 'samordningsnummer')
    t.equal(res.body.personalIdentityNumber, number)
    t.equal(res.body.birthDate, '1940-06-12', 'birth date is the day minus 60')
  })

  t.test('invalid identity numbers answer 400 pointing at the field', async (t) => {
    const good = personnummer('19380320', '123')
    const badCheckDigit = good.slice(0, 11) + String((Number(good[11]) + 1) % 10)
    const cases: [string, string][] = [
      ['bad check digit', badCheckDigit],
      ['impossible date (30 February)', personnummer('19400230', '123')],
      ['impossible month', personnummer('19401312', '123')],
      ['birth date in the future', personnummer('20990101', '123')],
      ['letters', '19400612-12A2'],
      ['too short', '400612-12'],
      ['empty', '']
    ]
    for (const [name, value] of cases) {
      const res = await ctx.call('POST', '/v1/persons', {
        token: caseWorker, body: { personalIdentityNumber: value, firstName: 'Fel', lastName: 'Felsson' }
      })
      t.equal(res.status, 400, `${name}: 400`)
      t.match(res.headers['content-type'], /^application\/problem\+json/, `${name}: problem+json`)
      t.equal(res.body.errors?.[0]?.pointer, '/personalIdentityNumber', `${name}: pointer`)
      t.equal(res.body.errors?.[0]?.in, 'body', `${name}: in body`)
    }
    const stored = await ctx.database.db.selectFrom('persons').select('id')
      .where('personal_identity_number', 'in', [badCheckDigit, personnummer('19400230', '123')]).execute()
    t.same(stored, [], 'nothing was stored')
  })

  t.test('missing and unknown fields answer 400', async (t) => {
    const unknown = await ctx.call('POST', '/v1/persons', {
      token: caseWorker,
      body: { personalIdentityNumber: nextPersonnummer(), firstName: 'Ok', lastName: 'Oksson', shoeSize: 42 }
    })
    assertProblem(t, unknown, 400)
    t.ok(Array.isArray(unknown.body.errors) && unknown.body.errors.length > 0, 'errors array present')
    // Conventions: the errors array points at the offending field.
    t.equal(unknown.body.errors?.[0]?.pointer, '/shoeSize', 'pointer names the unknown field')

    const missing = await ctx.call('POST', '/v1/persons', {
      token: caseWorker, body: { personalIdentityNumber: nextPersonnummer(), firstName: 'Ok' }
    })
    assertProblem(t, missing, 400)
    t.equal(missing.body.errors?.[0]?.pointer, '/lastName')

    const wrongType = await ctx.call('POST', '/v1/persons', {
      token: caseWorker, body: { personalIdentityNumber: nextPersonnummer(), firstName: 'Ok', lastName: 'Oksson', interpreterNeeded: 'yes' }
    })
    assertProblem(t, wrongType, 400)
    t.equal(wrongType.body.errors?.[0]?.pointer, '/interpreterNeeded')

    const notJson = await ctx.call('POST', '/v1/persons', {
      token: caseWorker, body: '{"personalIdentityNumber": ', headers: { 'content-type': 'application/json' }
    })
    assertProblem(t, notJson, 400)
  })

  t.test('duplicate in the same unit → 409; same number in another unit → 201', async (t) => {
    const number = personnummer('19380321', '123')
    const first = await ctx.call('POST', '/v1/persons', {
      token: caseWorker, body: { personalIdentityNumber: number, firstName: 'Dubbel', lastName: 'Dubbelsson' }
    })
    t.equal(first.status, 201)
    const again = await ctx.call('POST', '/v1/persons', {
      token: caseWorker, body: { personalIdentityNumber: tenDigits(number), firstName: 'Dubbel', lastName: 'Dubbelsson' }
    })
    assertProblem(t, again, 409)
    const inBromma = await ctx.call('POST', '/v1/persons', {
      token: brommaCaseWorker, body: { personalIdentityNumber: hyphenated(number), firstName: 'Dubbel', lastName: 'Dubbelsson' }
    })
    t.equal(inBromma.status, 201)
    t.equal(inBromma.body.unitId, await ctx.unitId('bromma'))
    t.not(inBromma.body.id, first.body.id, 'a separate record')
    const rows = await ctx.database.db.selectFrom('persons').select('unit_id').where('personal_identity_number', '=', number).execute()
    t.equal(rows.length, 2, 'one row per unit')
  })

  t.test('GET by id, unit scoping and malformed ids', async (t) => {
    const person = await createPerson(ctx, caseWorker, { firstName: 'Hämta', lastName: 'Hämtsson' })
    const res = await ctx.call('GET', `/v1/persons/${person.id}`, { token: caseWorker })
    t.equal(res.status, 200)
    t.equal(res.headers.etag, '"1"')
    t.equal(res.body.id, person.id)
    t.equal(res.body.firstName, 'Hämta')
    t.same(res.body, person, 'the same representation as on creation')

    const otherUnit = await ctx.call('GET', `/v1/persons/${person.id}`, { token: brommaCaseWorker })
    assertProblem(t, otherUnit, 404)
    const missing = await ctx.call('GET', `/v1/persons/${randomUUID()}`, { token: caseWorker })
    assertProblem(t, missing, 404)
    t.same(Object.keys(otherUnit.body).sort(), Object.keys(missing.body).sort(), 'same fields')
    for (const field of ['type', 'title', 'status', 'detail'] as const) {
      t.equal(otherUnit.body[field], missing.body[field], `same ${field}: existence not confirmed`)
    }
    // The instance names the path the caller sent, so compare it with the id blanked out.
    t.equal(String(otherUnit.body.instance).replace(person.id, 'X').replace(/#request-.*/, ''),
      String(missing.body.instance).replace(/[0-9a-f-]{36}/, 'X').replace(/#request-.*/, ''), 'same instance shape')

    const malformed = await ctx.call('GET', '/v1/persons/not-a-uuid', { token: caseWorker })
    assertProblem(t, malformed, 400)
    t.equal(malformed.body.errors?.[0]?.in, 'params')
    t.equal(malformed.body.errors?.[0]?.pointer, '/id')
  })

  t.test('PATCH honours If-Match', async (t) => {
    const person = await createPerson(ctx, caseWorker)
    const ok = await ctx.call('PATCH', `/v1/persons/${person.id}`, {
      token: caseWorker, headers: { 'if-match': '"1"' }, body: { interpreterNeeded: true, interpreterLanguage: 'finska' }
    })
    t.equal(ok.status, 200)
    t.equal(ok.body.version, 2)
    t.equal(ok.headers.etag, '"2"')
    t.equal(ok.body.interpreterNeeded, true)
    t.equal(ok.body.interpreterLanguage, 'finska')
    t.equal(ok.body.firstName, person.firstName, 'untouched fields are kept')

    const stale = await ctx.call('PATCH', `/v1/persons/${person.id}`, {
      token: caseWorker, headers: { 'if-match': '"1"' }, body: { language: 'svenska' }
    })
    assertProblem(t, stale, 412)
    const garbage = await ctx.call('PATCH', `/v1/persons/${person.id}`, {
      token: caseWorker, headers: { 'if-match': 'not-an-etag' }, body: { language: 'svenska' }
    })
    assertProblem(t, garbage, 412)

    const after = await ctx.call('GET', `/v1/persons/${person.id}`, { token: caseWorker })
    t.equal(after.headers.etag, '"2"', 'stale writes changed nothing')
    t.equal(after.body.language, null)

    const next = await ctx.call('PATCH', `/v1/persons/${person.id}`, {
      token: caseWorker, headers: { 'if-match': after.headers.etag as string }, body: { language: 'svenska' }
    })
    t.equal(next.status, 200)
    t.equal(next.body.version, 3)

    const empty = await ctx.call('PATCH', `/v1/persons/${person.id}`, { token: caseWorker, body: {} })
    assertProblem(t, empty, 400)
    const unknown = await ctx.call('PATCH', `/v1/persons/${person.id}`, { token: caseWorker, body: { shoeSize: 42 } })
    assertProblem(t, unknown, 400)

    const otherUnit = await ctx.call('PATCH', `/v1/persons/${person.id}`, { token: brommaCaseWorker, body: { language: 'finska' } })
    assertProblem(t, otherUnit, 404)
    const unchanged = await ctx.database.db.selectFrom('persons').select(['language', 'version']).where('id', '=', person.id).executeTakeFirstOrThrow()
    t.same(unchanged, { language: 'svenska', version: 3 }, 'another unit cannot change the person')
  })

  t.test('PATCH of the identity number re-derives it and refuses a number used in the unit', async (t) => {
    const taken = await createPerson(ctx, caseWorker)
    const person = await createPerson(ctx, caseWorker)
    const clash = await ctx.call('PATCH', `/v1/persons/${person.id}`, {
      token: caseWorker, headers: { 'if-match': '"1"' }, body: { personalIdentityNumber: hyphenated(taken.personalIdentityNumber) }
    })
    assertProblem(t, clash, 409)
    const same = await ctx.call('GET', `/v1/persons/${person.id}`, { token: caseWorker })
    t.equal(same.body.personalIdentityNumber, person.personalIdentityNumber, 'unchanged')
    t.equal(same.body.version, 1)

    const invalid = await ctx.call('PATCH', `/v1/persons/${person.id}`, {
      token: caseWorker, body: { personalIdentityNumber: personnummer('19400230', '123') }
    })
    assertProblem(t, invalid, 400)
    t.equal(invalid.body.errors?.[0]?.pointer, '/personalIdentityNumber')

    const ownNumber = await ctx.call('PATCH', `/v1/persons/${person.id}`, {
      token: caseWorker, body: { personalIdentityNumber: tenDigits(person.personalIdentityNumber) }
    })
    t.equal(ownNumber.status, 200, 'the person\'s own number is not a clash')

    const corrected = personnummer('19400672', '456')
    const changed = await ctx.call('PATCH', `/v1/persons/${person.id}`, {
      token: caseWorker, body: { personalIdentityNumber: hyphenated(corrected) }
    })
    t.equal(changed.status, 200)
    t.equal(changed.body.personalIdentityNumber, corrected)
    t.equal(changed.body.identityKind, 'samordningsnummer')
    t.equal(changed.body.birthDate, '1940-06-12')
  })

  t.test('search by identity number', async (t) => {
    const number = personnummer('19380322', '123')
    const person = await createPerson(ctx, caseWorker, { personalIdentityNumber: number })
    for (const format of [number, hyphenated(number), tenDigits(number), tenDigits(number, '')]) {
      const res = await ctx.call('POST', '/v1/persons/search', { token: caseWorker, body: { personalIdentityNumber: format } })
      t.equal(res.status, 200, `${format}: 200`)
      t.equal(res.body.items.length, 1, `${format}: one match`)
      t.equal(res.body.items[0]?.id, person.id, `${format}: the person`)
      t.equal(res.body.items[0]?.personalIdentityNumber, number)
    }

    const none = await ctx.call('POST', '/v1/persons/search', {
      token: caseWorker, body: { personalIdentityNumber: personnummer('19380323', '123') }
    })
    t.equal(none.status, 200)
    t.same(none.body, { items: [] }, 'no match: empty list')

    const brommaOnly = personnummer('19380324', '123')
    await createPerson(ctx, brommaCaseWorker, { personalIdentityNumber: brommaOnly })
    const otherUnit = await ctx.call('POST', '/v1/persons/search', { token: caseWorker, body: { personalIdentityNumber: brommaOnly } })
    t.equal(otherUnit.status, 200)
    t.same(otherUnit.body, { items: [] }, 'another unit\'s person is not found')
    const fromBromma = await ctx.call('POST', '/v1/persons/search', { token: brommaCaseWorker, body: { personalIdentityNumber: brommaOnly } })
    t.equal(fromBromma.body.items.length, 1, 'but is found by its own unit')

    const invalid = await ctx.call('POST', '/v1/persons/search', { token: caseWorker, body: { personalIdentityNumber: '19400230-1234' } })
    assertProblem(t, invalid, 400)
    t.equal(invalid.body.errors?.[0]?.pointer, '/personalIdentityNumber')
    const unknown = await ctx.call('POST', '/v1/persons/search', { token: caseWorker, body: { personalIdentityNumber: number, name: 'x' } })
    assertProblem(t, unknown, 400)
  })

  t.test('protected identity needs the explicit permission', async (t) => {
    const permitted = await ctx.token('case_worker', { subject: 'permitted.case_worker', permissions: ['protected_identity'] })
    const number = personnummer('19380325', '123')
    const created = await ctx.call('POST', '/v1/persons', {
      token: permitted, body: { personalIdentityNumber: number, firstName: 'Skyddad', lastName: 'Skyddsson', protectedIdentity: true }
    })
    t.equal(created.status, 201)
    t.equal(created.body.protectedIdentity, true)
    const id = created.body.id as string

    const hidden = await ctx.call('GET', `/v1/persons/${id}`, { token: caseWorker })
    assertProblem(t, hidden, 404)
    const missing = await ctx.call('GET', `/v1/persons/${randomUUID()}`, { token: caseWorker })
    t.equal(hidden.body.detail, missing.body.detail, 'indistinguishable from a missing person')

    const admin = await ctx.token('administrator')
    t.equal((await ctx.call('GET', `/v1/persons/${id}`, { token: admin })).status, 404, 'no role implies the permission')

    const visible = await ctx.call('GET', `/v1/persons/${id}`, { token: permitted })
    t.equal(visible.status, 200)
    t.equal(visible.body.firstName, 'Skyddad')

    const searchHidden = await ctx.call('POST', '/v1/persons/search', { token: caseWorker, body: { personalIdentityNumber: number } })
    t.equal(searchHidden.status, 200)
    t.same(searchHidden.body, { items: [] }, 'not found by search without the permission')
    const searchVisible = await ctx.call('POST', '/v1/persons/search', { token: permitted, body: { personalIdentityNumber: number } })
    t.equal(searchVisible.body.items[0]?.id, id, 'found by search with the permission')

    const patchHidden = await ctx.call('PATCH', `/v1/persons/${id}`, { token: caseWorker, body: { protectedIdentity: false } })
    assertProblem(t, patchHidden, 404)
    const still = await ctx.database.db.selectFrom('persons').select('protected_identity').where('id', '=', id).executeTakeFirstOrThrow()
    t.equal(still.protected_identity, true, 'cannot be unprotected without the permission')

    const otherUnitPermitted = await ctx.token('case_worker', { unit: 'bromma', permissions: ['protected_identity'] })
    t.equal((await ctx.call('GET', `/v1/persons/${id}`, { token: otherUnitPermitted })).status, 404, 'the permission does not cross units')
  })

  t.test('statistics readers get aggregates only', async (t) => {
    const stats = await ctx.token('statistics_reader')
    const person = await createPerson(ctx, caseWorker)
    assertProblem(t, await ctx.call('GET', `/v1/persons/${person.id}`, { token: stats }), 403)
    assertProblem(t, await ctx.call('POST', '/v1/persons', {
      token: stats, body: { personalIdentityNumber: nextPersonnummer(), firstName: 'Stat', lastName: 'Statsson' }
    }), 403)
    assertProblem(t, await ctx.call('PATCH', `/v1/persons/${person.id}`, { token: stats, body: { language: 'finska' } }), 403)
    assertProblem(t, await ctx.call('POST', '/v1/persons/search', {
      token: stats, body: { personalIdentityNumber: person.personalIdentityNumber }
    }), 403)
    const count = await ctx.database.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('first_name', '=', 'Stat').executeTakeFirstOrThrow()
    t.equal(Number(count.n), 0, 'nothing created')
  })

  t.test('authentication', async (t) => {
    const person = await createPerson(ctx, caseWorker)
    const noToken = await ctx.call('GET', `/v1/persons/${person.id}`)
    assertProblem(t, noToken, 401)
    t.notMatch(noToken.raw, person.firstName)
    assertProblem(t, await ctx.call('POST', '/v1/persons', {
      body: { personalIdentityNumber: nextPersonnummer(), firstName: 'Anon', lastName: 'Anonsson' }
    }), 401)
    assertProblem(t, await ctx.call('POST', '/v1/persons/search', { body: { personalIdentityNumber: person.personalIdentityNumber } }), 401)
    assertProblem(t, await ctx.call('GET', `/v1/persons/${person.id}`, { headers: { authorization: 'Basic dXNlcjpwYXNz' } }), 401)
    assertProblem(t, await ctx.call('GET', `/v1/persons/${person.id}`, { token: `${caseWorker.slice(0, -4)}AAAA` }), 401)
    assertProblem(t, await ctx.call('GET', `/v1/persons/${person.id}`, { token: await ctx.token('case_worker', { unit: 'atlantis' }) }), 401)
  })

  t.test('responses carry x-request-id and echo a given one', async (t) => {
    const person = await createPerson(ctx, caseWorker)
    const generated = await ctx.call('GET', `/v1/persons/${person.id}`, { token: caseWorker })
    t.match(generated.headers['x-request-id'], UUID, 'generated when not given')
    const another = await ctx.call('GET', `/v1/persons/${person.id}`, { token: caseWorker })
    t.not(another.headers['x-request-id'], generated.headers['x-request-id'], 'unique per request')

    const echoed = await ctx.call('GET', `/v1/persons/${person.id}`, { token: caseWorker, headers: { 'x-request-id': 'trace-4711.abc' } })
    t.equal(echoed.headers['x-request-id'], 'trace-4711.abc')
    const onError = await ctx.call('GET', `/v1/persons/${person.id}`, { headers: { 'x-request-id': 'trace-401' } })
    t.equal(onError.status, 401)
    t.equal(onError.headers['x-request-id'], 'trace-401', 'also on errors')
    t.match(onError.body.instance, /#request-trace-401$/, 'the problem names the request')
    const onCreate = await ctx.call('POST', '/v1/persons', {
      token: caseWorker, headers: { 'x-request-id': 'trace-create' },
      body: { personalIdentityNumber: nextPersonnummer(), firstName: 'Spår', lastName: 'Spårsson' }
    })
    t.equal(onCreate.status, 201)
    t.equal(onCreate.headers['x-request-id'], 'trace-create')

    const unsafe = await ctx.call('GET', `/v1/persons/${person.id}`, { token: caseWorker, headers: { 'x-request-id': 'bad id\twith spaces' } })
    t.match(unsafe.headers['x-request-id'], UUID, 'an unsafe request id is replaced')
  })

  t.test('Idempotency-Key on create replays the first result', async (t) => {
    const body = { personalIdentityNumber: nextPersonnummer(), firstName: 'Idem', lastName: 'Potent' }
    const first = await ctx.call('POST', '/v1/persons', { token: caseWorker, headers: { 'idempotency-key': 'person-key-1' }, body })
    t.equal(first.status, 201)
    const retry = await ctx.call('POST', '/v1/persons', { token: caseWorker, headers: { 'idempotency-key': 'person-key-1' }, body })
    t.equal(retry.status, 201, 'the first status, not 409')
    t.equal(retry.body.id, first.body.id)
    t.equal(retry.headers.location, first.headers.location)
    t.equal(retry.headers['idempotent-replayed'], 'true')
    const rows = await ctx.database.db.selectFrom('persons').select('id').where('first_name', '=', 'Idem').execute()
    t.equal(rows.length, 1, 'created once')
  })
})
