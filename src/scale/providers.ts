/**
 * Providers (utförare): each district's own home care and care homes (egen regi), the city's
 * safety-alarm service, and private providers under LOV. Names of private providers are
 * invented. Every service a provider executes is listed, so that orders pass the API's check
 * that the provider offers the service type.
 */
import type { ProviderRegime } from '../domain/provider.js'
import type { Random } from './random.js'
import type { Tables } from './tables.js'

const MUNICIPAL_ORG = '212000-0142'
const HOME = ['home_care', 'relief_at_home', 'housing_support', 'escort_service', 'meal_company', 'social_companionship']
const HOUSING = ['care_home', 'short_term_care', 'respite_care', 'service_housing', 'day_activity']
const PRIVATE_HOME = ['Omsorgshuset', 'Trygga Händer', 'Vardagshjälpen', 'Hemma Bäst', 'Stadsdelsomsorg', 'Kärnhuset', 'Allégårdens Hemtjänst', 'Nordljus Omsorg', 'Solrosen Hemtjänst', 'Ekbackens Omsorg']
const PRIVATE_HOUSING = ['Lindgårdens Vård', 'Sjöutsikten Omsorg', 'Parkhemmet', 'Rosengårdens Äldreboende', 'Björkhagens Vård', 'Kastanjens Omsorg']

export interface ProviderSet {
  byService: Map<string, string[]>
  all: { id: string; regime: ProviderRegime }[]
}

export function generateProviders(random: Random, tables: Tables, districts: readonly string[]): ProviderSet {
  const set: ProviderSet = { byService: new Map(), all: [] }
  const add = (name: string, regime: ProviderRegime, services: readonly string[]) => {
    const id = random.uuid()
    tables.providers.add({ id, name, regime, organisation_number: regime === 'municipal' ? MUNICIPAL_ORG : `556${random.int(100, 999)}-${random.int(1000, 9999)}`, active: true })
    for (const code of services) {
      tables.provider_service_types.add({ provider_id: id, service_type_code: code })
      const list = set.byService.get(code) ?? []
      list.push(id)
      set.byService.set(code, list)
    }
    set.all.push({ id, regime })
  }
  for (const district of districts) {
    add(`Hemtjänsten ${district} (egen regi)`, 'municipal', HOME)
    add(`Vård- och omsorgsboenden ${district} (egen regi)`, 'municipal', HOUSING)
  }
  add('Stockholms stads trygghetslarm (egen regi)', 'municipal', ['safety_alarm'])
  add('Larmtjänst Norden AB', 'private', ['safety_alarm'])
  add('Kontaktpersonsverksamheten (egen regi)', 'municipal', ['contact_person', 'social_companionship'])
  for (const name of PRIVATE_HOME) add(`${name} AB`, 'private', ['home_care', 'relief_at_home', 'escort_service'])
  for (const name of PRIVATE_HOUSING) add(`${name} AB`, 'private', ['care_home', 'short_term_care', 'respite_care'])
  return set
}
