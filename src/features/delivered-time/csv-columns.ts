/** The monthly report's CSV columns, headed in Swedish as the unit reads them. */
import type { Deviation } from '../../domain/delivered-time.js'
import type { CsvColumn } from '../../http/csv.js'

const SEX = { female: 'Kvinna', male: 'Man' } as const
const DEVIATION: Record<Deviation, string> = { within: 'Inom toleransen', below: 'Under beställd tid', above: 'Över beställd tid', not_reported: 'Ej rapporterad' }

interface Row {
  personName: string; sex: keyof typeof SEX; provider: { name: string }; serviceTypeCode: string; orderedHours: number
  deliveredHours: number | null; differenceHours: number | null; deliveredPercent: number | null; deviation: Deviation
}

export const deliveredTimeCsvColumns: CsvColumn<Row>[] = [
  { header: 'Kund', value: (r) => r.personName },
  { header: 'Kön', value: (r) => SEX[r.sex] },
  { header: 'Utförare', value: (r) => r.provider.name },
  { header: 'Insats', value: (r) => r.serviceTypeCode },
  { header: 'Beställd tid (h)', value: (r) => r.orderedHours },
  { header: 'Utförd tid (h)', value: (r) => r.deliveredHours },
  { header: 'Differens (h)', value: (r) => r.differenceHours },
  { header: 'Utförd andel (%)', value: (r) => r.deliveredPercent },
  { header: 'Avvikelse', value: (r) => DEVIATION[r.deviation] }
]
