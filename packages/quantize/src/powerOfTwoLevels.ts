import { InvalidArgumentError } from './errors';
import { assertBits } from './internal/checks';

/** Smallest and largest bit width of the power-of-two (INQ) quantizer. */
export const POWER_OF_TWO_MIN_BITS = 2;
export const POWER_OF_TWO_MAX_BITS = 8;

/**
 * The exponent range of INQ's power-of-two levels for a tensor whose largest |weight| is `maxAbs`.
 *
 * **When to use**: to know the level set `P = {0} ∪ {±2^k : n2 ≤ k ≤ n1}` of a tensor before
 * quantizing it, or to fix `n1` once at the start of INQ (the paper computes it from the float
 * weights, then keeps it).
 *
 * **Details** ([Zhou17] eq. 2–3): `n1 = floor(log2(4·maxAbs/3))`, `n2 = n1 + 1 − 2^(bits−1)/2`.
 * One of the `bits` codes zero, the rest sign and exponent, so there are `2^(bits−2)` exponents
 * (bits=2: `n2 = n1`, ternary `{0, ±2^n1}`; bits=5: 8 exponents). `n1` is computed exactly (the
 * float `log2` is corrected by comparing `3·2^n1 ≤ 4·maxAbs` in exact arithmetic), so `maxAbs`
 * at a bucket edge such as `0.75` gives `n1 = 0`, not `−1`. Since `0.75·2^n1 ≤ maxAbs < 1.5·2^n1`,
 * every weight of the tensor rounds to at most `2^n1`.
 *
 * Throws `BitsOutOfRangeError` for bits outside 2–8, `InvalidArgumentError` for `maxAbs` not a
 * finite number > 0 or for levels that float32 cannot represent (`n1 > 127` or `n2 < −149`).
 *
 * @example
 * powerOfTwoLevels(1, 5);    // { n1: 0, n2: -7 }   levels 0, ±2^-7 … ±1
 * powerOfTwoLevels(0.3, 3);  // { n1: -2, n2: -3 }  levels 0, ±0.125, ±0.25
 */
export function powerOfTwoLevels(maxAbs: number, bits: number): { n1: number; n2: number } {
  assertBits(bits, POWER_OF_TWO_MIN_BITS, POWER_OF_TWO_MAX_BITS, 'The power-of-two quantizer');
  if (typeof maxAbs !== 'number' || !Number.isFinite(maxAbs) || maxAbs <= 0) {
    throw new InvalidArgumentError('maxAbs', `expected a finite number > 0, got ${String(maxAbs)}`);
  }
  const fourS = 4 * maxAbs;
  let n1 = Math.floor(Math.log2(fourS / 3));
  // Correct float log2 rounding so that n1 is the largest n with 3·2^n ≤ 4·maxAbs (exact products).
  while (3 * 2 ** (n1 + 1) <= fourS) n1++;
  while (3 * 2 ** n1 > fourS) n1--;
  const n2 = n1 + 1 - 2 ** (bits - 1) / 2;
  if (n1 > 127 || n2 < -149) {
    throw new InvalidArgumentError(
      'maxAbs',
      `${maxAbs} at ${bits} bits needs levels 2^${n2}…2^${n1}, outside the float32 range 2^-149…2^127`,
    );
  }
  return { n1, n2 };
}
