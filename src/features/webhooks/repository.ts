/** Webhook subscriptions and their delivery log (migration 0009). */
import { sql, type Kysely, type Selectable } from 'kysely'
import type { DB } from '../../db/schema.js'

export type SubscriptionRow = Selectable<DB['webhook_subscriptions']>
export type DeliveryRow = Selectable<DB['webhook_deliveries']>

export function insertSubscription(db: Kysely<DB>, values: {
  unit_id: string; target_url: string; event_types: string[]; description: string | null; secret: string; sees_protected: boolean; created_by: string
}) {
  return db.insertInto('webhook_subscriptions').values(values).returningAll().executeTakeFirstOrThrow()
}

export function findSubscription(db: Kysely<DB>, unitId: string, id: string) {
  return db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).where('unit_id', '=', unitId).executeTakeFirst()
}

export function listSubscriptions(db: Kysely<DB>, unitId: string, after: [string, string] | undefined, limit: number) {
  let query = db.selectFrom('webhook_subscriptions').selectAll().where('unit_id', '=', unitId)
  if (after) query = query.where((eb) => eb.or([eb('created_at', '>', after[0]), eb.and([eb('created_at', '=', after[0]), eb('id', '>', after[1])])]))
  return query.orderBy('created_at').orderBy('id').limit(limit + 1).execute()
}

export function deleteSubscription(db: Kysely<DB>, unitId: string, id: string) {
  return db.deleteFrom('webhook_subscriptions').where('id', '=', id).where('unit_id', '=', unitId).executeTakeFirst()
}

export function updateSubscription(db: Kysely<DB>, id: string, changes: Partial<Omit<SubscriptionRow, 'id' | 'unit_id' | 'version'>>) {
  return db.updateTable('webhook_subscriptions').set({ ...changes, version: sql<number>`version + 1` }).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
}

/** Puts the subscription's cursor just before the event: it and everything after go out again. */
export function rewindTo(db: Kysely<DB>, id: string, eventId: string) {
  return db.updateTable('webhook_subscriptions')
    .set({
      cursor_xid: sql`(SELECT xid FROM change_events WHERE id = ${eventId})`,
      cursor_position: sql`(SELECT position - 1 FROM change_events WHERE id = ${eventId})`,
      status: 'active', attempts: 0, failing_since: null, next_attempt_at: sql`now()`, version: sql<number>`version + 1`
    })
    .where('id', '=', id).returningAll().executeTakeFirstOrThrow()
}

export function listDeliveries(db: Kysely<DB>, subscriptionId: string, before: number | undefined, limit: number) {
  let query = db.selectFrom('webhook_deliveries').selectAll().where('subscription_id', '=', subscriptionId)
  if (before !== undefined) query = query.where('id', '<', before)
  return query.orderBy('id', 'desc').limit(limit + 1).execute()
}

// --- The dispatcher's side ----------------------------------------------------------------

/**
 * Claims up to `limit` due subscriptions for `leaseMs`: FOR UPDATE SKIP LOCKED lets several
 * instances claim at once without waiting for or taking each other's; the lease keeps a claimed
 * one from being delivered twice at the same moment while its request runs outside any transaction.
 */
export function claimDue(db: Kysely<DB>, limit: number, leaseMs: number) {
  return db.updateTable('webhook_subscriptions')
    .set({ leased_until: sql`now() + make_interval(secs => ${leaseMs / 1000})` })
    .where('id', 'in', (eb) => eb.selectFrom('webhook_subscriptions').select('id')
      .where('status', '=', 'active').where('next_attempt_at', '<=', sql<string>`now()`)
      .where((w) => w.or([w('leased_until', 'is', null), w('leased_until', '<', sql<string>`now()`)]))
      .orderBy('next_attempt_at').limit(limit).forUpdate().skipLocked())
    .returningAll()
    .returning(sql<string>`cursor_xid::text`.as('cursor_xid_text'))
    .execute()
}

export function recordDelivery(db: Kysely<DB>, values: Omit<DeliveryRow, 'id' | 'attempted_at'>) {
  return db.insertInto('webhook_deliveries').values(values).execute()
}

/** After a 2xx: past the event, no failures. */
export function advance(db: Kysely<DB>, id: string, xid: string, position: number) {
  return db.updateTable('webhook_subscriptions')
    .set({ cursor_xid: sql`${xid}::xid8`, cursor_position: position, attempts: 0, failing_since: null })
    .where('id', '=', id).execute()
}

export function release(db: Kysely<DB>, id: string, changes: Partial<Pick<SubscriptionRow, 'attempts' | 'failing_since' | 'next_attempt_at' | 'status'>> = {}) {
  return db.updateTable('webhook_subscriptions').set({ ...changes, leased_until: null }).where('id', '=', id).execute()
}
