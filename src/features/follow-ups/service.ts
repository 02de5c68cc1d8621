export { replanFollowUps } from './planning.js'
