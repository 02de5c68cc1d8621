export { findVisiblePerson } from './repository.js'
