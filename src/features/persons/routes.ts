/** Persons (den enskilde): create, read, update, and exact search by identity number. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { setEtag } from '../../http/etag.js'
import { callerOf } from '../../http/caller.js'
import { IdempotencyHeader, IdParams, IfMatchHeader, problems, ref } from '../../http/schemas.js'
import { toPerson } from './present.js'
import { Person, PersonCreate, PersonSearch, PersonUpdate } from './schemas.js'
import { changePerson, readPerson, registerPerson, searchPerson } from './service.js'

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
    const person = await registerPerson(app.db, callerOf(request), request.body)
    setEtag(reply, person.version)
    return reply.code(201).header('location', `/v1/persons/${person.id}`).send(toPerson(person))
  })

  app.get('/persons/:id', {
    ...reads,
    schema: {
      tags: ['Persons'], operationId: 'getPerson', summary: 'Get a person', description: 'One person of the caller\'s unit, with its ETag. A person with protected identity needs the `protected_identity` permission. 404 when it does not exist or belongs to another unit (existence is never confirmed). The read is written to the access log.',
      params: IdParams,
      response: { 200: ref(Person), ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const person = await readPerson(app.db, callerOf(request), request.params.id)
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
    const person = await changePerson(app.db, callerOf(request), request.params.id, request.body)
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
    const person = await searchPerson(app.db, callerOf(request), request.body.personalIdentityNumber)
    return { items: person ? [toPerson(person)] : [] }
  })
}

export default routes
