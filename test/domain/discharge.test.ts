import t from 'tap'
import {
  daysReadyForDischarge, daysWithPaymentResponsibility, dischargeDateErrors, dischargeState, isPastAgreement, leftWithinAgreement, paymentResponsibilityFrom
} from '../../src/domain/discharge.js'

const ep = (readyDate: string | null, leftHospitalDate: string | null, agreementDays = 3) => ({ readyDate, leftHospitalDate, agreementDays })

t.test('payment responsibility begins agreementDays after the ready date, across month and year ends', async (t) => {
  t.equal(paymentResponsibilityFrom('2026-10-12', 3), '2026-10-15')
  t.equal(paymentResponsibilityFrom('2026-10-30', 3), '2026-11-02', 'across a month end')
  t.equal(paymentResponsibilityFrom('2026-12-30', 3), '2027-01-02', 'across a year end')
  t.equal(paymentResponsibilityFrom('2028-02-27', 3), '2028-03-01', 'across a leap February')
  t.equal(paymentResponsibilityFrom('2026-02-27', 2), '2026-03-01', 'two days (seed 003), across a short February')
  t.equal(paymentResponsibilityFrom('2026-10-12', 0), '2026-10-12', 'no free days: from the ready date itself')
  t.equal(paymentResponsibilityFrom(null, 3), null, 'not ready yet')
})

t.test('days ready for discharge: day 0 is the ready date', async (t) => {
  t.equal(daysReadyForDischarge(ep('2026-10-12', '2026-10-12'), '2026-12-01'), 0, 'left on the ready date')
  t.equal(daysReadyForDischarge(ep('2026-10-30', '2026-11-02'), '2026-12-01'), 3, 'across a month end')
  t.equal(daysReadyForDischarge(ep('2026-10-30', null), '2026-11-01'), 2, 'still in hospital: to asOf')
  t.equal(daysReadyForDischarge(ep('2026-10-30', null), '2026-10-29'), 0, 'asOf before the ready date counts 0')
  t.equal(daysReadyForDischarge(ep(null, null), '2026-10-29'), null)
})

t.test('the agreement\'s last day and the first day of payment responsibility', async (t) => {
  // Ready 2026-10-30, 3 days: free through 2026-11-01, paying from 2026-11-02.
  const lastFree = ep('2026-10-30', '2026-11-01')
  const firstPaid = ep('2026-10-30', '2026-11-02')
  const oneDayLate = ep('2026-10-30', '2026-11-03')
  t.equal(leftWithinAgreement(lastFree), true)
  t.equal(daysWithPaymentResponsibility(lastFree, '2026-12-01'), 0)
  t.equal(leftWithinAgreement(firstPaid), true, 'leaving on the first day of payment responsibility costs no paid day')
  t.equal(daysWithPaymentResponsibility(firstPaid, '2026-12-01'), 0)
  t.equal(leftWithinAgreement(oneDayLate), false)
  t.equal(daysWithPaymentResponsibility(oneDayLate, '2026-12-01'), 1)
  t.equal(leftWithinAgreement(ep('2026-10-30', null)), null, 'still in hospital: not decided yet')

  const stillThere = ep('2026-10-30', null)
  t.equal(isPastAgreement(stillThere, '2026-11-01'), false, 'the agreement\'s last day: not yet on the worklist')
  t.equal(isPastAgreement(stillThere, '2026-11-02'), true, 'the first day of payment responsibility: on the worklist')
  t.equal(daysWithPaymentResponsibility(stillThere, '2026-11-05'), 3)
  t.equal(isPastAgreement(ep('2026-10-30', '2026-11-10'), '2026-11-20'), false, 'gone home: off the worklist')
  t.equal(isPastAgreement(ep(null, null), '2026-11-20'), false, 'not ready: off the worklist')
})

t.test('state and date checks', async (t) => {
  t.equal(dischargeState(ep(null, null)), 'admitted')
  t.equal(dischargeState(ep('2026-10-01', null)), 'ready_for_discharge')
  t.equal(dischargeState(ep('2026-10-01', '2026-10-02')), 'left_hospital')
  t.same(dischargeDateErrors({ admittedDate: '2026-10-01', readyDate: '2026-10-01', leftHospitalDate: '2026-10-01' }), [])
  t.same(dischargeDateErrors({ admittedDate: '2026-10-02', readyDate: '2026-10-01', leftHospitalDate: null }).map((e) => e.pointer), ['/readyDate'])
  t.same(dischargeDateErrors({ admittedDate: '2026-10-01', readyDate: '2026-10-05', leftHospitalDate: '2026-10-04' }).map((e) => e.pointer), ['/leftHospitalDate'])
})
