/**
 * The thirteen units' relative sizes and their staff, as deterministic names a benchmark can
 * mint tokens for. Case workers are `hk.<unit>.NN` (handläggare, 01…): 25–46 per unit by its
 * size, whatever the number of persons loaded; 01 and 02 hold the special delegation for home
 * care over 99 hours. The unit manager is `ec.<unit>`, the deputies `bec.<unit>.1` and `.2`,
 * the quality officer `kval.<unit>`.
 */

/** Share of the city's elderly-care clients per district (roughly its population aged 65+). */
export const UNIT_WEIGHTS: Readonly<Record<string, number>> = {
  'rinkeby-kista': 0.055,
  'spanga-tensta': 0.045,
  'hasselby-vallingby': 0.09,
  bromma: 0.105,
  kungsholmen: 0.075,
  norrmalm: 0.07,
  ostermalm: 0.09,
  sodermalm: 0.11,
  'enskede-arsta-vantor': 0.11,
  skarpnack: 0.055,
  farsta: 0.075,
  'hagersten-alvsjo': 0.09,
  skarholmen: 0.03
}

const MIN_WEIGHT = Math.min(...Object.values(UNIT_WEIGHTS))
const MAX_WEIGHT = Math.max(...Object.values(UNIT_WEIGHTS))

/** Case workers of a unit: 25 in the smallest district, 46 in the largest (DOMAIN §1). */
export function caseWorkerCount(unitCode: string): number {
  const w = UNIT_WEIGHTS[unitCode] ?? MIN_WEIGHT
  return 25 + Math.round((21 * (w - MIN_WEIGHT)) / (MAX_WEIGHT - MIN_WEIGHT))
}

export const caseWorker = (unitCode: string, n: number): string => `hk.${unitCode}.${String(n).padStart(2, '0')}`

/** The case workers holding the special delegation (seed 000: "två särskilt utsedda"). */
export const SPECIAL_DELEGATION_NUMBERS = [1, 2] as const

export const unitManager = (unitCode: string): string => `ec.${unitCode}`
export const deputyUnitManager = (unitCode: string, n: 1 | 2): string => `bec.${unitCode}.${n}`
export const qualityOfficer = (unitCode: string): string => `kval.${unitCode}`

/** Everyone of a unit, for printing. */
export function staffOf(unitCode: string): { caseWorkers: string[]; specialDelegation: string[]; managers: string[]; qualityOfficer: string } {
  const count = caseWorkerCount(unitCode)
  return {
    caseWorkers: Array.from({ length: count }, (_, i) => caseWorker(unitCode, i + 1)),
    specialDelegation: SPECIAL_DELEGATION_NUMBERS.map((n) => caseWorker(unitCode, n)),
    managers: [unitManager(unitCode), deputyUnitManager(unitCode, 1), deputyUnitManager(unitCode, 2)],
    qualityOfficer: qualityOfficer(unitCode)
  }
}
