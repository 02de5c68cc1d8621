/**
 * `npm run check:swagger-ui` (and a CI step): does Swagger UI show each error status its own
 * example, as openapi/openapi.json writes it? Checked in a real headless Chromium (Debian's
 * /usr/bin/chromium through playwright-core), not only in the JSON: start the built server,
 * open /docs, expand the operations, and for every documented status read the example Swagger UI
 * renders and compare it with the example the contract gives that status (`example`, or each of
 * its named `examples`, chosen in the examples menu). A status without an example of its own
 * fails: Swagger UI then shows the schema's one example for every status alike.
 *
 *   npm run check:swagger-ui [-- --root DIR] [--operation withdrawApplication ...] [--url http://…]
 *
 * --root: the checkout whose dist/ is built and started and whose openapi/openapi.json is the
 * contract (default: this one). --url: check a server that is already running instead.
 * --host NAME: open /docs under that host name (resolved to the server's loopback address by
 * Chromium itself), as a reader on another machine would over plain HTTP; 127.0.0.1 and
 * localhost are "potentially trustworthy" origins and hide what a CSP does to http:// pages.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { isDeepStrictEqual, parseArgs } from 'node:util'
import { chromium, type Locator, type Page } from 'playwright-core'
import { startBuiltServer, type BuiltServer } from './built-server.js'

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: fileURLToPath(new URL('../..', import.meta.url)) },
    operation: { type: 'string', multiple: true, default: ['withdrawApplication', 'decideService'] },
    url: { type: 'string' },
    host: { type: 'string' },
    chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' }
  }
})
const root = path.resolve(values.root ?? '.')
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
const isObject = (value: Json | undefined): value is { [key: string]: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const contract: Json = JSON.parse(fs.readFileSync(path.join(root, 'openapi/openapi.json'), 'utf8'))

/** Follows a local `$ref` (`#/components/...`), as Swagger UI does. */
function resolve(value: Json | undefined): Json | undefined {
  if (!isObject(value) || typeof value.$ref !== 'string') return value
  let target: Json | undefined = contract
  for (const part of value.$ref.replace(/^#\//, '').split('/')) {
    target = isObject(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined
  }
  return resolve(target)
}

interface Example { name: string | undefined, value: Json }
interface Expected { status: string, mediaType: string, examples: Example[], fromSchema: string | undefined }

/**
 * The examples Swagger UI should show for one response: the media type's own (`examples`, each
 * by name, or `example`), else its schema's (`example`, or the first of `examples`) — which is
 * what every status showed alike while they all pointed at one Problem schema.
 */
function examplesOf(media: { [key: string]: Json }): { examples: Example[], fromSchema: string | undefined } {
  if (isObject(media.examples)) {
    return {
      examples: Object.entries(media.examples).map(([name, example]) => {
        const resolved = resolve(example)
        return { name, value: isObject(resolved) && 'value' in resolved ? (resolved.value ?? null) : null }
      }),
      fromSchema: undefined
    }
  }
  if ('example' in media) return { examples: [{ name: undefined, value: media.example ?? null }], fromSchema: undefined }
  const ref = isObject(media.schema) && typeof media.schema.$ref === 'string' ? media.schema.$ref.split('/').pop() : 'inline'
  const schema = resolve(media.schema)
  if (!isObject(schema)) return { examples: [], fromSchema: ref }
  if ('example' in schema) return { examples: [{ name: undefined, value: schema.example ?? null }], fromSchema: ref }
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return { examples: [{ name: undefined, value: schema.examples[0] ?? null }], fromSchema: ref }
  return { examples: [], fromSchema: ref }
}

/** The operation's tag and, per documented status with a body, the examples the contract gives it. */
function expectationsOf(operationId: string): { tag: string, expected: Expected[] } {
  const paths = isObject(contract) ? contract.paths : undefined
  for (const item of isObject(paths) ? Object.values(paths) : []) {
    for (const operation of isObject(item) ? Object.values(item) : []) {
      if (!isObject(operation) || operation.operationId !== operationId) continue
      const tags = operation.tags
      const tag = Array.isArray(tags) && typeof tags[0] === 'string' ? tags[0] : 'default'
      const expected: Expected[] = []
      for (const [status, raw] of Object.entries(isObject(operation.responses) ? operation.responses : {})) {
        const response = resolve(raw)
        const content = isObject(response) && isObject(response.content) ? response.content : {}
        // Swagger UI shows the first media type unless the reader picks another.
        const [mediaType, media] = Object.entries(content)[0] ?? []
        if (mediaType === undefined || !isObject(media)) continue
        expected.push({ status, mediaType, ...examplesOf(media) })
      }
      return { tag, expected }
    }
  }
  throw new Error(`openapi/openapi.json has no operation ${operationId}`)
}

/** Swagger UI renders operations as they scroll into view: scroll like a reader until it is there. */
async function findOperation(page: Page, tag: string, operationId: string): Promise<Locator> {
  const block = page.locator(`[id="operations-${tag.replace(/\s/g, '_')}-${operationId}"]`)
  await page.evaluate('window.scrollTo(0, 0)')
  // Bounded by time, not by steps: on a loaded machine the page renders behind the scrolling,
  // so a pass that reaches the bottom starts again from the top.
  const deadline = Date.now() + 60_000
  while ((await block.count()) === 0 && Date.now() < deadline) {
    // The window itself (a wheel over an expanded example would scroll the example instead).
    await page.evaluate('window.innerHeight + window.scrollY >= document.body.scrollHeight ? window.scrollTo(0, 0) : window.scrollBy(0, 700)')
    await page.waitForTimeout(25)
  }
  if ((await block.count()) === 0) throw new Error(`Swagger UI shows no operation ${operationId} under ${tag}`)
  return block
}

/**
 * A fresh page with the operation expanded. Swagger UI re-renders blocks while a page lays out
 * (an expanded operation above, lazily rendered tags): on a loaded machine a click can land on
 * a block that is being replaced, so the whole step is tried again on a fresh page.
 */
async function openOperation(page: Page, pageUrl: string, tag: string, operationId: string): Promise<Locator> {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.goto(`${pageUrl}/docs`)
      await page.locator('.opblock').first().waitFor({ timeout: 60_000 })
        .catch(() => { throw new Error(`Swagger UI at ${pageUrl}/docs shows no operation within a minute`) })
      const block = await findOperation(page, tag, operationId)
      await block.locator('.opblock-summary').first().click({ timeout: 15_000 })
      await block.locator('tr.response').first().waitFor({ timeout: 15_000 })
      return block
    } catch (error) {
      if (attempt === 3) throw error
    }
  }
}

/** The example Swagger UI shows in a response row, parsed when it is JSON. */
async function shownExample(row: Locator): Promise<{ text: string, json: Json | undefined }> {
  const text = (await row.locator('.model-example .highlight-code pre').first().innerText()).trim()
  try {
    return { text, json: JSON.parse(text) }
  } catch {
    return { text, json: undefined }
  }
}

const results: { ok: boolean, line: string }[] = []
const report = (ok: boolean, line: string) => {
  results.push({ ok, line })
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${line}`)
}
const brief = (value: Json | undefined) => {
  const text = (typeof value === 'string' ? value : JSON.stringify(value)).replace(/\s+/g, ' ')
  return text.length > 160 ? `${text.slice(0, 160)}…` : text
}

async function check(page: Page, serverUrl: string, pageUrl: string): Promise<void> {
  // The contract this check reads must be the one the server serves to Swagger UI.
  const served: Json = JSON.parse(await (await fetch(`${serverUrl}/docs/json`)).text())
  report(isDeepStrictEqual(served, contract), `the server's /docs/json is ${path.join(root, 'openapi/openapi.json')}`)

  for (const operationId of values.operation ?? []) {
    const { tag, expected } = expectationsOf(operationId)
    const block = await openOperation(page, pageUrl, tag, operationId)
    const shown = new Map<string, Json | undefined>()
    for (const { status, mediaType, examples, fromSchema } of expected) {
      const row = block.locator(`tr.response[data-code="${status}"]`)
      const where = `${operationId} ${status} (${mediaType})`
      const origin = fromSchema === undefined ? 'its own example' : `the ${fromSchema} schema's example (no example of the response's own)`
      if (examples.length === 0) {
        // A success body without a whole example: Swagger UI builds one from the properties' examples.
        const success = status.startsWith('2')
        report(success, `${where}: no example in the contract; Swagger UI ${success ? 'builds one from the schema' : 'shows'}: ${brief((await shownExample(row)).text)}`)
        continue
      }
      for (const { name, value } of examples) {
        // Named examples: pick each in the row's examples menu, as a reader would.
        if (name !== undefined && examples.length > 1) await row.locator('.examples-select select').first().selectOption(name)
        const { text, json } = await shownExample(row)
        const label = name === undefined ? where : `${where} example "${name}"`
        if (json === undefined ? text !== value : !isDeepStrictEqual(json, value)) {
          report(false, `${label}: Swagger UI shows ${brief(text)}, the contract says ${brief(value)}`)
          continue
        }
        // Its own: a problem example of this status names this status.
        const exampleStatus = isObject(value) && 'status' in value ? String(value.status) : status
        report(exampleStatus === status, exampleStatus === status
          ? `${label}: shows ${origin}: ${brief(json ?? text)}`
          : `${label}: shows ${origin}, an example of status ${exampleStatus}: ${brief(json ?? text)}`)
        shown.set(`${status} ${name ?? ''}`, json)
      }
    }
    const distinct = new Set([...shown.values()].map((v) => JSON.stringify(v))).size
    if (shown.size > 1) report(distinct === shown.size, `${operationId}: ${distinct} different examples for ${shown.size} statuses`)
    await block.screenshot({ path: path.join(os.tmpdir(), `swagger-ui-${operationId}.png`) })
  }
}

let server: BuiltServer | undefined
const hostRule = values.host === undefined ? [] : [`--host-resolver-rules=MAP ${values.host} 127.0.0.1`]
const browser = await chromium.launch({ executablePath: values.chromium, args: [...CHROMIUM_FLAGS, ...hostRule] })
try {
  const started = values.url ?? (server = await startBuiltServer(root, 'swagger-ui-check')).url
  const pageUrl = values.host === undefined ? started : started.replace(/\/\/(127\.0\.0\.1|localhost)(?=[:/]|$)/, `//${values.host}`)
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  await check(page, started, pageUrl)
} catch (error) {
  report(false, error instanceof Error ? error.message : String(error))
} finally {
  await browser.close()
  await server?.stop()
}
const failed = results.filter((r) => !r.ok).length
console.log(`\nSwagger UI check (${root}): ${results.length - failed} of ${results.length} checks ok${failed ? `, ${failed} failed` : ''}; screenshots of the expanded operations in ${os.tmpdir()}/swagger-ui-*.png`)
process.exitCode = failed === 0 ? 0 : 1
