/** The reports' CSV columns, headed in Swedish as the recipients (IVO, the council) read them. */
import type { DecisionOutcome } from '../../domain/application-process.js'
import type { Sex } from '../../domain/person.js'
import type { CsvColumn } from '../../http/csv.js'
import type { NotExecutedRow } from './not-executed-report.js'

const SEX: Record<Sex, string> = { female: 'Kvinna', male: 'Man' }
const STATUS = { waiting: 'Ej verkställt', executed: 'Verkställt', ended: 'Avslutat utan verkställighet' } as const
const KIND = { not_executed: 'Ej verkställt inom tre månader', interrupted: 'Avbrott i verkställigheten', reduced: 'Verkställt i minskad omfattning' } as const
const OUTCOME: Record<DecisionOutcome, string> = { granted: 'Bifall', partially_granted: 'Delvis avslag', rejected: 'Avslag' }

type Row = Omit<NotExecutedRow, 'personId' | 'protectedIdentity'>

export const notExecutedCsvColumns: CsvColumn<Row>[] = [
  { header: 'Personnummer', value: (r) => r.personalIdentity.value },
  { header: 'Kön', value: (r) => SEX[r.sex] },
  { header: 'Insats', value: (r) => r.serviceTypeLabel },
  { header: 'Lagrum', value: (r) => r.legalBasis },
  { header: 'Beslutsdatum', value: (r) => r.decisionDate },
  { header: 'Verkställbart från', value: (r) => r.executableFrom },
  { header: 'Minskad omfattning från', value: (r) => r.reducedFrom },
  { header: 'Typ', value: (r) => KIND[r.kind] },
  { header: 'Avbrott från', value: (r) => r.interruption?.startDate },
  { header: 'Status vid kvartalets slut', value: (r) => STATUS[r.status] },
  { header: 'Verkställt/avslutat datum', value: (r) => r.resolvedDate },
  { header: 'Avslutsorsak', value: (r) => r.endReason },
  { header: 'Antal dagar', value: (r) => r.daysWaited },
  { header: 'Beviljade timmar/mån', value: (r) => r.partlyExecuted?.grantedHours },
  { header: 'Verkställda timmar/mån', value: (r) => r.partlyExecuted?.executedHours },
  { header: 'Ej verkställda timmar/mån', value: (r) => r.partlyExecuted?.missingHours },
  { header: 'Skäl till dröjsmålet', value: (r) => r.delayReason },
  { header: 'Konsekvenser för den enskilde', value: (r) => r.consequences },
  { header: 'Tillfälliga insatser', value: (r) => r.interimServices },
  { header: 'Erbjudanden', value: (r) => r.offers.map((o) => `${o.offeredDate} ${o.description} (${o.response}${o.responseDate ? ` ${o.responseDate}` : ''})`).join(' | ') },
  { header: 'Först rapporterad', value: (r) => r.firstReportedQuarter }
]

interface MonthRow { serviceTypeCode: string; outcome: keyof typeof OUTCOME; sex: keyof typeof SEX; months: number[]; total: number }

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec']

export const decisionsPerMonthCsvColumns: CsvColumn<MonthRow>[] = [
  { header: 'Insats', value: (r) => r.serviceTypeCode },
  { header: 'Utfall', value: (r) => OUTCOME[r.outcome] },
  { header: 'Kön', value: (r) => SEX[r.sex] },
  ...MONTHS.map((label, i): CsvColumn<MonthRow> => ({ header: label, value: (r) => r.months[i] })),
  { header: 'Totalt', value: (r) => r.total }
]
