import { assertFloatValues, assertPositive } from './internal/checks';
import { powerOfTwoEncode, powerOfTwoTable } from './internal/powerOfTwoKernel';
import { powerOfTwoLevels } from './powerOfTwoLevels';

/** Options of {@link quantizePowerOfTwo}. */
export interface QuantizePowerOfTwoOptions {
  /** Bit width, 2–8 (the paper uses 5, 6, 7). Required. */
  bits: number;
  /**
   * The |weight| that fixes `n1` (see `powerOfTwoLevels`). Default: max |values|. INQ passes the
   * max of the *float* weights at the start of quantization and keeps it.
   */
  maxAbs?: number;
}

/**
 * Rounds every weight to the nearest element of `{0} ∪ {±2^k : n2 ≤ k ≤ n1}` (INQ's levels).
 *
 * **When to use**: one-shot power-of-two quantization of a weight tensor, or to compute the frozen
 * values of an INQ step. For codes (storage) use `powerOfTwoQuantizer({ bits }).encode`.
 *
 * **Details**: nearest level with midpoint thresholds: `|w| < 2^(n2−1)` → 0, `2^k` covers
 * `[0.75·2^k, 1.5·2^k)` (for `k = n2` from `2^(n2−1)`). **Tie rule: exact midpoints go to the
 * level of larger magnitude** ("up", as in the INQ paper; the reference Caffe code rounds them
 * down) — so `0.75·2^k` → `2^k` and `2^(n2−1)` → `2^n2`. Weights above `1.5·2^n1` (possible only
 * with an explicit `maxAbs` smaller than the data) saturate to `±2^n1`. The sign is kept; `-0`
 * becomes `+0`. An all-zero tensor (without `maxAbs`) returns zeros, since 0 is a level for any
 * `n1`. Throws `BitsOutOfRangeError` (bits outside 2–8), `EmptyTensorError`,
 * `NonFiniteValueError` (NaN/±Infinity), `InvalidArgumentError` (not a Float32Array, bad `maxAbs`).
 *
 * @example
 * quantizePowerOfTwo(new Float32Array([0.3, -0.11, 0.05, 0.2]), { bits: 3 });
 * // maxAbs 0.3 → n1 = -2, n2 = -3: levels 0, ±0.125, ±0.25
 * // → Float32Array [0.25, -0.125, 0, 0.25]
 */
export function quantizePowerOfTwo(values: Float32Array, options: QuantizePowerOfTwoOptions): Float32Array {
  const dataMax = assertFloatValues(values);
  const opts = options ?? ({} as QuantizePowerOfTwoOptions);
  const maxAbs = opts.maxAbs === undefined ? dataMax : assertPositive(opts.maxAbs, 'maxAbs');
  const out = new Float32Array(values.length);
  if (maxAbs === 0) {
    // All zeros: still validate bits so bad options never pass silently.
    powerOfTwoLevels(1, opts.bits);
    return out;
  }
  const { n1 } = powerOfTwoLevels(maxAbs, opts.bits);
  powerOfTwoEncode(values, n1, opts.bits, null, out, powerOfTwoTable(n1, opts.bits));
  return out;
}
