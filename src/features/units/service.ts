export { listDelegationRules } from './repository.js'
