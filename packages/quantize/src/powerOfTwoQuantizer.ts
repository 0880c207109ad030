import type { QuantizationParams, Quantizer } from './contract';
import { InvalidArgumentError } from './errors';
import { assertBits, assertCodes, assertFloatValues, assertParams } from './internal/checks';
import { decodeWithTable } from './internal/decodeWithTable';
import { powerOfTwoEncode, powerOfTwoTable } from './internal/powerOfTwoKernel';
import { POWER_OF_TWO_MAX_BITS, POWER_OF_TWO_MIN_BITS, powerOfTwoLevels } from './powerOfTwoLevels';

/**
 * The power-of-two quantizer of INQ [Zhou17] behind the `Quantizer` interface.
 *
 * **When to use**: INQ (the default quantizer of `createInq`), or whenever weights must become
 * `0` or `±2^k` (shifts instead of multiplies) and be stored as `bits`-bit codes.
 *
 * **Details**: `calibrate` fixes `n1 = floor(log2(4·max|w|/3))` (see `powerOfTwoLevels`);
 * rounding is to the nearest level, ties to the larger magnitude (see `quantizePowerOfTwo`).
 * Codes: 0 is zero; otherwise bit `b−1` is set, bit `b−2` is the sign (1 = negative) and the low
 * `b−2` bits hold `k − n2`. `decode` rejects the invalid codes (top bit clear but not 0).
 * `calibrate` throws on an all-zero tensor (no `n1` can be derived from it). Bits 2–8, else
 * `BitsOutOfRangeError`.
 *
 * @example
 * const q = powerOfTwoQuantizer({ bits: 3 });
 * const p = q.calibrate(new Float32Array([0.3, -0.11]));  // { kind: 'power-of-two', bits: 3, n1: -2 }
 * q.encode(new Float32Array([0.3, -0.11]), p);           // Uint16Array [0b101, 0b110] = [5, 6]
 */
export function powerOfTwoQuantizer(options: { bits: number }): Quantizer {
  const bits = assertBits(options?.bits, POWER_OF_TWO_MIN_BITS, POWER_OF_TWO_MAX_BITS, 'The power-of-two quantizer');
  const kind = 'power-of-two' as const;
  const n1Of = (params: QuantizationParams): number => {
    assertParams(params, kind, bits);
    const n1 = params.n1;
    if (typeof n1 !== 'number' || !Number.isInteger(n1)) {
      throw new InvalidArgumentError('params.n1', `expected an integer exponent, got ${String(n1)}`);
    }
    powerOfTwoLevels(2 ** n1, bits); // throws if the levels leave the float32 range
    return n1;
  };
  const calibrate = (values: Float32Array): QuantizationParams => {
    const max = assertFloatValues(values);
    if (max === 0) {
      throw new InvalidArgumentError('values', 'all weights are 0; power-of-two levels need max |w| > 0 to fix n1');
    }
    return { kind, bits, n1: powerOfTwoLevels(max, bits).n1 };
  };
  return {
    kind,
    bits,
    calibrate,
    levels(params) {
      const table = powerOfTwoTable(n1Of(params), bits).filter((v) => !Number.isNaN(v));
      return table.sort();
    },
    quantize(values, params) {
      if (params !== undefined) assertFloatValues(values);
      const n1 = n1Of(params ?? calibrate(values));
      const out = new Float32Array(values.length);
      powerOfTwoEncode(values, n1, bits, null, out, powerOfTwoTable(n1, bits));
      return out;
    },
    encode(values, params) {
      assertFloatValues(values);
      const codes = new Uint16Array(values.length);
      powerOfTwoEncode(values, n1Of(params), bits, codes, null, null);
      return codes;
    },
    decode(codes, params) {
      assertCodes(codes);
      return decodeWithTable(codes, powerOfTwoTable(n1Of(params), bits), kind);
    },
  };
}
