/** Persons (den enskilde): create, read, update, and exact search by identity number. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { todayInStockholm } from '../../domain/calendar.js'
import { parseIdentityNumber, type IdentityNumber } from '../../domain/identity-number.js'
import { assertVersion, setEtag } from '../../http/etag.js'
import { badRequest, conflict, notFound } from '../../http/problem.js'
import { IdempotencyHeader, IdParams, IfMatchHeader, problems, ref } from '../../http/schemas.js'
import {
  findVisiblePerson, findVisiblePersonByNumber, insertPerson, personNumberTaken, updatePerson,
  type PersonChanges, type PersonRow
} from './repository.js'
import { Person, PersonCreate, PersonSearch, PersonUpdate } from './schemas.js'

export const toPerson = (p: PersonRow) => ({
  id: p.id,
  unitId: p.unit_id,
  personalIdentityNumber: p.personal_identity_number,
  identityKind: p.identity_kind,
  birthDate: p.birth_date,
  firstName: p.first_name,
  lastName: p.last_name,
  sex: p.sex,
  district: p.district,
  language: p.language,
  interpreterNeeded: p.interpreter_needed,
  interpreterLanguage: p.interpreter_language,
  representatives: p.representatives,
  childrenInHousehold: p.children_in_household,
  violenceAsked: p.violence_asked,
  violenceSuspected: p.violence_suspected,
  protectedIdentity: p.protected_identity,
  version: p.version,
  createdAt: p.created_at,
  updatedAt: p.updated_at
})

function identityNumber(input: string): IdentityNumber {
  const parsed = parseIdentityNumber(input, todayInStockholm())
  if (!parsed) {
    throw badRequest('/personalIdentityNumber', 'Not a valid personnummer or samordningsnummer (check the date and the check digit).')
  }
  return parsed
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const reads = { preValidation: app.requireCapability('read_individual_data') }
  const writes = { preValidation: app.requireCapability('write_individual_data') }

  app.post('/persons', {
    ...writes,
    schema: {
      tags: ['Persons'], operationId: 'createPerson', summary: 'Register a person',
      description: 'Registers a person in the caller\'s unit. The identity number is validated (format, date, check digit) and stored as 12 digits.',
      headers: IdempotencyHeader,
      body: PersonCreate,
      response: { 201: ref(Person), ...problems(400, 403, 409, 422) }
    }
  }, async (request, reply) => {
    const b = request.body
    const id = identityNumber(b.personalIdentityNumber)
    const { actor } = request
    if (await personNumberTaken(app.db, actor.unitId, id.normalised)) {
      throw conflict('A person with this identity number is already registered in the unit.')
    }
    const person = await app.db.transaction().execute(async (trx) => {
      const created = await insertPerson(trx, {
        unit_id: actor.unitId,
        personal_identity_number: id.normalised,
        identity_kind: id.kind,
        birth_date: id.birthDate,
        first_name: b.firstName,
        last_name: b.lastName,
        sex: b.sex ?? id.legalSex,
        district: b.district ?? null,
        language: b.language ?? null,
        interpreter_needed: b.interpreterNeeded ?? false,
        interpreter_language: b.interpreterLanguage ?? null,
        representatives: JSON.stringify(b.representatives ?? []),
        children_in_household: b.childrenInHousehold ?? null,
        violence_asked: b.violenceAsked ?? false,
        violence_suspected: b.violenceSuspected ?? false,
        protected_identity: b.protectedIdentity ?? false
      })
      await app.audit(request, [{ action: 'create', resourceType: 'person', resourceId: created.id, personId: created.id }], trx)
      return created
    })
    setEtag(reply, person.version)
    return reply.code(201).header('location', `/v1/persons/${person.id}`).send(toPerson(person))
  })

  app.get('/persons/:id', {
    ...reads,
    schema: {
      tags: ['Persons'], operationId: 'getPerson', summary: 'Get a person',
      params: IdParams,
      response: { 200: ref(Person), ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const person = await findVisiblePerson(app.db, request.actor, request.params.id)
    if (!person) throw notFound('Person')
    await app.audit(request, [{ action: 'read', resourceType: 'person', resourceId: person.id, personId: person.id }])
    setEtag(reply, person.version)
    return toPerson(person)
  })

  app.patch('/persons/:id', {
    ...writes,
    schema: {
      tags: ['Persons'], operationId: 'updatePerson', summary: 'Update a person',
      description: 'Changes the given fields. Send If-Match with the ETag to avoid overwriting a concurrent change (412).',
      params: IdParams,
      headers: IfMatchHeader,
      body: PersonUpdate,
      response: { 200: ref(Person), ...problems(400, 403, 404, 409, 412) }
    }
  }, async (request, reply) => {
    const b = request.body
    const { actor } = request
    const person = await app.db.transaction().execute(async (trx) => {
      const current = await findVisiblePerson(trx, actor, request.params.id, { forUpdate: true })
      if (!current) throw notFound('Person')
      assertVersion(request, current.version)
      const changes: PersonChanges = {
        first_name: b.firstName,
        last_name: b.lastName,
        sex: b.sex,
        district: b.district,
        language: b.language,
        interpreter_needed: b.interpreterNeeded,
        interpreter_language: b.interpreterLanguage,
        representatives: b.representatives === undefined ? undefined : JSON.stringify(b.representatives),
        children_in_household: b.childrenInHousehold,
        violence_asked: b.violenceAsked,
        violence_suspected: b.violenceSuspected,
        protected_identity: b.protectedIdentity
      }
      if (b.personalIdentityNumber !== undefined) {
        const id = identityNumber(b.personalIdentityNumber)
        if (await personNumberTaken(trx, actor.unitId, id.normalised, current.id)) {
          throw conflict('A person with this identity number is already registered in the unit.')
        }
        Object.assign(changes, { personal_identity_number: id.normalised, identity_kind: id.kind, birth_date: id.birthDate })
      }
      const updated = await updatePerson(trx, current.id, changes)
      await app.audit(request, [{ action: 'update', resourceType: 'person', resourceId: current.id, personId: current.id }], trx)
      return updated
    })
    setEtag(reply, person.version)
    return toPerson(person)
  })

  app.post('/persons/search', {
    ...reads,
    // A search changes nothing: retries simply search again.
    config: { idempotent: false },
    schema: {
      tags: ['Persons'], operationId: 'searchPersons', summary: 'Find a person by identity number',
      description: 'Exact match on the personnummer or samordningsnummer, within the caller\'s unit. Sent as POST so the number never appears in a URL. Answers an empty list when there is no match.',
      body: PersonSearch,
      response: { 200: Type.Object({ items: Type.Array(ref(Person)) }), ...problems(400, 403) }
    }
  }, async (request) => {
    const id = identityNumber(request.body.personalIdentityNumber)
    const person = await findVisiblePersonByNumber(app.db, request.actor, id.normalised)
    await app.audit(request, [{ action: 'search', resourceType: 'person', resourceId: person?.id ?? null, personId: person?.id ?? null }])
    return { items: person ? [toPerson(person)] : [] }
  })
}

export default routes
