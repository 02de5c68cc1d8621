/** Orders (beställningar), their delivered time per month and the unit's month locks: Kysely only. */
import { sql, type ExpressionBuilder, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely'
import type { Actor } from '../../auth/actor.js'
import { seesProtectedIdentities } from '../../auth/access.js'
import { keysetPage } from '../../db/keyset.js'
import type { DB } from '../../db/schema.js'
import { versionBump } from '../../db/version.js'
import type { OrderState } from '../../domain/order.js'

type OrderTable = DB['orders']

/**
 * The orders an actor may see: a provider those addressed to it, in every unit; the unit's
 * staff their unit's. A person with protected identity needs the permission, as everywhere.
 */
export function orderVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'orders'>) => {
    const own = actor.providerId !== undefined ? eb('orders.provider_id', '=', actor.providerId) : eb('orders.unit_id', '=', actor.unitId)
    if (seesProtectedIdentities(actor)) return own
    return eb.and([own, sql<boolean>`NOT EXISTS (SELECT 1 FROM persons p WHERE p.id = orders.person_id AND p.protected_identity)`])
  }
}

export async function insertOrder(trx: Transaction<DB>, row: Insertable<OrderTable>): Promise<string> {
  const { id } = await trx.insertInto('orders').values(row).returning('id').executeTakeFirstOrThrow()
  return id
}

export function findVisibleOrder(db: Kysely<DB>, actor: Actor, id: string, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom('orders').selectAll().where('id', '=', id).where(orderVisibleTo(actor))
  if (options.forUpdate) query = query.forUpdate()
  return query.executeTakeFirst()
}

export type OrderRow = NonNullable<Awaited<ReturnType<typeof findVisibleOrder>>>

export function updateOrder(trx: Transaction<DB>, id: string, changes: Omit<Updateable<OrderTable>, 'id' | 'version'>) {
  return trx.updateTable('orders').set({ ...changes, ...versionBump() }).where('id', '=', id).execute()
}

/** What the order document shows beside the order: names, the needs as communicated, the execution, the delivered time. */
export async function orderContext(db: Kysely<DB>, order: OrderRow) {
  const [person, provider, serviceType, needs, execution, interruptions, delivered, locks] = await Promise.all([
    db.selectFrom('persons').select(['id', 'first_name', 'last_name']).where('id', '=', order.person_id).executeTakeFirstOrThrow(),
    db.selectFrom('providers').select(['id', 'name']).where('id', '=', order.provider_id).executeTakeFirstOrThrow(),
    db.selectFrom('service_types').select(['code', 'label_sv', 'label_en']).where('code', '=', order.service_type_code).executeTakeFirstOrThrow(),
    // The needs description as shared with the person (kommunicering) — never the assessment part —,
    // else the investigation's description of needs.
    db.selectFrom('decisions as d').innerJoin('applications as a', 'a.id', 'd.application_id')
      .select((eb) => [
        eb.selectFrom('communications as c').select('c.needs_description').whereRef('c.application_id', '=', 'a.id')
          .orderBy('c.created_at', 'desc').limit(1).as('communicated'),
        'a.needs_description'
      ])
      .where('d.id', '=', order.decision_id).executeTakeFirst(),
    db.selectFrom('executions').select(['implementation_plan_due_date', 'implementation_plan_received_date', 'started_date', 'ended_date', 'end_reason'])
      .where('decision_id', '=', order.decision_id).executeTakeFirst(),
    db.selectFrom('execution_interruptions').select(['start_date', 'end_date', 'reason']).where('decision_id', '=', order.decision_id).orderBy('start_date').execute(),
    db.selectFrom('delivered_time').select(['month', 'hours', 'version']).where('order_id', '=', order.id).orderBy('month').execute(),
    db.selectFrom('delivered_time_locks').select('month').where('unit_id', '=', order.unit_id).execute()
  ])
  return { person, provider, serviceType, needs: needs?.communicated ?? needs?.needs_description ?? null, execution, interruptions, delivered, lockedMonths: new Set(locks.map((l) => l.month)) }
}

export interface OrderListFilter { actor: Actor; state?: OrderState | undefined; limit: number; after?: readonly unknown[] | undefined }

/** Newest order first; each with the person's name (a list is read by people). */
export function listVisibleOrders(db: Kysely<DB>, f: OrderListFilter) {
  let query = db.selectFrom('orders')
    .innerJoin('persons', 'persons.id', 'orders.person_id')
    .select(['orders.id', 'orders.state', 'orders.ordered_date', 'orders.service_type_code', 'orders.hours_per_month', 'orders.visits_per_month',
      'orders.start_wanted_date', 'orders.provider_id', 'orders.person_id', 'orders.unit_id', 'orders.decision_id', 'persons.first_name', 'persons.last_name'])
    .where(orderVisibleTo(f.actor))
  if (f.state !== undefined) query = query.where('orders.state', '=', f.state)
  return keysetPage(query, ['orders.ordered_date', 'orders.id'], f.after, 'desc', f.limit)
}

export function findDeliveredTime(db: Kysely<DB>, orderId: string, month: string) {
  return db.selectFrom('delivered_time').selectAll().where('order_id', '=', orderId).where('month', '=', month).executeTakeFirst()
}

export async function isMonthLocked(db: Kysely<DB>, unitId: string, month: string): Promise<boolean> {
  const lock = await db.selectFrom('delivered_time_locks').select('month').where('unit_id', '=', unitId).where('month', '=', month).executeTakeFirst()
  return lock !== undefined
}

export async function saveDeliveredTime(trx: Transaction<DB>, order: { id: string; unit_id: string; hours_per_month: number | null }, month: string, hours: number, reportedBy: string) {
  return trx.insertInto('delivered_time').values({ order_id: order.id, unit_id: order.unit_id, ordered_hours: order.hours_per_month, month, hours, reported_by: reportedBy })
    .onConflict((oc) => oc.columns(['order_id', 'month'])
      .doUpdateSet({ hours, reported_by: reportedBy, version: sql<number>`delivered_time.version + 1`, updated_at: new Date().toISOString() }))
    .returningAll().executeTakeFirstOrThrow()
}

export function insertMonthLock(trx: Transaction<DB>, unitId: string, month: string, lockedBy: string) {
  return trx.insertInto('delivered_time_locks').values({ unit_id: unitId, month, locked_by: lockedBy })
    .onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst()
}
