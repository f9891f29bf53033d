/**
 * Seeded randomness. Every random stream is derived from the run seed plus a few integer keys
 * (stream tag, county, enterprise ordinal…) through a 32-bit avalanche hash, and drives a
 * `d3.randomLcg` source; distributions come from d3-random via `.source()`. Nothing here reads
 * the clock or `Math.random`, so the same seed and keys always give the same numbers.
 */
import { randomExponential, randomLcg, randomNormal, randomPoisson } from 'd3';

/** Integer tags that keep independent random streams apart. */
export const Stream = {
  population: 1,
  enterprise: 2,
  enterpriseMembers: 3,
  county: 4,
  groups: 5,
  groupMembers: 6,
  outsideMembers: 7,
  reported: 8,
  ningxia: 9,
  enterpriseId: 10,
  memberId: 11,
} as const;

/** murmur3's 32-bit finaliser: a full-avalanche bijection on 32-bit integers. */
function fmix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85eb_ca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2_ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Hashes non-negative integers (up to 2^53) into an unsigned 32-bit value. Order matters:
 * `hash32(1, 2) !== hash32(2, 1)`.
 */
export function hash32(...keys: readonly number[]): number {
  let h = 0x9e37_79b9 ^ keys.length;
  for (const key of keys) {
    const low = key >>> 0;
    const high = Math.floor(key / 0x1_0000_0000) >>> 0;
    h = fmix32(Math.imul(h ^ low, 0xcc9e_2d51) + 0x1b87_3593);
    h = fmix32(Math.imul(h ^ high, 0x1b87_3593) + 0xe654_6b64);
  }
  return h;
}

/** A seeded random source with the handful of distributions the model needs. */
export class Rng {
  readonly #source: () => number;
  readonly #normal: () => number;

  /** Creates a stream from a 32-bit state (use {@link rngFor} to derive one from keys). */
  constructor(state: number) {
    // randomLcg treats values in [0, 1) as fractions, so hand it an integer ≥ 1.
    this.#source = randomLcg((state >>> 0) || 1);
    this.#normal = randomNormal.source(this.#source)(0, 1);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.#source();
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.#source();
  }

  /** Integer uniform in [min, maxExclusive). */
  int(min: number, maxExclusive: number): number {
    return min + Math.floor((maxExclusive - min) * this.#source());
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.#source() < p;
  }

  /** Standard normal deviate. */
  normal(): number {
    return this.#normal();
  }

  /** Exponential deviate with the given rate (mean 1 / rate). */
  exponential(rate: number): number {
    return randomExponential.source(this.#source)(rate)();
  }

  /** Poisson deviate with mean `lambda` (0 when lambda ≤ 0). */
  poisson(lambda: number): number {
    return lambda > 0 ? randomPoisson.source(this.#source)(lambda)() : 0;
  }

  /** Rounds `x` up or down at random so that the expectation equals `x`. */
  roundStochastic(x: number): number {
    const floor = Math.floor(x);
    return floor + (this.#source() < x - floor ? 1 : 0);
  }

  /** Index drawn from non-negative weights given as a cumulative table (last entry = total). */
  pickCumulative(cumulative: readonly number[]): number {
    const total = cumulative[cumulative.length - 1] ?? 0;
    const target = this.#source() * total;
    for (let i = 0; i < cumulative.length; i++) {
      if (target < (cumulative[i] ?? 0)) return i;
    }
    return cumulative.length - 1;
  }
}

/** Derives an independent stream for the run seed and integer keys. */
export function rngFor(seed: number, ...keys: readonly number[]): Rng {
  return new Rng(hash32(seed, ...keys));
}

/** Cumulative sums of weights, for {@link Rng.pickCumulative}. */
export function cumulative(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}

const HEX_BYTES: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const HALF_BITS = 20;
const HALF_MASK = (1 << HALF_BITS) - 1;
const HALF_SIZE = 1 << HALF_BITS;
/** Largest counter a 10-hex-digit pseudonymous id can encode. */
export const MAX_ID_COUNTER = HALF_SIZE * HALF_SIZE - 1;

/**
 * Pseudonymous ids: `prefix` + 10 hex digits. The counter (< 2^40) is encrypted with a 4-round
 * Feistel network keyed by `key` — a bijection, so distinct counters can never collide — while
 * the ids look random and change with the seed.
 */
export class IdCipher {
  readonly #prefix: string;
  readonly #roundKeys: readonly number[];

  /** A cipher for ids with this prefix and key (derive the key from the seed). */
  constructor(prefix: string, key: number) {
    this.#prefix = prefix;
    this.#roundKeys = [0, 1, 2, 3].map((round) => hash32(key, round));
  }

  /** The id of `counter`. */
  id(counter: number): string {
    if (!Number.isInteger(counter) || counter < 0 || counter > MAX_ID_COUNTER) {
      throw new RangeError(`id counter out of range: ${counter}`);
    }
    let left = Math.floor(counter / HALF_SIZE);
    let right = counter & HALF_MASK;
    for (const roundKey of this.#roundKeys) {
      const next = (left ^ fmix32(Math.imul(right ^ roundKey, 0x9e37_79b1) ^ roundKey)) & HALF_MASK;
      left = right;
      right = next;
    }
    // 40 bits as five hex bytes: left holds bits 39–20, right bits 19–0.
    return (
      this.#prefix +
      (HEX_BYTES[left >>> 12] ?? '') +
      (HEX_BYTES[(left >>> 4) & 0xff] ?? '') +
      (HEX_BYTES[((left & 0xf) << 4) | (right >>> 16)] ?? '') +
      (HEX_BYTES[(right >>> 8) & 0xff] ?? '') +
      (HEX_BYTES[right & 0xff] ?? '')
    );
  }
}

/** Logistic function. */
export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Inverse of {@link logistic}; the argument is clamped away from 0 and 1. */
export function logit(p: number): number {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return Math.log(q / (1 - q));
}
