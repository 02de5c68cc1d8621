/**
 * What the register records about a person besides the identity number: the legal kind of
 * that number, the sex statistics are split by, and who represents the person.
 */

/** A personnummer, or a samordningsnummer (birth day + 60) for someone not registered in Sweden. */
export const IDENTITY_KINDS = ['personnummer', 'samordningsnummer'] as const
export type IdentityKind = (typeof IDENTITY_KINDS)[number]

/** Stored on the person: statistics are split by women and men. */
export const SEXES = ['female', 'male'] as const
export type Sex = (typeof SEXES)[number]

/** god man, förvaltare, fullmakt (power of attorney) or a relative (anhörig). */
export const REPRESENTATIVE_KINDS = ['god_man', 'forvaltare', 'fullmakt', 'relative'] as const
export type RepresentativeKind = (typeof REPRESENTATIVE_KINDS)[number]

export interface Representative {
  kind: RepresentativeKind
  name: string
  phone?: string | undefined
}
