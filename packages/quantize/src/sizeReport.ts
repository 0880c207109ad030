import type { QuantizerKind, WeightTensor } from './contract';
import { InvalidArgumentError } from './errors';
import { HEADER_BYTES, TRAILER_BYTES, payloadBytes, recordBytes } from './internal/format';
import { unpackWeights } from './unpackWeights';

/** One tensor's line of a {@link SizeReport}. */
export interface TensorSize {
  readonly name: string;
  readonly shape: readonly number[];
  /** Number of weights. */
  readonly count: number;
  readonly kind: 'float32' | QuantizerKind;
  /** Bits per stored weight: 32 for float32, the code width for quantized tensors. */
  readonly bits: number;
  /** Bytes as float32 (4 per weight). */
  readonly floatBytes: number;
  /** Bytes of the stored payload (codes or float32). */
  readonly packedBytes: number;
}

/** Memory of a set of weights as float32 and in the packed format. */
export interface SizeReport {
  readonly tensors: readonly TensorSize[];
  /** All weights as float32. */
  readonly floatBytes: number;
  /** The whole packed file: header, names, shapes, parameters, payloads, trailer. */
  readonly packedBytes: number;
  /** `floatBytes / packedBytes`. */
  readonly ratio: number;
  /** The quantized tensors alone, payloads only: here the ratio is 32/b (6.4 at 5 bits). */
  readonly quantized: {
    readonly tensors: number;
    readonly count: number;
    readonly floatBytes: number;
    readonly packedBytes: number;
    /** `floatBytes / packedBytes`; 1 when nothing is quantized. */
    readonly ratio: number;
  };
}

/**
 * How much memory packing saves: float32 bytes, packed bytes and their ratio, overall and for the
 * quantized tensors alone.
 *
 * **When to use**: to report the 32/b memory reduction of a quantized model ([Xu18]: 6.4× at
 * 5 bits, 5.3× at 6, 4.6× at 7) — from tensors about to be packed or from a packed file.
 *
 * **Details**: given tensors, sizes are computed from the format without packing (and equal
 * `packWeights(tensors).length`); given bytes, the file is verified and parsed (`unpackWeights`)
 * and its real length is used. The quantized-only ratio counts code payloads only, so it is
 * exactly `32/b` when each tensor's `count·b` is a multiple of 8 (else the last byte's padding
 * shows). The overall ratio includes float tensors (biases, batch norm) and per-tensor overhead.
 * `formatSizeReport` renders a markdown table.
 *
 * @example
 * sizeReport([{ name: 'k', shape: [8], values, quantization: { kind: 'power-of-two', bits: 5, n1: 0 } }])
 *   .quantized.ratio;   // 6.4  (32 bytes as float32, 5 bytes of codes)
 */
export function sizeReport(input: Uint8Array | readonly WeightTensor[]): SizeReport {
  let tensors: readonly WeightTensor[];
  let fileBytes: number | undefined;
  if (input instanceof Uint8Array) {
    tensors = unpackWeights(input).tensors;
    fileBytes = input.length;
  } else if (Array.isArray(input)) {
    tensors = input;
  } else {
    throw new InvalidArgumentError('input', 'expected packed bytes (Uint8Array) or an array of weight tensors');
  }
  const encoder = new TextEncoder();
  let computed = HEADER_BYTES + TRAILER_BYTES;
  let floatBytes = 0;
  const q = { tensors: 0, count: 0, floatBytes: 0, packedBytes: 0 };
  const lines: TensorSize[] = tensors.map((t) => {
    const count = t.values.length;
    const packed = payloadBytes(count, t.quantization);
    computed += recordBytes(encoder.encode(t.name).length, t.shape.length, count, t.quantization);
    floatBytes += 4 * count;
    if (t.quantization) {
      q.tensors++;
      q.count += count;
      q.floatBytes += 4 * count;
      q.packedBytes += packed;
    }
    return {
      name: t.name,
      shape: t.shape.slice(),
      count,
      kind: t.quantization ? t.quantization.kind : 'float32',
      bits: t.quantization ? t.quantization.bits : 32,
      floatBytes: 4 * count,
      packedBytes: packed,
    };
  });
  const packedBytes = fileBytes ?? computed;
  return {
    tensors: lines,
    floatBytes,
    packedBytes,
    ratio: floatBytes / packedBytes,
    quantized: { ...q, ratio: q.packedBytes > 0 ? q.floatBytes / q.packedBytes : 1 },
  };
}
