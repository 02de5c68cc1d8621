export { listDelegationRules } from './repository.js'
export { findUnit } from './repository.js'
