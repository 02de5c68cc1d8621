/**
 * The layer boundaries of src/ are enforced by ESLint (eslint.config.js); these cases check that
 * the rule really refuses each kind of backward import and lets the allowed ones through.
 */
import t from 'tap'
import { ESLint } from 'eslint'

const eslint = new ESLint()

async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const used = x\n`, { filePath })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

const cases: { file: string; source: string; refused: boolean }[] = [
  { file: 'src/domain/calendar.ts', source: "import { x } from './execution.js'", refused: false },
  { file: 'src/domain/calendar.ts', source: "import { x } from '../db/schema.js'", refused: true },
  { file: 'src/domain/calendar.ts', source: "import { x } from 'kysely'", refused: true },
  { file: 'src/domain/calendar.ts', source: "import { x } from 'fastify'", refused: true },
  { file: 'src/domain/indicators/period.ts', source: "import { x } from '../calendar.js'", refused: false },
  { file: 'src/domain/indicators/period.ts', source: "import { x } from '../../http/problem.js'", refused: true },
  { file: 'src/features/decisions/routes.ts', source: "import { x } from './service.js'", refused: false },
  { file: 'src/features/decisions/service.ts', source: "import { x } from '../applications/service.js'", refused: false },
  { file: 'src/features/decisions/service.ts', source: "import { x } from '../applications/repository.js'", refused: true },
  { file: 'src/features/decisions/routes.ts', source: "import { x } from '../follow-ups/planning.js'", refused: true },
  { file: 'src/features/decisions/schemas.ts', source: "import { x } from '../service-types/schemas.js'", refused: false },
  { file: 'src/features/decisions/service.ts', source: "import { x } from 'fastify'", refused: true },
  { file: 'src/features/decisions/service.ts', source: "import { x } from '../../http/caller.js'", refused: true },
  { file: 'src/features/decisions/repository.ts', source: "import { x } from '../../domain/calendar.js'", refused: false },
  { file: 'src/plugins/auth.ts', source: "import { x } from '../features/units/service.js'", refused: true },
  { file: 'src/formulas/registry.ts', source: "import { x } from '../features/reports/routes.js'", refused: true },
  { file: 'src/demo/seed.ts', source: "import { x } from '../features/applications/repository.js'", refused: true },
  { file: 'src/demo/seed.ts', source: "import { x } from '../features/applications/service.js'", refused: false }
]

for (const c of cases) {
  t.test(`${c.file}: ${c.source} is ${c.refused ? 'refused' : 'allowed'}`, async (t) => {
    const messages = await restrictedImports(c.file, c.source)
    t.equal(messages.length > 0, c.refused, messages.join('; ') || 'no restricted import reported')
  })
}
