export { findServiceType, listServiceTypes } from './repository.js'
