/**
 * The catalogue of cited provisions (reference data). Other features cite through
 * `loadLegalCatalogue` and the rules of `domain/legal-provisions.ts`.
 */
import type { Kysely, Selectable } from 'kysely'
import type { DB } from '../../db/schema.js'
import type { LegalProvision } from '../../domain/legal-provisions.js'
import { listLegalProvisionRows } from './repository.js'

export async function loadLegalCatalogue(db: Kysely<DB>): Promise<LegalProvision[]> {
  return (await listLegalProvisionRows(db)).map(toLegalProvision)
}

/** A row of `legal_provisions` as the domain reads it. */
export function toLegalProvision(r: Selectable<DB['legal_provisions']>): LegalProvision {
  return ({
    purpose: r.purpose,
    law: r.law,
    sfs: r.sfs,
    chapter: r.chapter,
    sections: r.sections,
    citation: r.citation,
    title: r.title,
    inForceFrom: r.in_force_from,
    inForceTo: r.in_force_to,
    verified: r.verified,
    source: r.source
  })
}

export async function listLegalProvisions(db: Kysely<DB>, query: { inForceOn?: string | undefined; purpose?: string | undefined }) {
  const on = query.inForceOn
  return (await loadLegalCatalogue(db)).filter((p) =>
    (query.purpose === undefined || p.purpose === query.purpose) &&
    (on === undefined || (p.inForceFrom <= on && (p.inForceTo === null || p.inForceTo >= on))))
}
