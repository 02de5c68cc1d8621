import t from 'tap'
import type { FastifyRequest } from 'fastify'
import { swedishNumber, toCsv, wantsCsv } from '../../src/http/csv.js'

const requestWith = (accept?: string) => ({ headers: accept === undefined ? {} : { accept } }) as FastifyRequest

t.test('numbers use the Swedish decimal comma and are not quoted', async (t) => {
  t.equal(swedishNumber(6.2), '6,2')
  t.equal(swedishNumber(10), '10')
  t.equal(swedishNumber(-0.5), '-0,5')
})

t.test('a CSV document: BOM, semicolons, CRLF, quoting and empty cells', async (t) => {
  const csv = toCsv([
    { header: 'Indikator', value: (row: { name: string, value: number | null }) => row.name },
    { header: 'Utfall', value: (row) => row.value }
  ], [{ name: 'Sjukfrånvaro', value: 6.2 }, { name: 'Text; med "citat"\nrad', value: null }])
  t.equal(csv, '\uFEFFIndikator;Utfall\r\nSjukfrånvaro;6,2\r\n"Text; med ""citat""\nrad";\r\n')
})

t.test('text a spreadsheet would run as a formula is neutralised; negative numbers are not', async (t) => {
  const csv = toCsv([{ header: 'v', value: (row: { v: string | number }) => row.v }], [{ v: '=HYPERLINK("x")' }, { v: '+1' }, { v: '@SUM(A1)' }, { v: -3 }])
  t.equal(csv, '\uFEFFv\r\n"\'=HYPERLINK(""x"")"\r\n\'+1\r\n\'@SUM(A1)\r\n-3\r\n')
})

t.test('content negotiation prefers JSON unless CSV is asked for', async (t) => {
  t.equal(wantsCsv(requestWith()), false)
  t.equal(wantsCsv(requestWith('application/json')), false)
  t.equal(wantsCsv(requestWith('*/*')), false)
  t.equal(wantsCsv(requestWith('text/csv')), true)
  t.equal(wantsCsv(requestWith('text/csv, application/json;q=0.5')), true)
  t.equal(wantsCsv(requestWith('application/json, text/csv;q=0.5')), false)
  t.equal(wantsCsv(requestWith('text/csv;q=0')), false)
  t.equal(wantsCsv(requestWith('text/*, application/json')), false)
})
