/**
 * Loads the demo: the 2021 goals, indicators, targets and values of Hägersten-Älvsjö from the
 * annual reports (vb-2021.ts), generated persons and cases, and computed indicators over those
 * cases. One transaction; a second run finds the demo goals and changes nothing.
 */
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.js'
import { reportingPeriod, PERIODS } from '../domain/indicators/period.js'
import { findFormula } from '../formulas/registry.js'
import { insertApplication } from '../features/applications/service.js'
import { insertDecision } from '../features/decisions/service.js'
import { findGoalByCode, insertActivity, insertGoal, upsertAssessment } from '../features/goals/service.js'
import { findIndicatorByCode, insertIndicator, recordValue, upsertTargets } from '../features/indicators/service.js'
import { insertPersonIfAbsent } from '../features/persons/service.js'
import { findUnitByCode } from '../features/units/service.js'
import { demoCases } from './cases.js'
import { DEMO_GOALS, DEMO_INDICATORS, DEMO_UNIT_CODE, DEMO_YEAR } from './vb-2021.js'

const SEEDER = 'demo.seed'

/** The unit's own indicators computed from the generated cases, under the unit goal about legal certainty. */
const COMPUTED = [
  { code: 'personer-med-hemtjanst', name: 'Antal personer med hemtjänst', unit: 'persons', direction: 'higher_is_better', formula: 'people_with_services', params: { serviceTypeCode: 'home_care' } },
  { code: 'personer-i-vard-och-omsorgsboende', name: 'Antal personer i vård- och omsorgsboende', unit: 'persons', direction: 'higher_is_better', formula: 'people_with_services', params: { serviceTypeCode: 'care_home' } },
  { code: 'beviljade-hemtjansttimmar', name: 'Beviljade hemtjänsttimmar per månad', unit: 'hours', direction: 'lower_is_better', formula: 'granted_home_care_hours', params: {} },
  { code: 'antal-beslut', name: 'Antal beslut', unit: 'count', direction: 'higher_is_better', formula: 'decisions_in_period', params: {} },
  { code: 'handlaggningstid-median', name: 'Handläggningstid från ansökan till beslut, dagar (median)', unit: 'days', direction: 'lower_is_better', formula: 'median_days_to_decision', params: {} },
  { code: 'andel-aktuella-beslut', name: 'Andel tidsbegränsade beslut som omprövats i tid', unit: 'percent', direction: 'higher_is_better', formula: 'share_current_decisions', params: {} }
] as const

export interface SeedResult { loaded: boolean; unitId: string; goals: number; indicators: number; persons: number; decisions: number }

export async function seedDemo(db: Kysely<DB>): Promise<SeedResult> {
  return db.transaction().execute(async (trx) => {
    // The lock serialises two seeders started together: the second waits, then finds the demo.
    const unit = await findUnitByCode(trx, DEMO_UNIT_CODE, { forUpdate: true })
    if (!unit) throw new Error(`demo unit ${DEMO_UNIT_CODE} missing`)
    const marker = await findGoalByCode(trx, unit.id, DEMO_YEAR, DEMO_GOALS[0]?.code ?? '')
    if (marker) return { loaded: false, unitId: unit.id, goals: 0, indicators: 0, persons: 0, decisions: 0 }

    const goalIds = new Map<string, string>()
    for (const [position, g] of DEMO_GOALS.entries()) {
      const goal = await insertGoal(trx, {
        unit_id: unit.id, plan_year: DEMO_YEAR, level: g.level, parent_id: g.parent === null ? null : goalIds.get(g.parent) ?? null,
        code: g.code, number: g.number, title: g.title, expected_result: g.expectedResult ?? null, position
      })
      goalIds.set(g.code, goal.id)
      if (g.assessment) {
        await upsertAssessment(trx, { goal_id: goal.id, period: 'year', fulfilment: g.assessment.fulfilment, analysis: g.assessment.analysis, assessed_by: SEEDER })
      }
      for (const [i, a] of (g.activities ?? []).entries()) {
        await insertActivity(trx, { goal_id: goal.id, text: a.text, start_date: a.startDate, end_date: a.endDate, analysis: a.analysis, position: i })
      }
    }
    const goalId = (code: string) => {
      const id = goalIds.get(code)
      if (!id) throw new Error(`demo goal ${code} missing`)
      return id
    }

    for (const d of DEMO_INDICATORS) {
      if (d.formula && !findFormula(d.formula)) throw new Error(`formula ${d.formula} missing`)
      // KF indicators are shared: reuse one an administrator already defined with the same code.
      const existing = await findIndicatorByCode(trx, null, d.code)
      const indicatorId = existing?.id ?? (await insertIndicator(trx, {
        unit_id: null, code: d.code, name: d.name, measure_unit: d.unit, direction: d.direction, periodicity: d.periodicity,
        source: d.formula ? 'computed' : d.source, level: 'kf', formula_code: d.formula ?? null, formula_params: '{}'
      })).id
      await upsertTargets(trx, {
        indicator_id: indicatorId, unit_id: unit.id, year: DEMO_YEAR, goal_id: goalId(d.goal), position: d.position,
        target_value: d.annualTarget?.value ?? null, target_comparator: d.annualTarget?.comparator ?? null, target_text: d.annualTarget?.text ?? null,
        kf_target_value: d.kfAnnualTarget?.value ?? null, kf_target_comparator: d.kfAnnualTarget?.comparator ?? null, kf_target_text: d.kfAnnualTarget?.text ?? null
      })
      if (d.previousTotal !== null) {
        await recordValue(trx, { indicator_id: indicatorId, unit_id: unit.id, year: DEMO_YEAR - 1, period: 'year', total: d.previousTotal, source: 'manual', recorded_by: SEEDER })
      }
      const v = d.value
      await recordValue(trx, {
        indicator_id: indicatorId, unit_id: unit.id, year: DEMO_YEAR, period: 'year', total: v.total, men: v.men, women: v.women,
        missing_reason: v.missingReason, analysis: v.analysis, status_override: v.statusOverride?.status ?? null,
        status_override_reason: v.statusOverride?.reason ?? null, source: 'manual', recorded_by: SEEDER
      })
    }

    let persons = 0
    let decisions = 0
    const seen = new Set<string>()
    for (const c of demoCases(DEMO_YEAR)) {
      if (seen.has(c.personalIdentityNumber)) continue
      seen.add(c.personalIdentityNumber)
      const person = await insertPersonIfAbsent(trx, {
        unit_id: unit.id, personal_identity_number: c.personalIdentityNumber, identity_kind: 'personnummer', birth_date: c.birthDate,
        first_name: c.firstName, last_name: c.lastName, sex: c.sex, district: 'Hägersten-Älvsjö', language: 'svenska',
        interpreter_needed: false, interpreter_language: null, representatives: '[]', children_in_household: false,
        violence_asked: false, violence_suspected: false, protected_identity: false, updated_at: new Date().toISOString()
      })
      if (!person) continue
      persons++
      const steps = [
        { received: c.receivedDate, date: c.decision.date, outcome: c.decision.outcome, hours: c.decision.hours, validFrom: c.decision.validFrom, validTo: c.decision.validTo },
        ...(c.reassessment ? [{ received: c.reassessment.receivedDate, date: c.reassessment.date, outcome: 'granted' as const, hours: c.reassessment.hours, validFrom: c.reassessment.date, validTo: c.reassessment.validTo }] : [])
      ]
      for (const s of steps) {
        const { application } = await insertApplication(trx, {
          unit_id: unit.id, person_id: person.id, received_date: s.received, channel: c.channel, urgent: false, status: 'decided',
          assigned_case_worker: SEEDER, investigation_method: 'home_visit', needs_description: 'Behöver stöd i den dagliga livsföringen.',
          assessment: 'Behovet bedöms föreligga.', investigation_recorded_at: `${s.received}T12:00:00.000Z`, decided_at: `${s.date}T12:00:00.000Z`,
          updated_at: new Date().toISOString()
        }, [{ serviceTypeCode: c.serviceTypeCode, requestedHoursPerMonth: c.requestedHours }], s.received.slice(0, 4))
        await insertDecision(trx, {
          application_id: application.id, person_id: person.id, unit_id: unit.id, service_type_code: c.serviceTypeCode, outcome: s.outcome,
          reason: s.outcome === 'rejected' ? 'Behovet tillgodoses på annat sätt.' : 'Behov av stöd i den dagliga livsföringen som inte kan tillgodoses på annat sätt.',
          legal_basis: 'SoL 4 kap. 1 §', hours_per_month: s.hours, decision_date: s.date, valid_from: s.validFrom, valid_to: s.validTo,
          decided_by: SEEDER, decided_by_role: 'unit_manager', delegation_rule_code: c.serviceTypeCode === 'care_home' ? 'housing' : null,
          updated_at: new Date().toISOString()
        })
        decisions++
      }
    }

    const unitGoal = goalId('enhet-gott-bemotande')
    for (const [i, c] of COMPUTED.entries()) {
      const formula = findFormula(c.formula)
      if (!formula) throw new Error(`formula ${c.formula} missing`)
      // A code the unit already uses is theirs: leave it alone.
      if (await findIndicatorByCode(trx, unit.id, c.code)) continue
      const indicator = await insertIndicator(trx, {
        unit_id: unit.id, code: c.code, name: c.name, measure_unit: c.unit, direction: c.direction, periodicity: 'tertial',
        source: 'computed', level: 'council', formula_code: formula.code, formula_params: JSON.stringify(c.params)
      })
      await upsertTargets(trx, {
        indicator_id: indicator.id, unit_id: unit.id, year: DEMO_YEAR, goal_id: unitGoal, position: i + 1,
        target_value: null, target_comparator: null, target_text: null, kf_target_value: null, kf_target_comparator: null, kf_target_text: null
      })
      for (const period of PERIODS) {
        const range = reportingPeriod(DEMO_YEAR, period)
        if (!range) continue
        const result = await formula.run(trx, { unitId: unit.id, ...range, params: c.params })
        await recordValue(trx, {
          indicator_id: indicator.id, unit_id: unit.id, year: DEMO_YEAR, period, total: result.total, women: result.women, men: result.men,
          total_basis: result.basis.total, women_basis: result.basis.women, men_basis: result.basis.men, missing_reason: result.missingReason,
          source: 'computed', formula_code: formula.code, formula_version: formula.version, computed_at: new Date().toISOString(), recorded_by: SEEDER
        })
      }
    }

    return { loaded: true, unitId: unit.id, goals: DEMO_GOALS.length, indicators: DEMO_INDICATORS.length + COMPUTED.length, persons, decisions }
  })
}
