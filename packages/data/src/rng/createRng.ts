import { InvalidArgumentError } from '@qfcn/contract';

/** Serializable state of an {@link Rng}: store it in a checkpoint, pass it back to `createRng` to resume. */
export interface RngState {
  readonly algorithm: 'xoshiro128**';
  /** The four 32-bit state words (unsigned). */
  readonly s: readonly [number, number, number, number];
  /** The cached second Box–Muller variate, or null. */
  readonly spare: number | null;
}

/** A small, fast, seeded pseudo-random generator (xoshiro128**). Not for cryptography. */
export interface Rng {
  /** Uniform float in [0, 1), 32 bits of resolution. */
  next(): number;
  /** Uniform unsigned 32-bit integer. */
  uint32(): number;
  /** Uniform integer in [0, n), without modulo bias. `n` must be an integer in [1, 2^32]. */
  int(n: number): number;
  /** Uniform float in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Normal variate (Box–Muller), default mean 0 and standard deviation 1. */
  normal(mean?: number, sd?: number): number;
  /** True with probability `p` (default 0.5). */
  chance(p?: number): boolean;
  /** Shuffles `array` in place (Fisher–Yates) and returns it. */
  shuffle<T>(array: T[]): T[];
  /** A uniformly chosen element of a non-empty array. */
  pick<T>(array: readonly T[]): T;
  /** An independent generator seeded from this one's stream (advances this generator by two draws). */
  fork(): Rng;
  /** A snapshot of the state; `createRng(rng.state())` continues the exact same sequence. */
  state(): RngState;
}

const TWO_32 = 4294967296;

function splitmix32(x: number): [next: number, out: number] {
  const next = (x + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [next, z >>> 0];
}

/** FNV-1a over the UTF-16 code units of a string: how string seeds become numbers. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function seedWords(seed: number | string): [number, number, number, number] {
  let lo: number;
  let hi: number;
  if (typeof seed === 'string') {
    lo = hashString(seed);
    hi = 0x5eed5eed;
  } else {
    if (!Number.isSafeInteger(seed)) {
      throw new InvalidArgumentError('seed', `must be a safe integer or a string, got ${String(seed)}`);
    }
    lo = seed >>> 0;
    hi = Math.floor(seed / TWO_32) >>> 0;
  }
  let x = (lo ^ Math.imul(hi, 0x27d4eb2d)) | 0;
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [next, out] = splitmix32(x);
    x = next;
    words.push(out);
  }
  if ((words[0]! | words[1]! | words[2]! | words[3]!) === 0) words[0] = 1;
  return words as [number, number, number, number];
}

function isState(value: unknown): value is RngState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<RngState>;
  return (
    v.algorithm === 'xoshiro128**' &&
    Array.isArray(v.s) &&
    v.s.length === 4 &&
    v.s.every((w) => Number.isInteger(w) && w >= 0 && w < TWO_32) &&
    v.s.some((w) => w !== 0) &&
    (v.spare === null || typeof v.spare === 'number')
  );
}

/**
 * Creates a seeded pseudo-random generator (xoshiro128**, seeded through splitmix32).
 *
 * When to use: every random choice in qfcn (synthetic data, augmentation, bootstrap resamples,
 * initial annotated sets) takes one of these, so runs are reproducible from a single seed.
 *
 * Details: a number seed must be a safe integer (its low and high 32-bit halves both matter); a
 * string seed is hashed with FNV-1a. Passing an {@link RngState} from `rng.state()` resumes that
 * generator exactly, including a cached normal variate. The sequence is fixed across platforms and
 * versions (an independent Python implementation in `oracle/rng_oracle.py` checks it).
 *
 * @example
 * const rng = createRng(42);
 * rng.next();      // 0 <= x < 1
 * rng.int(6);      // 0..5
 * rng.normal();    // N(0, 1)
 * const saved = rng.state();
 * createRng(saved).next() === rng.next(); // true
 */
export function createRng(seed: number | string | RngState): Rng {
  let s0: number;
  let s1: number;
  let s2: number;
  let s3: number;
  let spare: number | null = null;
  if (typeof seed === 'object' && seed !== null) {
    if (!isState(seed)) {
      throw new InvalidArgumentError(
        'seed',
        'not a valid RngState (expected { algorithm: "xoshiro128**", s: [4 uint32, not all 0], spare })',
      );
    }
    [s0, s1, s2, s3] = seed.s;
    spare = seed.spare;
  } else {
    [s0, s1, s2, s3] = seedWords(seed);
  }

  const uint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  const next = (): number => uint32() / TWO_32;

  const rng: Rng = {
    next,
    uint32,
    int(n: number): number {
      if (!Number.isInteger(n) || n < 1 || n > TWO_32) {
        throw new InvalidArgumentError('n', `must be an integer in [1, 2^32], got ${n}`);
      }
      const limit = TWO_32 - (TWO_32 % n);
      let u = uint32();
      while (u >= limit) u = uint32();
      return u % n;
    },
    uniform(lo: number, hi: number): number {
      return lo + (hi - lo) * next();
    },
    normal(mean = 0, sd = 1): number {
      if (spare !== null) {
        const z = spare;
        spare = null;
        return mean + sd * z;
      }
      const u1 = 1 - next(); // (0, 1]
      const u2 = next();
      const r = Math.sqrt(-2 * Math.log(u1));
      spare = r * Math.sin(2 * Math.PI * u2);
      return mean + sd * r * Math.cos(2 * Math.PI * u2);
    },
    chance(p = 0.5): boolean {
      return next() < p;
    },
    shuffle<T>(array: T[]): T[] {
      for (let i = array.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        const tmp = array[i]!;
        array[i] = array[j]!;
        array[j] = tmp;
      }
      return array;
    },
    pick<T>(array: readonly T[]): T {
      if (array.length === 0) throw new InvalidArgumentError('array', 'cannot pick from an empty array');
      return array[rng.int(array.length)]!;
    },
    fork(): Rng {
      const lo = uint32();
      const hi = uint32() & 0x1fffff; // keep the derived seed a safe integer
      return createRng(hi * TWO_32 + lo);
    },
    state(): RngState {
      return { algorithm: 'xoshiro128**', s: [s0 >>> 0, s1 >>> 0, s2 >>> 0, s3 >>> 0], spare };
    },
  };
  return rng;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
