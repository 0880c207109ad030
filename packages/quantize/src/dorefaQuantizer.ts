import type { QuantizationParams, Quantizer } from './contract';
import { InvalidArgumentError } from './errors';
import { assertBits, assertCodes, assertFloatValues } from './internal/checks';
import { decodeWithTable } from './internal/decodeWithTable';
import { scaleParam } from './internal/scaleParam';

/**
 * DoReFa-Net weight quantizer (Zhou et al. 2016): `w_q = 2·quantize_k(tanh(w) / (2·max|tanh(w)|) + ½) − 1`.
 *
 * **When to use**: the DoReFa baseline of [Xu18]'s comparison, typically inside
 * quantization-aware training with `fakeQuantize`. Its levels are fixed in [−1, 1] whatever the
 * weights' scale — that is DoReFa's design (a following batch norm absorbs the scale), so it is
 * not a drop-in for a trained float model without normalization.
 *
 * **Details**: with `n = 2^k − 1`, levels are `2q/n − 1` for `q = 0 … n` (code = `q`, all `2^k`
 * codes used, no zero level). `calibrate` fixes `scale = max|tanh(w)|`. Rounding to the nearest
 * level on `t = tanh(w)/scale` in float64, **ties to the larger magnitude**; `w = 0`, the midpoint
 * of the two central levels, goes to the positive one. Bits 1–16 (`k = 1`: `{−1, +1}`).
 * `calibrate` throws on an all-zero tensor.
 *
 * @example
 * const q = dorefaQuantizer({ bits: 2 });            // levels −1, −1/3, 1/3, 1
 * q.quantize(new Float32Array([2, -2, 0.05, 0]));     // [1, -1, 1/3, 1/3]
 */
export function dorefaQuantizer(options: { bits: number }): Quantizer {
  const bits = assertBits(options?.bits, 1, 16, 'The DoReFa quantizer');
  const kind = 'dorefa' as const;
  const n = 2 ** bits - 1;
  const half = n / 2;
  const table = (): Float32Array => {
    const t = new Float32Array(n + 1);
    for (let q = 0; q <= n; q++) t[q] = (2 * q) / n - 1;
    return t;
  };
  const encodeInto = (
    values: Float32Array,
    scale: number,
    codes: Uint16Array | null,
    out: Float32Array | null,
    t: Float32Array | null,
  ) => {
    for (let i = 0; i < values.length; i++) {
      // d = offset from the centre in code units; levels sit at ±0.5, ±1.5, … ±n/2.
      const d = (half * Math.tanh(values[i]!)) / scale;
      let m = Math.floor(d < 0 ? -d : d);
      if (m > half - 0.5) m = half - 0.5;
      const code = d < 0 ? half - 0.5 - m : half + 0.5 + m;
      if (out !== null) out[i] = t![code]!;
      else codes![i] = code;
    }
  };
  const calibrate = (values: Float32Array): QuantizationParams => {
    const max = assertFloatValues(values);
    if (max === 0) throw new InvalidArgumentError('values', 'all weights are 0; DoReFa needs max |tanh(w)| > 0');
    return { kind, bits, scale: Math.tanh(max) };
  };
  return {
    kind,
    bits,
    calibrate,
    levels(params) {
      scaleParam(params, kind, bits);
      return table();
    },
    quantize(values, params) {
      if (params !== undefined) assertFloatValues(values);
      const scale = scaleParam(params ?? calibrate(values), kind, bits);
      const out = new Float32Array(values.length);
      encodeInto(values, scale, null, out, table());
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
      scaleParam(params, kind, bits);
      return decodeWithTable(codes, table(), kind);
    },
  };
}
