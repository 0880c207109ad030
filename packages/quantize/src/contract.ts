/**
 * The one interface every weight quantizer of @qfcn/quantize implements.
 *
 * A quantizer maps float weights to a finite, symmetric-ish set of *levels* and each level to an
 * integer *code* of `bits` bits. Per-tensor parameters (`n1` for power-of-two, a scale for the
 * others) are computed once by `calibrate` from the float weights and then kept fixed, which is
 * what INQ needs (`n1` is fixed when quantization of a tensor starts) and what the packed storage
 * format records next to the codes.
 *
 * Invariants (tested for every quantizer): `decode(encode(x, p), p)` equals `quantize(x, p)`
 * bit for bit, and every output is one of `levels(p)`. With fixed params `quantize` is idempotent
 * for power-of-two, uniform and ternary; not for DoReFa, whose `tanh` remaps its own levels.
 */

/** The quantizers of this package. */
export type QuantizerKind = 'power-of-two' | 'uniform' | 'ternary' | 'dorefa';

/**
 * Per-tensor parameters. Plain data (JSON-serializable), stored in packed files and INQ state.
 *
 * - `power-of-two`: `n1`, the largest exponent (levels `0, ±2^n2 … ±2^n1`).
 * - `uniform`: `scale` = the step Δ (levels `q·Δ`, `|q| ≤ 2^(bits−1) − 1`).
 * - `ternary`: `scale` = α (levels `−α, 0, α`) and `threshold` = Δ (`|w| > Δ` → `±α`).
 * - `dorefa`: `scale` = `max |tanh(w)|` of the calibrated tensor (levels are fixed in [−1, 1]).
 */
export interface QuantizationParams {
  readonly kind: QuantizerKind;
  readonly bits: number;
  readonly n1?: number;
  readonly scale?: number;
  readonly threshold?: number;
}

/**
 * A weight quantizer.
 *
 * @example
 * const q = powerOfTwoQuantizer({ bits: 5 });
 * const p = q.calibrate(weights);        // { kind: 'power-of-two', bits: 5, n1: -1 }
 * const w = q.quantize(weights, p);      // nearest levels
 * const codes = q.encode(weights, p);    // Uint16Array, each < 2^5
 */
export interface Quantizer {
  readonly kind: QuantizerKind;
  /** Width of one code in bits. */
  readonly bits: number;
  /** Per-tensor parameters from float weights (call once, keep them fixed while training). */
  calibrate(values: Float32Array): QuantizationParams;
  /** The levels, ascending, as float32 values. `decode` only ever produces these. */
  levels(params: QuantizationParams): Float32Array;
  /** Each value mapped to its level. `params` defaults to `calibrate(values)`. */
  quantize(values: Float32Array, params?: QuantizationParams): Float32Array;
  /** Each value mapped to the code of its level (integers in `[0, 2^bits)`). */
  encode(values: Float32Array, params: QuantizationParams): Uint16Array;
  /** Codes back to level values. */
  decode(codes: Uint16Array, params: QuantizationParams): Float32Array;
}

/**
 * A named weight tensor as plain data: what `packWeights` stores and `unpackWeights` returns.
 * With `quantization`, `values` must all be levels of that quantizer and are stored as codes;
 * without it they are stored as float32.
 */
export interface WeightTensor {
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: Float32Array;
  readonly quantization?: QuantizationParams;
}
