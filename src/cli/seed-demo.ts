/**
 * `npm run seed:demo`: migrates the database (DATABASE_URL, or the embedded one in DATA_DIR)
 * and loads the demo unit's 2021 goals, indicators and values plus generated cases. Safe to
 * run again: the second run finds the demo and changes nothing.
 */
import { migrate } from '../db/migrate.js'
import { openConfiguredDatabase } from './configured-database.js'
import { seedDemo } from '../demo/seed.js'
import { DEMO_UNIT_CODE, DEMO_YEAR } from '../demo/vb-2021.js'

const database = await openConfiguredDatabase(2)
try {
  await migrate(database)
  const result = await seedDemo(database.db)
  console.log(result.loaded
    ? `Demo loaded for ${DEMO_UNIT_CODE} (unit ${result.unitId}): ${result.goals} goals, ${result.indicators} indicators with ${DEMO_YEAR} values, ${result.persons} persons, ${result.decisions} decisions.`
    : `Demo already loaded for ${DEMO_UNIT_CODE}; nothing changed.`)
  console.log([
    'Try it (with the service running, `npm start`):',
    '  TOKEN=$(npm run -s token -- --role unit_manager --unit hagersten-alvsjo)',
    `  curl -s -H "authorization: Bearer $TOKEN" 'http://127.0.0.1:3000/v1/reports/indicator-table?year=${DEMO_YEAR}&period=year'`,
    `  curl -s -H "authorization: Bearer $TOKEN" -H 'accept: text/csv' 'http://127.0.0.1:3000/v1/reports/indicator-table?year=${DEMO_YEAR}&period=year'`
  ].join('\n'))
} finally {
  await database.close()
}
