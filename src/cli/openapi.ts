/** Writes openapi/openapi.json from the route schemas (`npm run openapi`). */
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { generateOpenApi } from '../openapi.js'

const target = fileURLToPath(new URL('../../openapi/openapi.json', import.meta.url))
fs.writeFileSync(target, await generateOpenApi())
console.log(`Wrote ${target}`)
