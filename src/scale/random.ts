/**
 * A seeded pseudo-random generator and the few distributions the city generator draws from.
 * sfc32 (Small Fast Counter): fast, 128-bit state, good enough statistics for test data, and
 * the same stream on every machine — so a seed always gives the same city (for the same day).
 */
export class Random {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(seed: number) {
    // splitmix32 spreads a small integer seed over the whole state.
    let s = seed >>> 0
    const next = () => {
      s = (s + 0x9e3779b9) | 0
      let z = s
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
      return (z ^ (z >>> 16)) >>> 0
    }
    this.a = next()
    this.b = next()
    this.c = next()
    this.d = next()
    for (let i = 0; i < 12; i++) this.uint32()
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.uint32() / 4_294_967_296
  }

  /** Uniform integer in [min, max] (both included). */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.float() < p
  }

  pick<T>(list: readonly T[]): T {
    if (list.length === 0) throw new Error('pick from an empty list')
    return list[Math.floor(this.float() * list.length)] as T
  }

  /** A standard normal deviate (Box–Muller). */
  normal(): number {
    const u = 1 - this.float()
    const v = this.float()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }

  /** Log-normal with the given median and spread (sigma of the underlying normal). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal())
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.float())
  }

  /** A random (version 4 shaped) UUID from this stream, so ids are reproducible too. */
  uuid(): string {
    const h = (n: number, len: number) => n.toString(16).padStart(len, '0')
    const a = this.uint32()
    const b = this.uint32()
    const c = this.uint32()
    const d = this.uint32()
    return `${h(a, 8)}-${h(b >>> 16, 4)}-${h(((b & 0x0fff) | 0x4000) >>> 0, 4)}-${h(((c >>> 16) & 0x3fff) | 0x8000, 4)}-${h(c & 0xffff, 4)}${h(d, 8)}`
  }
}

/** A discrete distribution over named outcomes, drawn by weight. */
export class Weighted<T> {
  private readonly values: T[]
  private readonly cumulative: number[]
  private readonly total: number

  constructor(entries: readonly (readonly [T, number])[]) {
    if (entries.length === 0) throw new Error('a weighted choice needs at least one entry')
    this.values = entries.map(([v]) => v)
    let sum = 0
    this.cumulative = entries.map(([, w]) => {
      if (!(w >= 0)) throw new Error('weights must be non-negative')
      sum += w
      return sum
    })
    if (sum <= 0) throw new Error('weights must not all be zero')
    this.total = sum
  }

  draw(random: Random): T {
    const x = random.float() * this.total
    let lo = 0
    let hi = this.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (x < (this.cumulative[mid] as number)) hi = mid
      else lo = mid + 1
    }
    return this.values[lo] as T
  }

  /** The share of one outcome (for tests and for sizing). */
  share(value: T): number {
    const i = this.values.indexOf(value)
    if (i < 0) return 0
    return ((this.cumulative[i] as number) - (i === 0 ? 0 : (this.cumulative[i - 1] as number))) / this.total
  }
}

/** A value kept within [min, max]. */
export const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value))
