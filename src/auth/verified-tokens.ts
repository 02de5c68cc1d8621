/**
 * Tokens already verified, so that a client sending the same bearer token on every request
 * pays for the signature check (an ECDSA verification, the largest CPU cost of a cheap read)
 * once a minute instead of every time. An entry is kept until the token expires or `ttlMs`
 * has passed, whichever is first: a key withdrawn from the identity provider's JWKS stops
 * being accepted within `ttlMs`. The oldest entries make room when the cache is full.
 */
export class VerifiedTokens<T> {
  private readonly entries = new Map<string, { value: T; until: number }>()

  constructor(private readonly maxEntries: number, private readonly ttlMs: number) {}

  get(token: string, now: number): T | undefined {
    const entry = this.entries.get(token)
    if (entry === undefined) return undefined
    if (now >= entry.until) {
      this.entries.delete(token)
      return undefined
    }
    return entry.value
  }

  /** `expiresAt` in epoch milliseconds (the token's exp). */
  set(token: string, value: T, expiresAt: number, now: number): void {
    const until = Math.min(expiresAt, now + this.ttlMs)
    if (until <= now) return
    this.entries.delete(token)
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value
      if (oldest !== undefined) this.entries.delete(oldest)
    }
    this.entries.set(token, { value, until })
  }

  get size(): number {
    return this.entries.size
  }
}
