/**
 * The goal hierarchy of a plan year: KF direction goal → KF goal for the area → council goal
 * → unit goal. Reports walk it depth first, siblings by position and then by printed number.
 */
export const GOAL_LEVELS = ['kf_direction', 'kf_area', 'council', 'unit'] as const
export type GoalLevel = (typeof GOAL_LEVELS)[number]

/** A goal's assessment for a period: uppfylls helt / uppfylls delvis / uppfylls inte. */
export const FULFILMENTS = ['fully', 'partly', 'not'] as const
export type Fulfilment = (typeof FULFILMENTS)[number]

/** The level a goal's parent must have; a KF direction goal has no parent. */
export function parentLevelOf(level: GoalLevel): GoalLevel | null {
  const index = GOAL_LEVELS.indexOf(level)
  return index <= 0 ? null : GOAL_LEVELS[index - 1] ?? null
}

export interface TreeGoal {
  id: string
  parentId: string | null
  position: number
  number: string | null
}

/** "1.5" before "1.10": compare printed numbers part by part. */
export function compareNumbers(a: string | null, b: string | null): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  const pa = a.split('.')
  const pb = b.split('.')
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i]
    const y = pb[i]
    if (x === undefined) return -1
    if (y === undefined) return 1
    const diff = Number(x) - Number(y)
    if (Number.isFinite(diff) && diff !== 0) return diff
    if (!Number.isFinite(diff) && x !== y) return x.localeCompare(y)
  }
  return 0
}

/** Depth-first order; a goal whose parent is missing from the list is treated as a root. */
export function orderGoals<G extends TreeGoal>(goals: readonly G[]): G[] {
  const ids = new Set(goals.map((g) => g.id))
  const children = new Map<string | null, G[]>()
  for (const goal of goals) {
    const parent = goal.parentId !== null && ids.has(goal.parentId) ? goal.parentId : null
    const list = children.get(parent) ?? []
    list.push(goal)
    children.set(parent, list)
  }
  const sorted = (list: G[]) => [...list].sort((a, b) => a.position - b.position || compareNumbers(a.number, b.number) || a.id.localeCompare(b.id))
  const ordered: G[] = []
  const visit = (parent: string | null) => {
    for (const goal of sorted(children.get(parent) ?? [])) {
      ordered.push(goal)
      visit(goal.id)
    }
  }
  visit(null)
  return ordered
}
