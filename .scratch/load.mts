import autocannon from 'autocannon'
import pg from 'pg'
import { signDevToken } from '../src/auth/tokens.js'
const c = new pg.Client({ connectionString: process.env.DATABASE_URL }); await c.connect()
const ids = (await c.query(`SELECT d.id FROM decisions d JOIN units u ON u.id=d.unit_id WHERE u.code='hagersten-alvsjo' ORDER BY md5(d.id::text) LIMIT 5000`)).rows.map(r => r.id)
await c.end()
const token = await signDevToken('/tmp/prof/key.json', 'urn:bestallarenhet:dev', 'bestallarenhet-api', { subject: 'x', roles: ['case_worker'], unit: 'hagersten-alvsjo' })
const path = process.argv[2] ?? 'id'
const r = await autocannon({ url: 'http://127.0.0.1:3977', connections: 50, duration: Number(process.argv[3] ?? 10), headers: { authorization: `Bearer ${token}` },
  requests: [{ setupRequest: (q) => ({ ...q, path: path === 'id' ? `/v1/decisions/${ids[Math.floor(Math.random()*ids.length)]}` : `/v1/decisions?limit=50&serviceType=home_care` }) }] })
console.log(path, r.requests.average, r.latency.p50, r.latency.p99, r.non2xx, r.errors)
