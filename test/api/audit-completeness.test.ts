/**
 * Audit completeness. Under concurrent load, every response that carried an individual's data
 * has an access-log event for that individual with the response's request id (both sides are
 * counted). And the application's database role, set up as the README's "Database roles in
 * production" says, cannot change or remove access-log rows, nor switch off the trigger.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { sql } from 'kysely'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { createDatabase } from '../../src/db/database.js'
import { migrate } from '../../src/db/migrate.js'
import { signDevToken } from '../../src/auth/tokens.js'
import { buildTestApp, createApplication, createPerson, readyForDecision } from '../helper.js'

/** The individuals a response body shows: persons by id, and every `personId` it carries. */
function individualsIn(body: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(body)) for (const item of body) individualsIn(item, found)
  else if (body !== null && typeof body === 'object') {
    const object = body as Record<string, unknown>
    if (typeof object.personalIdentityNumber === 'string' && typeof object.id === 'string') found.add(object.id)
    if (typeof object.personId === 'string') found.add(object.personId)
    for (const value of Object.values(object)) individualsIn(value, found)
  }
  return found
}

t.test('every response with an individual\'s data is in the access log, under load', async (t) => {
  const ctx = await buildTestApp(t)
  const manager = await ctx.token('unit_manager', { subject: 'load.manager' })
  const persons = await Promise.all(Array.from({ length: 6 }, () => createPerson(ctx, manager)))
  const applications = await Promise.all(persons.map((p) => createApplication(ctx, manager, { personId: p.id, requestedServices: [{ serviceTypeCode: 'safety_alarm' }] })))
  await Promise.all(applications.slice(0, 3).map((a) => readyForDecision(ctx, manager, a.id)))
  const decisions = await Promise.all(applications.slice(0, 3).map((a) => ctx.call('POST', `/v1/applications/${a.id}/decisions`, {
    token: manager, body: { serviceTypeCode: 'safety_alarm', outcome: 'granted', reason: 'r', decisionDate: '2026-02-10', validFrom: '2026-02-10' }
  })))

  const pick = <T>(list: T[], i: number) => list[i % list.length]!
  const requests = Array.from({ length: 240 }, (_, i): [string, string, unknown?] => {
    const person = pick(persons, i)
    const application = pick(applications, i)
    switch (i % 10) {
      case 0: return ['GET', `/v1/persons/${person.id}`]
      case 1: return ['PATCH', `/v1/persons/${person.id}`, { district: `District ${i}` }]
      case 2: return ['POST', '/v1/persons/search', { personalIdentityNumber: person.personalIdentityNumber }]
      case 3: return ['GET', `/v1/applications/${application.id}`]
      case 4: return ['GET', '/v1/applications?limit=5']
      case 5: return ['GET', `/v1/decisions?personId=${person.id}`]
      case 6: return ['GET', `/v1/decisions/${pick(decisions, i).body.id}`]
      case 7: return ['POST', '/v1/applications', { personId: person.id, receivedDate: '2026-01-20', channel: 'phone', requestedServices: [{ serviceTypeCode: 'day_activity' }] }]
      case 8: return ['PATCH', `/v1/applications/${application.id}`, { receivedDate: '2026-01-16' }]
      default: return ['GET', `/v1/applications/${application.id}/communications`]
    }
  })
  const responses = await Promise.all(requests.map(([method, url, body], i) => ctx.call(method as 'GET', url, {
    token: manager, headers: { 'x-request-id': `load-${i}` }, ...(body === undefined ? {} : { body })
  }).then((res) => ({ id: `load-${i}`, res }))))

  const events = await ctx.database.db.selectFrom('audit_events').select(['request_id', 'person_id'])
    .where('request_id', 'like', 'load-%').execute()
  const logged = new Map<string, Set<string>>()
  for (const e of events) {
    if (!e.request_id || !e.person_id) continue
    logged.set(e.request_id, (logged.get(e.request_id) ?? new Set()).add(e.person_id))
  }

  let carrying = 0
  let shown = 0
  let covered = 0
  const missing: string[] = []
  for (const { id, res } of responses) {
    t.ok(res.status < 500, `${id}: ${res.status}`)
    if (res.status >= 300) continue
    const individuals = individualsIn(res.body)
    if (individuals.size === 0) continue
    carrying++
    for (const personId of individuals) {
      shown++
      if (logged.get(id)?.has(personId)) covered++
      else missing.push(`${id} ${requests[Number(id.slice(5))]?.[1]} → person ${personId}`)
    }
  }
  t.comment(`audit under load: ${responses.length} concurrent requests, ${carrying} responses carried individuals' data (${shown} individual-in-response pairs), ${covered} of them in the access log, ${events.length} events written`)
  t.ok(carrying >= responses.length / 2, 'most requests returned individuals\' data')
  t.same(missing, [], 'every individual shown has an event with the same request id')
  t.equal(covered, shown)
})

/** The README's grants ("after each migration"), with our role names. */
function readmeGrants(appRole: string): string {
  const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const block = /-- after each migration, as bestallarenhet_owner\n([\s\S]*?)```/.exec(readme)?.[1]
  if (!block) throw new Error('README: the "after each migration" grants are gone')
  return block.replaceAll('bestallarenhet_app', appRole)
}

const ATTACKS: [string, string][] = [
  ['UPDATE a row', "UPDATE audit_events SET actor = 'someone.else' WHERE id = (SELECT min(id) FROM audit_events)"],
  ['UPDATE all rows', "UPDATE audit_events SET person_id = NULL"],
  ['DELETE a row', 'DELETE FROM audit_events WHERE id = (SELECT min(id) FROM audit_events)'],
  ['DELETE all rows', 'DELETE FROM audit_events'],
  ['TRUNCATE', 'TRUNCATE audit_events'],
  ['disable the trigger', 'ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete'],
  ['drop the trigger', 'DROP TRIGGER audit_events_no_update_delete ON audit_events'],
  ['replace the trigger function', 'CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$'],
  ['drop the table', 'DROP TABLE audit_events'],
  ['rename the table', 'ALTER TABLE audit_events RENAME TO audit_events_old'],
  ['turn off triggers for the session', "SET session_replication_role = 'replica'"],
  // The rows behind the audit_events view (migration 0020) and a month's partition of them.
  ['UPDATE the stored rows', "UPDATE access_log SET actor = 'someone.else'"],
  ['DELETE the stored rows', 'DELETE FROM access_log'],
  ['TRUNCATE the stored rows', 'TRUNCATE access_log'],
  ['TRUNCATE a partition', `TRUNCATE access_log_y${new Date().toISOString().slice(0, 7).replace('-', 'm')}`],
  ['DELETE from a partition', `DELETE FROM access_log_y${new Date().toISOString().slice(0, 7).replace('-', 'm')}`],
  ['detach a partition', `ALTER TABLE access_log DETACH PARTITION access_log_y${new Date().toISOString().slice(0, 7).replace('-', 'm')}`],
  ['disable the stored rows\' trigger', 'ALTER TABLE access_log DISABLE TRIGGER access_log_no_update_delete'],
  ['drop the stored rows', 'DROP TABLE access_log']
]

t.test('the application\'s database role cannot update or delete access-log rows', async (t) => {
  const suffix = randomBytes(4).toString('hex')
  const ownerRole = `bea_owner_${suffix}`
  const appRole = `bea_app_${suffix}`
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bea-roles-'))
  t.teardown(() => fs.rmSync(dataDir, { recursive: true, force: true }))
  const adminUrl = process.env.DATABASE_URL

  // On a server: real LOGIN roles and a fresh database owned by the owner role, all removed
  // afterwards. On PGlite (one session): the same roles, taken on with SET ROLE.
  let appDatabase: Awaited<ReturnType<typeof createDatabase>>
  let attempt: (statement: string) => Promise<unknown>
  if (adminUrl) {
    const dbName = `test_roles_${suffix}`
    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    await admin.query(`CREATE ROLE ${ownerRole} LOGIN PASSWORD 'owner-${suffix}'`)
    await admin.query(`CREATE ROLE ${appRole} LOGIN PASSWORD 'app-${suffix}'`)
    await admin.query(`CREATE DATABASE ${dbName} OWNER ${ownerRole}`)
    await admin.end()
    t.teardown(async () => {
      const c = new pg.Client({ connectionString: adminUrl })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
      await c.query(`DROP ROLE IF EXISTS ${appRole}`)
      await c.query(`DROP ROLE IF EXISTS ${ownerRole}`)
      await c.end()
    })
    const urlFor = (user: string, password: string) => {
      const url = new URL(adminUrl)
      url.username = user
      url.password = password
      url.pathname = `/${dbName}`
      return url.toString()
    }
    const superuser = new URL(adminUrl)
    superuser.pathname = `/${dbName}`
    const inDb = new pg.Client({ connectionString: superuser.toString() })
    await inDb.connect()
    await inDb.query(`ALTER SCHEMA public OWNER TO ${ownerRole}`)
    await inDb.end()

    const owner = await createDatabase({ databaseUrl: urlFor(ownerRole, `owner-${suffix}`), pgliteDataDir: '', poolMax: 1 })
    await migrate(owner)
    await owner.withSession((s) => s.runScript(readmeGrants(appRole)))
    await owner.close()
    appDatabase = await createDatabase({ databaseUrl: urlFor(appRole, `app-${suffix}`), pgliteDataDir: '', poolMax: 2 })
    t.teardown(() => appDatabase.close())
    attempt = (statement) => appDatabase.withSession((s) => s.query(statement))
  } else {
    appDatabase = await createDatabase({ databaseUrl: undefined, pgliteDataDir: 'memory://', poolMax: 1 })
    t.teardown(() => appDatabase.close())
    await appDatabase.withSession(async (s) => {
      await s.query(`CREATE ROLE ${ownerRole} NOLOGIN`)
      await s.query(`CREATE ROLE ${appRole} NOLOGIN`)
      await s.query(`ALTER SCHEMA public OWNER TO ${ownerRole}`)
      await s.query(`SET ROLE ${ownerRole}`)
    })
    await migrate(appDatabase)
    await appDatabase.withSession(async (s) => {
      await s.runScript(readmeGrants(appRole))
      await s.query(`SET ROLE ${appRole}`)
    })
    attempt = (statement) => appDatabase.withSession((s) => s.query(statement))
  }

  const [{ who }] = await appDatabase.withSession((s) => s.query<{ who: string }>('SELECT current_user AS who')) as [{ who: string }]
  t.equal(who, appRole, 'connected as the application role')

  // The service itself runs on this role: it reads and writes, and appends to the log.
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, MIGRATE_ON_START: 'false', MAX_EVENT_LOOP_DELAY_MS: '0' })
  const app = await buildApp({ config, db: appDatabase.db })
  t.teardown(() => app.close())
  const token = await signDevToken(config.auth.devKeyFile, config.auth.issuer, config.auth.audience, { subject: 'role.test', roles: ['case_worker'], unit: 'hagersten-alvsjo' })
  const created = await app.inject({ method: 'POST', url: '/v1/persons', headers: { authorization: `Bearer ${token}` }, payload: { personalIdentityNumber: '19400612-1232', firstName: 'Rolf', lastName: 'Rollsson' } })
  t.equal(created.statusCode, 201, 'the service works as the application role')
  t.equal((await app.inject({ method: 'GET', url: `/v1/persons/${created.json().id}`, headers: { authorization: `Bearer ${token}` } })).statusCode, 200)
  const before = await appDatabase.db.selectFrom('audit_events').selectAll().orderBy('id').execute()
  t.ok(before.length >= 2, 'and its access events were appended')

  // Granting itself the rights back only warns (it holds no grant option) and grants nothing:
  // the attempts below run after it.
  await attempt(`GRANT UPDATE, DELETE, TRUNCATE ON audit_events TO ${appRole}`).catch(() => undefined)
  let refused = 0
  for (const [name, statement] of ATTACKS) {
    const error = await attempt(statement).then(() => undefined, (e: { code?: string; message?: string }) => e)
    t.ok(error, `${name}: refused`)
    t.match(error?.code, /^(42501|42809|P0001|22023)$/, `${name}: refused for lack of rights (${error?.code} ${error?.message})`)
    if (error) refused++
  }
  const after = await appDatabase.db.selectFrom('audit_events').selectAll().orderBy('id').execute()
  t.same(after, before, 'every access-log row is unchanged')
  await sql`INSERT INTO audit_events (actor, actor_roles, action, resource_type) VALUES ('role.test', '{case_worker}', 'read', 'person')`.execute(appDatabase.db)
  t.equal((await appDatabase.db.selectFrom('audit_events').select('id').execute()).length, before.length + 1, 'appending is still allowed')
  t.comment(`audit role: ${ATTACKS.length} attempts to change the access log as the application role (${adminUrl ? 'PostgreSQL server' : 'PGlite'}), ${refused} refused`)
})
