/**
 * The local development signing key: an ES256 key pair kept as a JWK file in DATA_DIR,
 * created on first use. The service verifies with its public half; `npm run token` signs
 * with the private half. Refused in production (see config).
 */
import fs from 'node:fs'
import path from 'node:path'
import { exportJWK, generateKeyPair, importJWK, type JWK, type CryptoKey } from 'jose'

export const DEV_ALGORITHM = 'ES256'

interface DevKeyFile {
  kid: string
  privateJwk: JWK
  publicJwk: JWK
}

async function readOrCreate(file: string): Promise<DevKeyFile> {
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as DevKeyFile
  const { privateKey, publicKey } = await generateKeyPair(DEV_ALGORITHM, { extractable: true })
  const key: DevKeyFile = {
    kid: `dev-${Date.now().toString(36)}`,
    privateJwk: await exportJWK(privateKey),
    publicJwk: await exportJWK(publicKey)
  }
  fs.mkdirSync(path.dirname(file), { recursive: true })
  // 'wx' fails if another process created it meanwhile; then read theirs.
  try {
    fs.writeFileSync(file, JSON.stringify(key, null, 2), { mode: 0o600, flag: 'wx' })
  } catch {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as DevKeyFile
  }
  return key
}

export async function loadDevPublicKey(file: string): Promise<CryptoKey> {
  const key = await readOrCreate(file)
  return (await importJWK(key.publicJwk, DEV_ALGORITHM)) as CryptoKey
}

export async function loadDevPrivateKey(file: string): Promise<{ key: CryptoKey; kid: string }> {
  const key = await readOrCreate(file)
  return { key: (await importJWK(key.privateJwk, DEV_ALGORITHM)) as CryptoKey, kid: key.kid }
}
