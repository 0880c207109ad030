import type { QuantizationParams, Quantizer } from './contract';
import { InvalidArgumentError } from './errors';
import { assertBits, assertCodes, assertFloatValues } from './internal/checks';
import { decodeWithTable } from './internal/decodeWithTable';
import { scaleParam } from './internal/scaleParam';

/**
 * Uniform symmetric fixed-point quantizer: `b` bits, one scale per tensor.
 *
 * **When to use**: the classic linear (int-b) baseline against power-of-two INQ, or
 * fake-quantization for quantization-aware training (`fakeQuantize` in `@qfcn/quantize/tfjs`).
 *
 * **Details**: levels `q·Δ` for integers `|q| ≤ Q = 2^(b−1) − 1` (symmetric, so one code of the
 * `2^b` is unused), `Δ = max|w| / Q` fixed by `calibrate`. Rounding to nearest on `|w|/Δ` in
 * float64, **ties away from zero** (to the larger magnitude, the same rule as the power-of-two
 * quantizer); `|w| > Q·Δ` saturates to `±Q·Δ`. Levels are float32 `fround(q·Δ)`. Codes are
 * offset binary `q + Q` (0 … 2Q); code `2^b − 1` is invalid. Bits 2–16 (`b = 2` gives
 * `{−Δ, 0, Δ}` with `Δ = max|w|`). `calibrate` throws on an all-zero tensor.
 *
 * @example
 * const q = uniformQuantizer({ bits: 3 });            // Q = 3
 * const w = new Float32Array([0.75, -0.375, 0.125, 0.25]);
 * q.calibrate(w);                                     // { kind: 'uniform', bits: 3, scale: 0.25 }
 * q.quantize(w);                                      // [0.75, -0.5, 0.25, 0.25] (two ties, both away from 0)
 */
export function uniformQuantizer(options: { bits: number }): Quantizer {
  const bits = assertBits(options?.bits, 2, 16, 'The uniform quantizer');
  const kind = 'uniform' as const;
  const Q = 2 ** (bits - 1) - 1;
  const table = (step: number): Float32Array => {
    const t = new Float32Array(2 ** bits).fill(NaN);
    for (let q = -Q; q <= Q; q++) t[q + Q] = q * step;
    return t;
  };
  const encodeInto = (
    values: Float32Array,
    step: number,
    codes: Uint16Array | null,
    out: Float32Array | null,
    t: Float32Array | null,
  ) => {
    for (let i = 0; i < values.length; i++) {
      const w = values[i]!;
      let m = Math.floor((w < 0 ? -w : w) / step + 0.5);
      if (m > Q) m = Q;
      const code = (w < 0 ? -m : m) + Q;
      if (out !== null) out[i] = t![code]!;
      else codes![i] = code;
    }
  };
  const calibrate = (values: Float32Array): QuantizationParams => {
    const max = assertFloatValues(values);
    if (max === 0) throw new InvalidArgumentError('values', 'all weights are 0; the uniform scale needs max |w| > 0');
    return { kind, bits, scale: max / Q };
  };
  return {
    kind,
    bits,
    calibrate,
    levels(params) {
      return table(scaleParam(params, kind, bits))
        .subarray(0, 2 * Q + 1)
        .slice();
    },
    quantize(values, params) {
      if (params !== undefined) assertFloatValues(values);
      const step = scaleParam(params ?? calibrate(values), kind, bits);
      const out = new Float32Array(values.length);
      encodeInto(values, step, null, out, table(step));
      return out;
    },
    encode(values, params) {
      assertFloatValues(values);
      const codes = new Uint16Array(values.length);
      encodeInto(values, scaleParam(params, kind, bits), codes, null, null);
      return codes;
    },
    decode(codes, params) {
      assertCodes(codes);
      return decodeWithTable(codes, table(scaleParam(params, kind, bits)), kind);
    },
  };
}
