/**
 * One page of a list in keyset order: the rows after the cursor's key, ordered by the same
 * columns, one more than the limit (so the caller knows whether a next page exists). "After"
 * is written as `a > x OR (a = x AND b > y) …`, the form the lists' composite indexes serve.
 */
import type { ExpressionBuilder, OrderByDirection, ReferenceExpression, SelectQueryBuilder } from 'kysely'

export function keysetPage<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  columns: readonly ReferenceExpression<DB, TB>[],
  after: readonly unknown[] | undefined,
  direction: OrderByDirection,
  limit: number
): Promise<O[]> {
  const beyond = direction === 'asc' ? '>' : '<'
  if (after) {
    query = query.where((eb: ExpressionBuilder<DB, TB>) => eb.or(columns.map((column, i) => eb.and([
      ...columns.slice(0, i).map((earlier, j) => eb(earlier, '=', after[j] as never)),
      eb(column, beyond, after[i] as never)
    ]))))
  }
  for (const column of columns) query = query.orderBy(column as never, direction)
  return query.limit(limit + 1).execute()
}
