/** The mark `requireCapability` leaves on its hook, so the contract can list each operation's roles. */
export const CAPABILITY = Symbol('capability')
