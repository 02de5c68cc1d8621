/** Whose an indicator is and where its values come from. */

/** kf: the city council's indicator, shared by every unit; council: the district council's own, kept by one unit. */
export const INDICATOR_LEVELS = ['kf', 'council'] as const
export type IndicatorLevel = (typeof INDICATOR_LEVELS)[number]

/** Manual entry, a survey (e.g. the individual quality follow-up), or computed by a formula from the service's own data. */
export const INDICATOR_SOURCES = ['manual', 'survey', 'computed'] as const
export type IndicatorSource = (typeof INDICATOR_SOURCES)[number]

/** A recorded value was entered by a person (also a survey's result) or computed by the indicator's formula. */
export const VALUE_SOURCES = ['manual', 'computed'] as const satisfies readonly IndicatorSource[]
export type ValueSource = (typeof VALUE_SOURCES)[number]
