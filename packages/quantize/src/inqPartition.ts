import { InvalidArgumentError } from './errors';
import { assertFloatValues } from './internal/checks';
import { mulberry32 } from './random/mulberry32';

/** How INQ picks the weights to quantize and freeze at each step. */
export type InqPartitionStrategy = 'magnitude' | 'random';

/** Options of {@link inqPartition}. */
export interface InqPartitionOptions {
  /** `'magnitude'` (default, [Zhou17]'s pruning-inspired rule: largest |w| first) or `'random'` (the ablation). */
  partition?: InqPartitionStrategy;
  /** Seed of the random partition (default 0); ignored by `'magnitude'`. */
  seed?: number;
}

/**
 * One INQ partition step: extends the frozen mask so that the accumulated portion `portion` of
 * the tensor is frozen, choosing the new weights among those not frozen yet.
 *
 * **When to use**: inside INQ (the tfjs `createInq` calls it per tensor and step); directly when
 * you drive INQ on raw arrays.
 *
 * **Details**: the target count is `round(portion·n)` (half up), never fewer than already frozen,
 * so already-frozen weights stay frozen and `portion = 1` freezes all. `'magnitude'` freezes the
 * not-yet-frozen weights of **largest** |value| (ties in |value|: lower index first); `'random'`
 * picks them uniformly with a seeded generator. `frozen` is not modified; the result is a new
 * `Uint8Array` with 1 = frozen. Throws `InvalidArgumentError` for `portion` outside (0, 1] or a
 * mask of the wrong length, and the value errors of the quantizers (empty, NaN, ±Infinity).
 *
 * @example
 * inqPartition(Float32Array.of(0.1, -0.9, 0.5, 0.3), new Uint8Array(4), 0.5);  // [0, 1, 1, 0]
 */
export function inqPartition(
  values: Float32Array,
  frozen: Uint8Array,
  portion: number,
  options: InqPartitionOptions = {},
): Uint8Array {
  assertFloatValues(values);
  const n = values.length;
  if (!(frozen instanceof Uint8Array) || frozen.length !== n) {
    throw new InvalidArgumentError('frozen', `expected a Uint8Array mask of length ${n}`);
  }
  if (typeof portion !== 'number' || !(portion > 0 && portion <= 1)) {
    throw new InvalidArgumentError('portion', `expected a number in (0, 1], got ${String(portion)}`);
  }
  const partition = options.partition ?? 'magnitude';
  if (partition !== 'magnitude' && partition !== 'random') {
    throw new InvalidArgumentError('partition', `expected 'magnitude' or 'random', got ${String(partition)}`);
  }
  const mask = new Uint8Array(n);
  let already = 0;
  for (let i = 0; i < n; i++) {
    if (frozen[i]) {
      mask[i] = 1;
      already++;
    }
  }
  const target = Math.max(already, Math.min(n, Math.floor(portion * n + 0.5)));
  let k = target - already;
  if (k === 0) return mask;
  const free = new Uint32Array(n - already);
  for (let i = 0, j = 0; i < n; i++) if (!mask[i]) free[j++] = i;

  if (partition === 'random') {
    const rand = mulberry32(options.seed ?? 0);
    // Partial Fisher–Yates: the first k entries become a uniform sample of the free indices.
    for (let j = 0; j < k; j++) {
      const r = j + Math.floor(rand() * (free.length - j));
      const t = free[r]!;
      free[r] = free[j]!;
      free[j] = t;
      mask[free[j]!] = 1;
    }
    return mask;
  }

  // Magnitude: |float32| orders like its bit pattern with the sign cleared.
  const bits = new Uint32Array(values.buffer, values.byteOffset, n);
  const mags = new Uint32Array(free.length);
  for (let j = 0; j < free.length; j++) mags[j] = bits[free[j]!]! & 0x7fffffff;
  const sorted = mags.slice().sort();
  const threshold = sorted[sorted.length - k]!;
  for (let j = 0; j < free.length; j++) {
    if (mags[j]! > threshold) {
      mask[free[j]!] = 1;
      k--;
    }
  }
  for (let j = 0; j < free.length && k > 0; j++) {
    if (mags[j] === threshold) {
      mask[free[j]!] = 1;
      k--;
    }
  }
  return mask;
}
