/**
 * Annual targets and the traffic light. A target is a number with an optional comparator
 * ("max 10"), and/or the text the report prints ("Tas fram av nämnd/styrelse", "Max 10 personer").
 * The status is derived only where a numeric target and a direction allow it.
 */
export const MEASURE_UNITS = ['percent', 'index', 'count', 'days', 'persons', 'hours'] as const
export type MeasureUnit = (typeof MEASURE_UNITS)[number]

export const DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const
export type Direction = (typeof DIRECTIONS)[number]

/** at_most: "max 10"; at_least: "minst 10". */
export const COMPARATORS = ['at_least', 'at_most'] as const
export type Comparator = (typeof COMPARATORS)[number]

/** grön / gul / röd */
export const TRAFFIC_LIGHTS = ['green', 'yellow', 'red'] as const
export type TrafficLight = (typeof TRAFFIC_LIGHTS)[number]

export interface Target {
  value: number | null
  comparator: Comparator | null
  text: string | null
}

/** A target as stored (value, comparator, text); none when it has neither a value nor a text. */
export const targetOf = (value: number | null, comparator: Comparator | null, text: string | null): Target | null =>
  value === null && text === null ? null : { value, comparator, text }

/** Without an explicit margin, up to 10 % of the target short of it is yellow. */
export const DEFAULT_YELLOW_SHARE = 0.1

/** One decimal at most, decimal comma: 6.2 → "6,2", 1 → "1", 73.333 → "73,3". */
export function swedishDecimal(value: number): string {
  const rounded = Math.round(value * 10) / 10
  return String(Object.is(rounded, -0) ? 0 : rounded).replace('.', ',')
}

/** A value as the report prints it: percent with " %", everything else as a bare number. */
export function formatValue(value: number | null, unit: MeasureUnit): string {
  if (value === null) return ''
  return unit === 'percent' ? `${swedishDecimal(value)} %` : swedishDecimal(value)
}

/** The printed text wins (it is what the report says); otherwise the number with its comparator. */
export function formatTarget(target: Target | null, unit: MeasureUnit): string {
  if (target === null) return ''
  if (target.text !== null) return target.text
  if (target.value === null) return ''
  const number = formatValue(target.value, unit)
  if (target.comparator === 'at_most') return `Max ${number}`
  if (target.comparator === 'at_least') return `Minst ${number}`
  return number
}

/**
 * Green when the target is met, yellow when short of it by at most the margin, red beyond.
 * A comparator says which side is good; otherwise the indicator's direction does. No status
 * without a value or a numeric target.
 */
export function deriveStatus(value: number | null, target: Target | null, direction: Direction, yellowMargin: number | null = null): TrafficLight | null {
  if (value === null || target === null || target.value === null) return null
  const goal = target.value
  const higherIsBetter = target.comparator === null ? direction === 'higher_is_better' : target.comparator === 'at_least'
  const shortfall = higherIsBetter ? goal - value : value - goal
  if (shortfall <= 0) return 'green'
  const margin = yellowMargin ?? Math.abs(goal) * DEFAULT_YELLOW_SHARE
  return shortfall <= margin ? 'yellow' : 'red'
}
