import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/**
 * The layers of src/ and who may import whom (checked on every import, types too):
 * - domain/ is the pure core: other domain files, node: built-ins and personnummer only;
 * - features/<f>/ use another feature only through its service.ts (behaviour) and schemas.ts
 *   (the contract's shapes); a service or repository knows nothing of Fastify or HTTP requests;
 * - the shared layers (auth, db, http, service, plugins, formulas) know no feature;
 * - the programs (cli, demo, scale) use features through their services.
 * app.ts is the composition root and imports every feature's routes.
 */
const FRAMEWORKS = { regex: '^(fastify|kysely|pg|pg-copy-streams|typebox|pino|jose|@fastify/.*|@electric-sql/.*)$', message: 'The domain core is pure: no framework, database or HTTP library.' }
const ANOTHER_FEATURES_INSIDES = { regex: '^\\.\\./[^./][^/]*/(?!(service|schemas)\\.js$)', message: 'Use another feature only through its service.ts (or its schemas.ts).' }
const ANY_FEATURE = { regex: '(^|/)features/', message: 'Shared layers know no feature: move what both need into a shared layer (domain/, queries/, db/, …).' }
const FEATURE_INSIDES = { regex: '(^|/)features/[^/]+/(?!(service|schemas)\\.js$)', message: 'Use a feature only through its service.ts (or its schemas.ts).' }
const HTTP_IN_SERVICE = { regex: '^(fastify|@fastify/.*)$|/http/(caller|etag)\\.js$', message: 'Services and repositories know nothing of Fastify or the HTTP request: take a Caller.' }

const restrict = (files, ...patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } })

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', '.tap/**', 'examples/*/src/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error'
    }
  },
  restrict(['src/domain/*.ts'], FRAMEWORKS, { regex: '^\\.\\./', message: 'The domain core imports nothing of the app.' }),
  restrict(['src/domain/*/**/*.ts'], FRAMEWORKS, { regex: '^\\.\\./\\.\\./', message: 'The domain core imports nothing of the app.' }),
  restrict(['src/features/*/*.ts'], ANOTHER_FEATURES_INSIDES),
  restrict(['src/features/*/service.ts', 'src/features/*/*-service.ts', 'src/features/*/repository.ts', 'src/features/*/*-repository.ts'], ANOTHER_FEATURES_INSIDES, HTTP_IN_SERVICE),
  restrict(['src/{auth,db,http,service,plugins,formulas,queries}/**/*.ts'], ANY_FEATURE),
  restrict(['src/{cli,demo,scale}/**/*.ts'], FEATURE_INSIDES),
  {
    // The typed client example shows that the generated types suffice: no `as`, no `any`.
    files: ['examples/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: 'TSAsExpression, TSTypeAssertion', message: 'No casts in the example (not even `as const`): let the generated types carry it.' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error'
    }
  },
  {
    // Tests read JSON response bodies loosely typed.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' }
  }
)
