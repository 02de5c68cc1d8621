/** Applies pending migrations to DATABASE_URL, or to the embedded database in DATA_DIR. */
import { migrate } from '../db/migrate.js'
import { openConfiguredDatabase } from './configured-database.js'

const database = await openConfiguredDatabase(1)
try {
  const applied = await migrate(database)
  console.log(applied.length === 0 ? 'Database is up to date.' : `Applied: ${applied.join(', ')}`)
} finally {
  await database.close()
}
