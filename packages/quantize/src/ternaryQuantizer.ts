import type { QuantizationParams, Quantizer } from './contract';
import { InvalidArgumentError } from './errors';
import { assertBits, assertCodes, assertFloatValues } from './internal/checks';
import { decodeWithTable } from './internal/decodeWithTable';
import { scaleParam } from './internal/scaleParam';

/**
 * Ternary weight networks (TWN, Li & Liu 2016): weights become `−α, 0, +α`.
 *
 * **When to use**: the ternary baseline of [Xu18]'s comparison; 2-bit storage with a per-tensor
 * scale fitted to the weights rather than a power of two.
 *
 * **Details**: `calibrate` computes the threshold `Δ = 0.7 · mean|w|` and the scale
 * `α = mean{ |w| : |w| > Δ }` (TWN's approximate optimum). `quantize`: `|w| > Δ` → `sign(w)·α`,
 * else 0 — TWN's strict inequality, so `|w| = Δ` goes to 0 (this quantizer is threshold-based,
 * not nearest-level). Codes (2 bits, the power-of-two layout): `0` = 0, `0b10` = +α, `0b11` = −α;
 * `0b01` is invalid. `options.bits` may be omitted; anything but 2 is a `BitsOutOfRangeError`.
 * `calibrate` throws on an all-zero tensor.
 *
 * @example
 * const q = ternaryQuantizer();
 * const w = new Float32Array([1, -1, 0.1, -0.2]);   // mean|w| = 0.575 → Δ = 0.4025, α = 1
 * q.quantize(w);                                     // [1, -1, 0, 0]
 */
export function ternaryQuantizer(options: { bits?: number } = {}): Quantizer {
  const bits = assertBits(options?.bits ?? 2, 2, 2, 'The ternary quantizer');
  const kind = 'ternary' as const;
  const thresholdOf = (params: QuantizationParams): number => {
    const d = params.threshold;
    if (typeof d !== 'number' || !Number.isFinite(d) || d < 0) {
      throw new InvalidArgumentError('params.threshold', `expected a finite number ≥ 0, got ${String(d)}`);
    }
    return d;
  };
  const table = (alpha: number): Float32Array => Float32Array.of(0, NaN, alpha, -alpha);
  const calibrate = (values: Float32Array): QuantizationParams => {
    const max = assertFloatValues(values);
    if (max === 0) throw new InvalidArgumentError('values', 'all weights are 0; the ternary scale needs max |w| > 0');
    let sum = 0;
    for (let i = 0; i < values.length; i++) sum += Math.abs(values[i]!);
    const threshold = (0.7 * sum) / values.length;
    let above = 0;
    let count = 0;
    for (let i = 0; i < values.length; i++) {
      const a = Math.abs(values[i]!);
      if (a > threshold) {
        above += a;
        count++;
      }
    }
    return { kind, bits, scale: above / count, threshold };
  };
  const encodeInto = (
    values: Float32Array,
    threshold: number,
    codes: Uint16Array | null,
    out: Float32Array | null,
    t: Float32Array | null,
  ) => {
    for (let i = 0; i < values.length; i++) {
      const w = values[i]!;
      const code = w > threshold ? 2 : w < -threshold ? 3 : 0;
      if (out !== null) out[i] = t![code]!;
      else codes![i] = code;
    }
  };
  return {
    kind,
    bits,
    calibrate,
    levels(params) {
      const a = Math.fround(scaleParam(params, kind, bits));
      return Float32Array.of(-a, 0, a);
    },
    quantize(values, params) {
      if (params !== undefined) assertFloatValues(values);
      const p = params ?? calibrate(values);
      const t = table(scaleParam(p, kind, bits));
      const out = new Float32Array(values.length);
      encodeInto(values, thresholdOf(p), null, out, t);
      return out;
    },
    encode(values, params) {
      assertFloatValues(values);
      scaleParam(params, kind, bits);
      const codes = new Uint16Array(values.length);
      encodeInto(values, thresholdOf(params), codes, null, null);
      return codes;
    },
    decode(codes, params) {
      assertCodes(codes);
      return decodeWithTable(codes, table(scaleParam(params, kind, bits)), kind);
    },
  };
}
